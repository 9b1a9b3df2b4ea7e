import Foundation
import Hummingbird
import Logging
import NIOCore
import Storage

/// What every handler shares: the store, the reloadable runtime, metrics, auth and the clock.
final class ServerEnvironment: Sendable {
    let store: any FirebreakStore
    let runtime: RuntimeBox
    let metrics: ServerMetrics
    let authenticator: TokenAuthenticator
    let now: @Sendable () -> Date
    let logger: Logger

    init(
        store: any FirebreakStore, runtime: ServerRuntime, metrics: ServerMetrics, now: @escaping @Sendable () -> Date,
        logger: Logger
    ) {
        self.store = store
        self.runtime = RuntimeBox(runtime)
        self.metrics = metrics
        self.authenticator = TokenAuthenticator(store: store, now: now)
        self.now = now
        self.logger = logger
    }

    /// Runs a store call and records its latency under `operation`.
    func timed<T>(_ operation: String, _ body: () async throws -> T) async throws -> T {
        let clock = ContinuousClock()
        let start = clock.now
        defer { metrics.store(operation, took: clock.now - start) }
        return try await body()
    }
}

/// One request as a handler sees it.
struct APICall {
    var request: Request
    let context: BasicRequestContext
    /// The authenticated token, `nil` on open routes.
    let principal: TokenRecord?
    /// The request id echoed in `X-Request-ID`.
    let requestID: String
    let environment: ServerEnvironment

    /// The actor recorded on the timeline: the token's name.
    var actor: String? { principal?.name }

    /// The `{id}` path parameter as a positive integer, or a 404.
    func incidentID() throws -> Int64 {
        guard let text = context.parameters.get("id"), let id = Int64(text), id > 0 else {
            throw APIError.notFound(
                "incident '\(context.parameters.get("id") ?? "")' does not exist; ids are positive integers from GET /api/v1/incidents"
            )
        }
        return id
    }

    /// A query parameter, if present and not empty.
    func query(_ name: String) -> String? {
        guard let value = request.uri.queryParameters.get(name), !value.isEmpty else { return nil }
        return value
    }

    /// An integer query parameter within `range`, else a 400 naming it.
    func integerQuery(_ name: String, default fallback: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text = query(name) else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw APIError.badRequest(
                "query parameter \(name)=\(text) must be a whole number from \(range.lowerBound) to \(range.upperBound)"
            )
        }
        return value
    }

    /// The body, at most `limit` bytes, else a 413.
    mutating func body(limit: Int) async throws -> ByteBuffer {
        do {
            return try await request.collectBody(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw APIError.tooLarge("the body is larger than \(limit) bytes; send less per request")
        }
    }

    /// Decodes a JSON body of type `T`, with 400s that name the JSON path.
    mutating func decode<T: Decodable>(_ type: T.Type, limit: Int = 1 << 20) async throws -> T {
        let buffer = try await body(limit: limit)
        return try JSONBody.decode(type, from: buffer)
    }
}

/// Decoding request bodies with errors that say where and why.
enum JSONBody {
    static func decode<T: Decodable>(_ type: T.Type, from buffer: ByteBuffer) throws -> T {
        try checkText(buffer)
        do {
            return try buffer.withUnsafeReadableBytes { bytes in
                try JSONDecoder().decode(T.self, from: Data(bytes))
            }
        } catch let error as DecodingError {
            throw APIError.badRequest(JSONPath.message(for: error), code: "invalid_body")
        }
    }

    /// Throws a 400 unless `buffer` holds some text in UTF-8: what every JSON body must be first.
    static func checkText(_ buffer: ByteBuffer) throws(APIError) {
        guard buffer.readableBytes > 0 else {
            throw APIError.badRequest("the body is empty; send a JSON object", code: "invalid_body")
        }
        let valid = buffer.withUnsafeReadableBytes { String(validating: $0, as: UTF8.self) != nil }
        guard valid else {
            throw APIError.badRequest("the body is not valid UTF-8; send JSON encoded as UTF-8", code: "invalid_body")
        }
    }
}
