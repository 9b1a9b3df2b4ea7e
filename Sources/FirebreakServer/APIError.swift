import Foundation
import HTTPTypes
import Hummingbird
import IncidentEngine
import Storage

/// An error answered as JSON: `{"error": {"code": "...", "message": "what to fix"}}`.
public struct APIError: HTTPResponseError, CustomStringConvertible {
    /// HTTP status.
    public var status: HTTPResponse.Status
    /// Stable machine-readable code, such as `invalid_body`.
    public var code: String
    /// What went wrong and how to fix it.
    public var message: String
    /// Extra response headers (`WWW-Authenticate`, `Retry-After`).
    public var headers: HTTPFields

    /// Creates an error.
    public init(_ status: HTTPResponse.Status, code: String, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    /// `STATUS CODE: MESSAGE`, as logged.
    public var description: String { "\(status.code) \(code): \(message)" }

    /// 400 with `code` `invalid_request`.
    static func badRequest(_ message: String, code: String = "invalid_request") -> APIError {
        APIError(.badRequest, code: code, message)
    }

    /// 404 for a thing that does not exist.
    static func notFound(_ message: String) -> APIError { APIError(.notFound, code: "not_found", message) }

    /// 413 naming the limit.
    static func tooLarge(_ message: String) -> APIError { APIError(.contentTooLarge, code: "too_large", message) }

    /// The JSON error body `{"error": {"code", "message"}}` with the status and any extra headers.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        JSONResponse.make(status: status, ErrorBody(error: .init(code: code, message: message)), headers: headers)
    }

    /// Maps store and engine errors to statuses; anything else is a 500 with its description logged, not shown.
    static func from(_ error: any Error) -> APIError {
        switch error {
        case let error as APIError: return error
        case let error as StoreError:
            if error.isNotFound { return .notFound(error.description) }
            if error.isInvalid { return .badRequest(error.description, code: "invalid_value") }
            if error.isConflict { return APIError(.conflict, code: "conflict", error.description) }
            var headers = HTTPFields()
            headers[.retryAfter] = "1"
            return APIError(.serviceUnavailable, code: "unavailable", error.description, headers: headers)
        case let error as IncidentTransitionError:
            return APIError(.conflict, code: "invalid_transition", error.description)
        default:
            return APIError(
                .internalServerError, code: "internal",
                "the server failed to handle the request; see its log for details")
        }
    }
}

/// The JSON shape of every error response.
struct ErrorBody: Codable, Sendable {
    struct Detail: Codable, Sendable {
        var code: String
        var message: String
    }

    var error: Detail
}

/// JSON responses with one encoder configuration.
enum JSONResponse {
    /// Encodes `value` as the body of a response.
    static func make(status: HTTPResponse.Status = .ok, _ value: some Encodable, headers: HTTPFields = [:]) -> Response
    {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let data =
            (try? encoder.encode(value))
            ?? Data(#"{"error":{"code":"internal","message":"response encoding failed"}}"#.utf8)
        return make(status: status, body: ByteBuffer(bytes: data), headers: headers)
    }

    /// A response whose body is the JSON text `json`.
    static func make(status: HTTPResponse.Status = .ok, json: String) -> Response {
        make(status: status, body: ByteBuffer(string: json), headers: [:])
    }

    private static func make(status: HTTPResponse.Status, body: ByteBuffer, headers: HTTPFields) -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: body))
    }
}
