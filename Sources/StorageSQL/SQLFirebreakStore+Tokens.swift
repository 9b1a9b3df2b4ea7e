import Foundation
import SQLKit
import Storage

extension SQLFirebreakStore {
    /// Stores a new token (its secret only as a hash) and returns it with its id.
    public func createToken(_ token: TokenRecord) async throws -> TokenRecord {
        try StoreText.check(token.name, "the token name", indexed: true)
        try StoreText.check(token.secretHash, "the token hash", indexed: true)
        return try await write { database in
            let taken = try await database.raw("SELECT id FROM tokens WHERE name = \(bind: token.name)").all()
            guard taken.isEmpty else { throw StoreError.conflict("a token named \(token.name.debugDescription)") }
            let rows: [any SQLRow]
            do {
                rows = try await database.raw(
                    """
                    INSERT INTO tokens (name, role, secret_hash, created_at, revoked_at) VALUES (\(bind: token.name), \
                    \(bind: token.role.rawValue), \(bind: token.secretHash), \(bind: token.createdAt.timeIntervalSince1970), \
                    \(bind: StoreRows.seconds(token.revokedAt))) RETURNING id
                    """
                ).all()
            } catch  where StoreErrors.isUniqueViolation(error) {
                throw StoreError.conflict("a token with this name or secret")
            }
            var stored = token
            stored.id = try rows[0].decode(column: "id", as: Int64.self)
            return stored
        }
    }

    /// The token whose secret hashes to `secretHash`, revoked or not.
    public func token(secretHash: String) async throws -> TokenRecord? {
        try await read { database in
            try await database.raw(
                """
                SELECT \(unsafeRaw: StoreRows.tokenColumns) FROM tokens \
                WHERE secret_hash = \(bind: secretHash) AND revoked_at IS NULL
                """
            ).all().first.map(StoreRows.token)
        }
    }

    /// Every token, oldest first.
    public func tokens() async throws -> [TokenRecord] {
        try await read { database in
            try await database.raw("SELECT \(unsafeRaw: StoreRows.tokenColumns) FROM tokens ORDER BY id").all().map(
                StoreRows.token)
        }
    }

    /// Marks token `id` revoked at `at`; revoking a revoked token keeps its first time.
    public func revokeToken(id: Int64, at: Date) async throws {
        try await write { database in
            let rows = try await database.raw("SELECT id FROM tokens WHERE id = \(bind: id)").all()
            guard !rows.isEmpty else { throw StoreError.notFound("token \(id)") }
            try await database.raw(
                "UPDATE tokens SET revoked_at = COALESCE(revoked_at, \(bind: at.timeIntervalSince1970)) WHERE id = \(bind: id)"
            ).run()
        }
    }
}
