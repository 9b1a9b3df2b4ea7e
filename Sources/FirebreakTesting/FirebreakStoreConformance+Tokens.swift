import Foundation
import IncidentEngine
import Storage

extension FirebreakStoreConformance {
    var tokenChecks: [Check] {
        [
            check("tokens: create, conflict, lookup by hash, revoke, list") { store in
                let created = try await store.createToken(StoreFixtures.token("ops-admin", role: .admin))
                try expect(created.id > 0, "a stored token has an id above 0")
                try expectEqual(created.role, .admin, "role")
                let ingest = try await store.createToken(StoreFixtures.token("am-ingest", role: .ingest))
                let duplicate = try await expectError("a second token with the same name") {
                    try await store.createToken(StoreFixtures.token("ops-admin", role: .viewer))
                }
                try expect(
                    try storeError(duplicate, "duplicate name").isConflict,
                    "duplicate name gives conflict, got \(duplicate)")
                let found = try await store.token(secretHash: created.secretHash)
                try expectEqual(found, created, "token by hash")
                let unknownHash = try await store.token(secretHash: String(repeating: "f", count: 64))
                try expect(unknownHash == nil, "unknown hash finds nothing")
                try await store.revokeToken(id: created.id, at: StoreFixtures.at(60))
                let revoked = try await store.token(secretHash: created.secretHash)
                try expect(revoked == nil, "a revoked token is not found by hash")
                let all = try await store.tokens()
                try expectEqual(all.map(\.name), ["ops-admin", "am-ingest"], "tokens by id")
                try expectEqual(all.first?.revokedAt, StoreFixtures.at(60), "revocation time")
                try expectEqual(all.last, ingest, "untouched token")
                let unknown = try await expectError("revoke of an unknown token") {
                    try await store.revokeToken(id: ingest.id + 100, at: StoreFixtures.t0)
                }
                try expect(
                    try storeError(unknown, "unknown token").isNotFound, "unknown token gives notFound, got \(unknown)")
            }
        ]
    }
}
