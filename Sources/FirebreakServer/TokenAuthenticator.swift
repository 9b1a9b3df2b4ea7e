import Foundation
import HTTPTypes
import RunbookModel
import Storage

/// Bearer-token authentication: the secret is hashed (SHA-256, hex) and looked up in the store.
///
/// Lookups are cached for a few seconds so ingest does not pay a query per request; revoking
/// through the API clears the cache at once.
final class TokenAuthenticator: @unchecked Sendable {
    private let store: any FirebreakStore
    private let now: @Sendable () -> Date
    private let lock = NSLock()
    private var cache: [String: (token: TokenRecord, until: Date)] = [:]
    private let lifetime: TimeInterval = 5

    init(store: any FirebreakStore, now: @escaping @Sendable () -> Date) {
        self.store = store
        self.now = now
    }

    /// The prefix every secret starts with.
    static let secretPrefix = "fbk_"

    /// A new random secret: `fbk_` and 32 random bytes as hex.
    static func makeSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return secretPrefix + bytes.map { String(format: "%02x", $0) }.joined()
    }

    /// The stored form of a secret.
    static func hash(_ secret: String) -> String { ContentHash.sha256Hex(secret) }

    /// The caller's token, or a 401 / 403 naming what to fix.
    func authorize(_ fields: HTTPFields, requires role: Role) async throws -> TokenRecord {
        guard let header = fields[.authorization] else {
            throw Self.unauthorized(
                "this route needs a token; send `Authorization: Bearer fbk_…` (create one with `firebreak token create`)"
            )
        }
        guard let secret = Self.bearerSecret(header) else {
            throw Self.unauthorized("the Authorization header must be `Bearer <token>`")
        }
        let hash = Self.hash(secret)
        guard let token = try await lookup(hash) else {
            throw Self.unauthorized("the token is unknown or revoked; create a new one with `firebreak token create`")
        }
        guard token.role.allows(role) else {
            throw APIError(
                .forbidden, code: "forbidden",
                "token '\(token.name)' has role \(token.role.rawValue); this route needs \(role.rawValue)")
        }
        return token
    }

    /// The secret of a `Bearer <secret>` header (scheme in any case, blanks around the secret
    /// ignored), or `nil` when the header is not one.
    static func bearerSecret(_ header: String) -> String? {
        let parts = header.utf8.split(separator: UInt8(ascii: " "), maxSplits: 1)
        guard parts.count == 2, parts[0].count == 6,
            zip(parts[0], "bearer".utf8).allSatisfy({ $0 | 0x20 == $1 })
        else { return nil }
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = parts[1].firstIndex(where: { !isBlank($0) }),
            let last = parts[1].lastIndex(where: { !isBlank($0) })
        else {
            return nil
        }
        return String(Substring(header.utf8[first...last]))
    }

    /// Forgets cached lookups (after a revoke).
    func invalidate() { lock.withLock { cache.removeAll() } }

    private func lookup(_ hash: String) async throws -> TokenRecord? {
        let time = now()
        if let hit = lock.withLock({ cache[hash] }), hit.until > time { return hit.token }
        guard let token = try await store.token(secretHash: hash) else { return nil }
        lock.withLock {
            if cache.count > 10_000 { cache.removeAll() }
            cache[hash] = (token, time.addingTimeInterval(lifetime))
        }
        return token
    }

    private static func unauthorized(_ message: String) -> APIError {
        var headers = HTTPFields()
        headers[.wwwAuthenticate] = #"Bearer realm="firebreak""#
        return APIError(.unauthorized, code: "unauthorized", message, headers: headers)
    }
}
