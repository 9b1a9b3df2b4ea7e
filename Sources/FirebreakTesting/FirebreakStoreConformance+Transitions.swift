import Foundation
import IncidentEngine
import Storage

extension FirebreakStoreConformance {
    var transitionChecks: [Check] {
        [
            check("acknowledge by key acknowledges the open incident, nil when none is open") { store in
                let opened = try await store.ingest(StoreFixtures.firing(key: "ack-key", count: 1), using: engine)
                let acked = try await store.acknowledge(
                    key: "ack-key", by: "alice", at: StoreFixtures.at(5), requestID: "pd-ack-1", using: engine)
                try expectEqual(acked?.id, opened.incident?.id, "acknowledged incident")
                try expectEqual(acked?.status, .acknowledged, "status")
                try expectEqual(acked?.acknowledgedBy, "alice", "acknowledged by")
                try expectEqual(acked?.acknowledgedAt, StoreFixtures.at(5), "acknowledged at")
                let stored = try await store.incident(id: try expectValue(acked?.id, "id"))
                try expectEqual(stored, acked, "stored after acknowledge")
                let none = try await store.acknowledge(
                    key: "no-such-key", by: "alice", at: StoreFixtures.at(6), requestID: "pd-ack-2", using: engine)
                try expect(none == nil, "acknowledging an unknown key returns nil")
                // Both requests are recorded, after the ingest's own delivery, with no alerts.
                let deliveries = try await store.deliveries(after: opened.deliveryID, limit: 10)
                try expectEqual(deliveries.map(\.requestID), ["pd-ack-1", "pd-ack-2"], "delivery request ids")
                try expectEqual(deliveries.map(\.key), ["ack-key", "no-such-key"], "delivery keys")
                try expectEqual(deliveries.map(\.incidentID), [acked?.id, nil], "delivery incidents")
                try expectEqual(deliveries.map(\.alertCount), [0, 0], "delivery alert counts")
                try expectEqual(deliveries.map(\.source), [.pagerduty, .pagerduty], "delivery sources")
                try expectEqual(
                    deliveries.map(\.receivedAt), [StoreFixtures.at(5), StoreFixtures.at(6)], "delivery times")
                let timeline = try await store.timeline(
                    incidentID: try expectValue(acked?.id, "id"), after: nil, limit: 100)
                try expectEqual(timeline.last?.kind, .acknowledged, "last timeline entry")
                try expectEqual(timeline.last?.actor, "alice", "actor on the timeline")
            },
            check("acknowledge by id is idempotent and reports unknown ids") { store in
                let opened = try await store.ingest(StoreFixtures.firing(key: "ack-id", count: 1), using: engine)
                let id = try expectValue(opened.incident?.id, "id")
                let first = try await store.acknowledge(id: id, by: "bob", at: StoreFixtures.at(1), using: engine)
                let second = try await store.acknowledge(id: id, by: "carol", at: StoreFixtures.at(2), using: engine)
                try expectEqual(first.status, .acknowledged, "status")
                try expectEqual(second.acknowledgedBy, "bob", "a second acknowledge keeps the first one's actor")
                let acks = try await store.timeline(incidentID: id, after: nil, limit: 100).filter {
                    $0.kind == .acknowledged
                }
                try expectEqual(acks.count, 1, "acknowledged entries on the timeline")
                let error = try await expectError("acknowledge of an unknown id") {
                    try await store.acknowledge(id: id + 1000, by: "bob", at: StoreFixtures.at(3), using: engine)
                }
                try expect(try storeError(error, "unknown id").isNotFound, "unknown id gives notFound, got \(error)")
            },
            check("resolve by id; resolved incidents refuse acknowledge and resolve") { store in
                let opened = try await store.ingest(StoreFixtures.firing(key: "res-id", count: 1), using: engine)
                let id = try expectValue(opened.incident?.id, "id")
                let resolved = try await store.resolve(id: id, by: "dave", at: StoreFixtures.at(9), using: engine)
                try expectEqual(resolved.status, .resolved, "status")
                try expectEqual(resolved.resolvedBy, "dave", "resolved by")
                try expectEqual(resolved.resolvedAt, StoreFixtures.at(9), "resolved at")
                try expectEqual(resolved.acknowledgedAt, StoreFixtures.at(9), "resolving acknowledges too")
                try expectEqual(try await store.incident(id: id), resolved, "stored after resolve")
                let ackError = try await expectError("acknowledge of a resolved incident") {
                    try await store.acknowledge(id: id, by: "dave", at: StoreFixtures.at(10), using: engine)
                }
                try expect(ackError is IncidentTransitionError, "the engine's transition error, got \(ackError)")
                let resolveError = try await expectError("resolve of a resolved incident") {
                    try await store.resolve(id: id, by: "dave", at: StoreFixtures.at(10), using: engine)
                }
                try expect(
                    resolveError is IncidentTransitionError, "the engine's transition error, got \(resolveError)")
                let unknown = try await expectError("resolve of an unknown id") {
                    try await store.resolve(id: id + 1000, by: "dave", at: StoreFixtures.at(10), using: engine)
                }
                try expect(
                    try storeError(unknown, "unknown id").isNotFound, "unknown id gives notFound, got \(unknown)")
                let none = try await store.acknowledge(
                    key: "res-id", by: "dave", at: StoreFixtures.at(11), requestID: nil, using: engine)
                try expect(none == nil, "acknowledge by key finds no open incident once resolved")
            },
            check("notes are appended with ids, in order, after and limit page the timeline") { store in
                let opened = try await store.ingest(StoreFixtures.firing(key: "notes", count: 2), using: engine)
                let id = try expectValue(opened.incident?.id, "id")
                let notes = (1...3).map {
                    TimelineEvent(
                        at: StoreFixtures.at(Double($0)), kind: .note, actor: "erin", message: "note \($0)",
                        details: ["n": "\($0)"])
                }
                let stored = try await store.appendTimeline(incidentID: id, events: notes)
                try expectEqual(stored.map(\.message), ["note 1", "note 2", "note 3"], "appended messages")
                try expect(stored.allSatisfy { $0.incidentID == id }, "appended entries carry the incident id")
                try expect(zip(stored, stored.dropFirst()).allSatisfy { $0.id < $1.id }, "appended ids increase")
                let update = try await store.appendTimeline(
                    incidentID: id,
                    events: [
                        TimelineEvent(at: StoreFixtures.at(4), kind: .statusUpdate, actor: "erin", message: "mitigated")
                    ])
                let timeline = try await store.timeline(incidentID: id, after: nil, limit: 100)
                try expectEqual(timeline, opened.events + stored + update, "whole timeline, oldest first")
                let after = try await store.timeline(incidentID: id, after: stored[0].id, limit: 2)
                try expectEqual(after, Array(stored[1...2]), "entries after the first note, limit 2")
                let error = try await expectError("append to an unknown incident") {
                    try await store.appendTimeline(incidentID: id + 1000, events: notes)
                }
                try expect(
                    try storeError(error, "unknown incident").isNotFound,
                    "unknown incident gives notFound, got \(error)")
                let other = try await store.ingest(StoreFixtures.firing(key: "notes-2", count: 1), using: engine)
                let otherTimeline = try await store.timeline(
                    incidentID: try expectValue(other.incident?.id, "id"), after: nil, limit: 100)
                try expectEqual(otherTimeline, other.events, "timelines do not mix")
            },
        ]
    }
}
