import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// A route's handler.
typealias RouteHandler = @Sendable (inout APICall) async throws -> Response

/// Runs one route: request id, authentication against the route's declared role, the handler,
/// error mapping to JSON, metrics and one log line.
struct RequestDispatcher: Sendable {
    let environment: ServerEnvironment

    static let requestIDField: HTTPField.Name = {
        guard let name = HTTPField.Name("X-Request-ID") else {
            preconditionFailure("X-Request-ID is a valid field name")
        }
        return name
    }()

    func respond(
        _ spec: RouteSpec, _ request: Request, _ context: BasicRequestContext, handler: RouteHandler
    ) async -> Response {
        let clock = ContinuousClock()
        let start = clock.now
        let given = request.headers[Self.requestIDField]
        let requestID = given.flatMap { Self.isValidRequestID($0) ? $0 : nil } ?? RandomID.uuid()
        var response: Response
        do {
            if let given, !Self.isValidRequestID(given) {
                throw APIError.badRequest(
                    "X-Request-ID must be 1 to 128 printable ASCII characters; send a shorter id or none")
            }
            let principal = try await spec.role.asyncMap {
                try await environment.authenticator.authorize(request.headers, requires: $0)
            }
            var call = APICall(
                request: request, context: context, principal: principal, requestID: requestID, environment: environment
            )
            response = try await handler(&call)
        } catch {
            let apiError = APIError.from(error)
            if apiError.status.code >= 500 {
                environment.logger.error(
                    "request failed",
                    metadata: ["route": "\(spec.path)", "request_id": "\(requestID)", "error": "\(error)"])
            }
            response =
                (try? apiError.response(from: request, context: context)) ?? Response(status: .internalServerError)
        }
        response.headers[Self.requestIDField] = requestID
        environment.metrics.request(route: spec.path, method: spec.method.rawValue, status: response.status.code)
        if environment.logger.logLevel <= .debug {
            environment.logger.debug(
                "request",
                metadata: [
                    "method": "\(spec.method.rawValue)", "route": "\(spec.path)", "status": "\(response.status.code)",
                    "request_id": "\(requestID)",
                    "duration_ms":
                        "\((clock.now - start).components.attoseconds / 1_000_000_000_000_000 + (clock.now - start).components.seconds * 1000)",
                ])
        }
        return response
    }

    static func isValidRequestID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 128 && id.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
