import Foundation
import IncidentEngine
import Storage

extension FirebreakStoreConformance {
    var queryChecks: [Check] {
        [
            check("incidents page newest first with cursors") { store in
                var ids: [Int64] = []
                for i in 0..<7 {
                    let result = try await store.ingest(
                        StoreFixtures.firing(key: "page-\(i)", count: 1, at: StoreFixtures.at(Double(i))), using: engine
                    )
                    ids.append(try expectValue(result.incident?.id, "id"))
                }
                var seen: [Int64] = []
                var cursor: String?
                var pages = 0
                repeat {
                    let page = try await store.incidents(matching: IncidentQuery(limit: 3, cursor: cursor))
                    try expect(page.incidents.count <= 3, "a page holds at most limit incidents")
                    seen += page.incidents.map(\.id)
                    cursor = page.nextCursor
                    pages += 1
                } while cursor != nil && pages < 10
                try expectEqual(seen, ids.reversed(), "ids over all pages, newest first")
                try expectEqual(pages, 3, "pages for 7 incidents of 3")
                let bad = try await expectError("a garbage cursor") {
                    try await store.incidents(matching: IncidentQuery(cursor: "not a cursor"))
                }
                try expect(try storeError(bad, "garbage cursor").isInvalid, "garbage cursor gives invalid, got \(bad)")
                for limit in [0, 501] {
                    let error = try await expectError("limit \(limit)") {
                        try await store.incidents(matching: IncidentQuery(limit: limit))
                    }
                    try expect(
                        try storeError(error, "limit \(limit)").isInvalid, "limit \(limit) gives invalid, got \(error)")
                }
            },
            check("incident filters: status, severity, service, runbook, opened since and before") { store in
                let rb = RunbookAttachment(id: "RB-9", reason: .alertsField)
                let a = try await store.ingest(
                    StoreFixtures.notification(
                        key: "f-a", [StoreFixtures.alert("1", labels: ["service": "api"])], at: StoreFixtures.at(0),
                        severity: .critical, runbook: rb),
                    using: engine)
                let b = try await store.ingest(
                    StoreFixtures.notification(
                        key: "f-b", [StoreFixtures.alert("1", labels: ["service": "db"])], at: StoreFixtures.at(100),
                        severity: .warning),
                    using: engine)
                let c = try await store.ingest(
                    StoreFixtures.notification(
                        key: "f-c", [StoreFixtures.alert("1", labels: ["service": "api"])], at: StoreFixtures.at(200),
                        severity: .warning),
                    using: engine)
                let (idA, idB, idC) = (
                    try expectValue(a.incident?.id, "a"), try expectValue(b.incident?.id, "b"),
                    try expectValue(c.incident?.id, "c")
                )
                _ = try await store.acknowledge(id: idB, by: "x", at: StoreFixtures.at(101), using: engine)
                _ = try await store.resolve(id: idC, by: "x", at: StoreFixtures.at(201), using: engine)
                func ids(_ query: IncidentQuery) async throws -> [Int64] {
                    try await store.incidents(matching: query).incidents.map(\.id)
                }
                try expectEqual(try await ids(IncidentQuery(statuses: [.triggered])), [idA], "triggered")
                try expectEqual(
                    try await ids(IncidentQuery(statuses: [.triggered, .acknowledged])), [idB, idA],
                    "triggered or acknowledged")
                try expectEqual(try await ids(IncidentQuery(statuses: [.resolved])), [idC], "resolved")
                try expectEqual(try await ids(IncidentQuery(severity: .warning)), [idC, idB], "warning")
                try expectEqual(try await ids(IncidentQuery(service: "api")), [idC, idA], "service api")
                try expectEqual(try await ids(IncidentQuery(runbookID: "RB-9")), [idA], "runbook RB-9")
                try expectEqual(
                    try await ids(IncidentQuery(openedSince: StoreFixtures.at(100))), [idC, idB], "opened since t+100")
                try expectEqual(
                    try await ids(IncidentQuery(openedBefore: StoreFixtures.at(100))), [idA], "opened before t+100")
                try expectEqual(
                    try await ids(
                        IncidentQuery(
                            statuses: [.acknowledged, .resolved], service: "api", openedSince: StoreFixtures.at(50))),
                    [idC], "combined filters")
                try expectEqual(try await ids(IncidentQuery(service: "nothing")), [], "no match")
                let filteredPage = try await store.incidents(matching: IncidentQuery(severity: .warning, limit: 1))
                try expectEqual(filteredPage.incidents.map(\.id), [idC], "first filtered page")
                let next = try await store.incidents(
                    matching: IncidentQuery(
                        severity: .warning, limit: 1, cursor: try expectValue(filteredPage.nextCursor, "cursor")))
                try expectEqual(next.incidents.map(\.id), [idB], "second filtered page")
            },
            check("open incident counts by severity leave resolved ones out") { store in
                for (i, severity) in [IncidentSeverity.critical, .critical, .warning, .info].enumerated() {
                    _ = try await store.ingest(
                        StoreFixtures.notification(key: "c-\(i)", [StoreFixtures.alert("1")], severity: severity),
                        using: engine)
                }
                let resolved = try await store.ingest(
                    StoreFixtures.notification(key: "c-r", [StoreFixtures.alert("1")], severity: .high), using: engine)
                _ = try await store.resolve(
                    id: try expectValue(resolved.incident?.id, "id"), by: nil, at: StoreFixtures.at(1), using: engine)
                let counts = try await store.openIncidentCounts()
                try expectEqual(counts.filter { $0.value > 0 }, [.critical: 2, .warning: 1, .info: 1], "open counts")
            },
        ]
    }
}
