import Foundation
import IncidentEngine
import Storage

extension FirebreakStoreConformance {
    var ingestChecks: [Check] {
        [
            check("ingest opens an incident and stores it as returned") { store in
                let runbook = RunbookAttachment(id: "RB-001", reason: .annotation, url: "https://runbooks.local/rb-001")
                let note = StoreFixtures.notification(
                    key: "group-a", [StoreFixtures.alert("a1", labels: ["service": "ledger", "severity": "critical"])],
                    runbook: runbook, requestID: "req-1")
                let result = try await store.ingest(note, using: engine)
                try expect(result.opened, "a firing alert on a new key opens an incident")
                let incident = try expectValue(result.incident, "the opened incident")
                try expect(incident.id > 0, "a stored incident has an id above 0, got \(incident.id)")
                try expectEqual(incident.status, .triggered, "status of a new incident")
                try expectEqual(incident.severity, .critical, "severity from the label")
                try expectEqual(incident.service, "ledger", "service label")
                try expectEqual(incident.runbook, runbook, "attached runbook")
                try expectEqual(incident.alerts.map(\.fingerprint), ["a1"], "tracked fingerprints")
                try expect(result.deliveryID > 0, "every ingest records a delivery")
                try expectEqual(result.events.first?.kind, .opened, "first timeline entry")
                try expect(
                    result.events.allSatisfy { $0.id > 0 && $0.incidentID == incident.id },
                    "events carry ids and the incident id")
                let stored = try await store.incident(id: incident.id)
                try expectEqual(stored, incident, "incident(id:) returns what ingest returned")
                let timeline = try await store.timeline(incidentID: incident.id, after: nil, limit: 100)
                try expectEqual(timeline, result.events, "stored timeline")
            },
            check("the largest webhook the server takes (10,000 alerts) opens and then updates one incident") { store in
                let count = 10_000
                let opened = try await store.ingest(
                    StoreFixtures.firing(key: "group-large", count: count), using: engine)
                let incident = try expectValue(opened.incident, "the opened incident")
                try expectEqual(incident.alerts.count, count, "tracked alerts")
                try expectEqual(opened.events.count, count + 1, "timeline entries: opened, then one per alert")
                // Eleven insert statements of at most 1,000 rows: the returned ids are the stored ones.
                let timeline = try await store.timeline(incidentID: incident.id, after: nil, limit: count + 1)
                try expectEqual(timeline, opened.events, "stored timeline, ids included")
                let stored = try await store.incident(id: incident.id)
                try expectEqual(stored, incident, "stored incident")
                let resolved = try await store.ingest(
                    StoreFixtures.notification(
                        key: "group-large", (0..<count).map { StoreFixtures.alert("fp-\($0)", .resolved) },
                        at: StoreFixtures.at(30)),
                    using: engine)
                try expectEqual(resolved.incident?.status, .resolved, "status once all 10,000 resolved")
                let after = try await store.incident(id: incident.id)
                try expectEqual(after, resolved.incident, "stored incident after the update")
            },
            check("a new fingerprint joins the open incident of its key") { store in
                let first = try await store.ingest(StoreFixtures.firing(key: "group-b", count: 1), using: engine)
                let second = try await store.ingest(
                    StoreFixtures.notification(
                        key: "group-b", [StoreFixtures.alert("fp-0"), StoreFixtures.alert("joiner")],
                        at: StoreFixtures.at(30)),
                    using: engine)
                try expect(!second.opened, "a second notification for an open key does not open another incident")
                try expectEqual(second.incident?.id, first.incident?.id, "same incident")
                try expectEqual(
                    second.incident?.alerts.map(\.fingerprint), ["fp-0", "joiner"],
                    "fingerprints in order of first sight")
                try expectEqual(second.events.map(\.kind), [.alertJoined], "timeline entries of the join")
                try expectEqual(
                    second.incident?.alerts[0].firstSeenAt, StoreFixtures.t0, "first sight of the old alert is kept")
                let stored = try await store.incident(id: try expectValue(first.incident?.id, "id"))
                try expectEqual(stored, second.incident, "stored incident after the join")
                let page = try await store.incidents(matching: IncidentQuery())
                try expectEqual(page.incidents.count, 1, "incidents listed")
            },
            check("resolving every alert resolves the incident; a new trigger opens a new one") { store in
                let opened = try await store.ingest(StoreFixtures.firing(key: "group-c", count: 2), using: engine)
                let id = try expectValue(opened.incident?.id, "opened id")
                let partly = try await store.ingest(
                    StoreFixtures.notification(
                        key: "group-c", [StoreFixtures.alert("fp-0", .resolved)], at: StoreFixtures.at(10)),
                    using: engine)
                try expectEqual(partly.incident?.status, .triggered, "status with one alert still firing")
                let resolved = try await store.ingest(
                    StoreFixtures.notification(
                        key: "group-c",
                        [StoreFixtures.alert("fp-0", .resolved), StoreFixtures.alert("fp-1", .resolved)],
                        at: StoreFixtures.at(20)),
                    using: engine)
                try expectEqual(resolved.incident?.status, .resolved, "status once every alert resolved")
                try expectEqual(resolved.incident?.resolvedAt, StoreFixtures.at(20), "resolution time")
                try expectEqual(resolved.events.last?.kind, .resolved, "last timeline entry")
                let again = try await store.ingest(
                    StoreFixtures.firing(key: "group-c", count: 1, at: StoreFixtures.at(60)), using: engine)
                try expect(again.opened, "a trigger on a resolved key opens a new incident")
                try expect(again.incident?.id != id, "the new incident has a new id")
                let old = try await store.incident(id: id)
                try expectEqual(old?.status, .resolved, "the old incident stays resolved")
                let counts = try await store.openIncidentCounts()
                try expectEqual(counts.values.reduce(0, +), 1, "open incidents")
            },
            check("a resolve for an unknown key changes nothing but is recorded as a delivery") { store in
                let result = try await store.ingest(
                    StoreFixtures.notification(
                        key: "nobody", [StoreFixtures.alert("x", .resolved)], requestID: "req-noop"), using: engine)
                try expect(result.incident == nil, "no incident for a resolve on an unknown key")
                try expect(!result.opened, "nothing opened")
                try expect(result.deliveryID > 0, "the no-op delivery is recorded")
                let deliveries = try await store.deliveries(after: nil, limit: 10)
                try expectEqual(deliveries.map(\.requestID), ["req-noop"], "delivery request ids")
                try expect(deliveries.first?.incidentID == nil, "a no-op delivery has no incident")
                let page = try await store.incidents(matching: IncidentQuery())
                try expectEqual(page.incidents.count, 0, "incidents after a no-op")
            },
            check("deliveries keep request ids, counts and incidents in order") { store in
                let a = try await store.ingest(
                    StoreFixtures.firing(key: "d1", count: 3, requestID: "r-1"), using: engine)
                let b = try await store.ingest(StoreFixtures.firing(key: "d2", count: 1, requestID: nil), using: engine)
                let c = try await store.ingest(
                    StoreFixtures.firing(key: "d1", count: 2, requestID: "r-3"), using: engine)
                let all = try await store.deliveries(after: nil, limit: 100)
                try expectEqual(all.map(\.id), [a.deliveryID, b.deliveryID, c.deliveryID], "delivery ids in order")
                try expect(a.deliveryID < b.deliveryID && b.deliveryID < c.deliveryID, "delivery ids increase")
                try expectEqual(all.map(\.requestID), ["r-1", nil, "r-3"], "request ids")
                try expectEqual(all.map(\.alertCount), [3, 1, 2], "alert counts")
                try expectEqual(all.map(\.key), ["d1", "d2", "d1"], "keys")
                try expectEqual(all.map(\.incidentID), [a.incident?.id, b.incident?.id, a.incident?.id], "incidents")
                try expectEqual(all.first?.receivedAt, StoreFixtures.t0, "received time")
                try expectEqual(all.first?.source, .alertmanager, "source")
                let after = try await store.deliveries(after: a.deliveryID, limit: 1)
                try expectEqual(after.map(\.id), [b.deliveryID], "deliveries after the first, limit 1")
            },
            check("concurrent notifications for one key open exactly one incident") { store in
                let engine = self.engine
                let results = try await withThrowingTaskGroup(of: IngestResult.self) { group in
                    for i in 0..<40 {
                        group.addTask {
                            try await store.ingest(
                                StoreFixtures.notification(
                                    key: "storm", [StoreFixtures.alert("storm-\(i)")], at: StoreFixtures.at(Double(i))),
                                using: engine)
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                try expectEqual(results.filter(\.opened).count, 1, "incidents opened by 40 concurrent notifications")
                try expectEqual(Set(results.compactMap(\.incident?.id)).count, 1, "distinct incident ids")
                let id = try expectValue(results.first?.incident?.id, "id")
                let stored = try await store.incident(id: id)
                try expectEqual(stored?.alerts.count, 40, "fingerprints tracked")
                try expectEqual(Set(results.map(\.deliveryID)).count, 40, "distinct deliveries")
            },
            check("concurrent notifications for different keys are all stored") { store in
                let engine = self.engine
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for i in 0..<60 {
                        group.addTask {
                            _ = try await store.ingest(StoreFixtures.firing(key: "key-\(i)", count: 2), using: engine)
                        }
                    }
                    try await group.waitForAll()
                }
                let page = try await store.incidents(matching: IncidentQuery(limit: 500))
                try expectEqual(Set(page.incidents.map(\.key)).count, 60, "distinct incidents")
                let deliveries = try await store.deliveries(after: nil, limit: 500)
                try expectEqual(deliveries.count, 60, "deliveries")
            },
        ]
    }
}
