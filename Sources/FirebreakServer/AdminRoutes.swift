import Foundation
import Hummingbird
import Storage

/// `/api/v1/tokens…` and `/api/v1/deliveries`.
enum AdminRoutes {
    struct CreateBody: Decodable {
        var name: String
        var role: String
    }

    struct TokenListView: Encodable { var tokens: [TokenView] }
    struct DeliveryListView: Encodable {
        var deliveries: [DeliveryView]
        var nextAfter: Int64?

        enum CodingKeys: String, CodingKey {
            case deliveries
            case nextAfter = "next_after"
        }
    }

    static func listTokens(_ call: inout APICall) async throws -> Response {
        let store = call.environment.store
        let tokens = try await call.environment.timed("tokens") { try await store.tokens() }
        return JSONResponse.make(TokenListView(tokens: tokens.map { TokenView($0) }))
    }

    static func createToken(_ call: inout APICall) async throws -> Response {
        let body = try await call.decode(CreateBody.self)
        let (token, secret) = try await TokenIssuer(store: call.environment.store, now: call.environment.now)
            .issue(name: body.name, role: body.role)
        return JSONResponse.make(status: .created, TokenView(token, secret: secret))
    }

    static func revokeToken(_ call: inout APICall) async throws -> Response {
        let text = call.context.parameters.get("id") ?? ""
        guard let id = Int64(text), id > 0 else {
            throw APIError.notFound("token '\(text)' does not exist; ids are the numbers GET /api/v1/tokens lists")
        }
        let environment = call.environment
        try await environment.timed("revoke") { try await environment.store.revokeToken(id: id, at: environment.now()) }
        environment.authenticator.invalidate()
        return Response(status: .noContent)
    }

    static func deliveries(_ call: inout APICall) async throws -> Response {
        let limit = try call.integerQuery("limit", default: 1000, range: 1...10_000)
        var after: Int64?
        if let text = call.query("after") {
            guard let value = Int64(text), value >= 0 else {
                throw APIError.badRequest("after=\(text) must be a delivery id (a whole number)")
            }
            after = value
        }
        let store = call.environment.store
        let deliveries = try await call.environment.timed("deliveries") {
            try await store.deliveries(after: after, limit: limit)
        }
        return JSONResponse.make(
            DeliveryListView(
                deliveries: deliveries.map(DeliveryView.init),
                nextAfter: deliveries.count == limit ? deliveries.last?.id : nil))
    }
}

/// Creates tokens: validates name and role, makes the secret, stores only its hash. Used by the
/// API and by `firebreak token create`.
public struct TokenIssuer: Sendable {
    let store: any FirebreakStore
    let now: @Sendable () -> Date

    /// Creates an issuer over `store`.
    public init(store: any FirebreakStore, now: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.now = now
    }

    /// Stores a new token and returns it with its secret, which is never shown again.
    public func issue(name: String, role: String) async throws -> (TokenRecord, String) {
        guard let role = Role(rawValue: role) else {
            throw APIError.badRequest("role '\(role)' is not a role; use viewer, responder, admin or ingest")
        }
        try Self.validate(name: name)
        let secret = TokenAuthenticator.makeSecret()
        let record = TokenRecord(name: name, role: role, secretHash: TokenAuthenticator.hash(secret), createdAt: now())
        return (try await store.createToken(record), secret)
    }

    /// A token name: 1–64 letters, digits, `-`, `_`, `.`, `@`.
    public static func validate(name: String) throws {
        let allowed = name.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || [0x2D, 0x5F, 0x2E, 0x40].contains(byte)
        }
        guard !name.isEmpty, name.utf8.count <= 64, allowed else {
            throw APIError.badRequest(
                "token name '\(name.prefix(80))' must be 1 to 64 letters, digits, '-', '_', '.' or '@'")
        }
    }

    /// The stored hash of a secret (SHA-256, lowercase hex).
    public static func hash(_ secret: String) -> String { TokenAuthenticator.hash(secret) }
}
