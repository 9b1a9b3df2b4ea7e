import Foundation
import IncidentEngine
import Storage

extension FirebreakStoreConformance {
    var robustnessChecks: [Check] {
        [
            check("NUL bytes and huge values are refused as invalid or stored intact") { store in
                let nasty: [AlertNotification] = [
                    StoreFixtures.notification(key: "nul\u{0}key", [StoreFixtures.alert("n1")]),
                    StoreFixtures.notification(
                        key: "nul-label", [StoreFixtures.alert("n2", labels: ["team": "a\u{0}b"])]),
                    StoreFixtures.notification(key: "nul-fp", [StoreFixtures.alert("fp\u{0}")], requestID: "r\u{0}"),
                    StoreFixtures.notification(
                        key: "huge",
                        [StoreFixtures.alert("h1", labels: ["blob": String(repeating: "x", count: 1_000_000)])]),
                    StoreFixtures.notification(key: String(repeating: "k", count: 10_000), [StoreFixtures.alert("h2")]),
                    StoreFixtures.notification(
                        key: "emoji-🔥", [StoreFixtures.alert("é-ü", labels: ["quote": "'; DROP TABLE incidents; --"])]),
                    StoreFixtures.notification(
                        key: "escapes",
                        [StoreFixtures.alert("e1", labels: ["json\"key": "a\\b\n\t\r\u{1}\u{1F}\"}{", "empty": ""])]),
                ]
                for note in nasty {
                    do {
                        let result = try await store.ingest(note, using: engine)
                        let incident = try expectValue(result.incident, "incident for \(note.key.prefix(20))")
                        try expectEqual(
                            try await store.incident(id: incident.id), incident, "\(note.key.prefix(20)) stored intact")
                        try expectEqual(incident.key, note.key, "key stored intact")
                        try expectEqual(
                            incident.alerts.map(\.labels), note.alerts.map(\.labels), "labels stored intact")
                    } catch let error as StoreError {
                        try expect(
                            error.isInvalid,
                            "\(note.key.prefix(20)): a value the store refuses is invalid, got \(error)")
                    }
                }
                let note = TimelineEvent(at: StoreFixtures.t0, kind: .note, actor: "x\u{0}", message: "nul\u{0}note")
                let target = try await store.ingest(StoreFixtures.firing(key: "after-nasty", count: 1), using: engine)
                let id = try expectValue(target.incident?.id, "the store keeps working after refused values")
                do {
                    let stored = try await store.appendTimeline(incidentID: id, events: [note])
                    try expectEqual(stored.map(\.message), [note.message], "note stored intact")
                } catch let error as StoreError {
                    try expect(error.isInvalid, "a note the store refuses is invalid, got \(error)")
                }
                do {
                    let token = try await store.createToken(StoreFixtures.token("nul\u{0}name"))
                    try expectEqual(
                        try await store.token(secretHash: token.secretHash)?.name, "nul\u{0}name", "token name intact")
                } catch let error as StoreError {
                    try expect(error.isInvalid, "a token the store refuses is invalid, got \(error)")
                }
                try await store.ping()
            },
            check("ping answers and the schema version is positive") { store in
                try await store.ping()
                let version = try await store.schemaVersion()
                try expect(version >= 1, "schema version after migrations, got \(version)")
            },
            check("a closed store refuses every call with closed; closing twice is fine") { store in
                _ = try await store.ingest(StoreFixtures.firing(key: "before-close", count: 1), using: engine)
                try await store.close()
                try await store.close()
                let calls: [(String, @Sendable () async throws -> Void)] = [
                    (
                        "ingest",
                        { _ = try await store.ingest(StoreFixtures.firing(key: "late", count: 1), using: self.engine) }
                    ),
                    ("incident", { _ = try await store.incident(id: 1) }),
                    ("incidents", { _ = try await store.incidents(matching: IncidentQuery()) }),
                    (
                        "acknowledge",
                        {
                            _ = try await store.acknowledge(
                                key: "before-close", by: nil, at: StoreFixtures.t0, requestID: nil, using: self.engine)
                        }
                    ),
                    ("deliveries", { _ = try await store.deliveries(after: nil, limit: 1) }),
                    ("createToken", { _ = try await store.createToken(StoreFixtures.token("late")) }),
                    ("tokens", { _ = try await store.tokens() }),
                    ("ping", { try await store.ping() }),
                ]
                for (name, call) in calls {
                    let error = try await expectError("\(name) after close") { try await call() }
                    try expect(
                        (error as? StoreError)?.isClosed == true,
                        "\(name) after close gives StoreError.closed, got \(error)")
                }
            },
        ]
    }
}
