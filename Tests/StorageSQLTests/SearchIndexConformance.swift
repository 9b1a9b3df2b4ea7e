import RunbookCatalog
import XCTest

/// The behaviour every ``RunbookSearchIndex`` must have, run by one test class per implementation.
/// (XCTest on Linux only discovers test methods a class declares itself, so each class lists the
/// checks below one by one instead of inheriting them.)
struct SearchIndexConformance {
    /// Makes a fresh, empty index.
    var make: @Sendable () async throws -> any RunbookSearchIndex
    /// Releases what `make` opened.
    var dispose: @Sendable (any RunbookSearchIndex) async throws -> Void = { _ in }

    /// Runs `body` on a fresh index and disposes of it, also when `body` throws.
    func withIndex(_ body: (any RunbookSearchIndex) async throws -> Void) async throws {
        let index = try await make()
        do {
            try await body(index)
        } catch {
            try await dispose(index)
            throw error
        }
        try await dispose(index)
    }

    func emptyIndexFindsNothingAndRefreshesToNothing() async throws {
        try await withIndex { index in
            let hits = try await index.search("ledger", limit: 10)
            XCTAssertEqual(hits, [])
            let stats = try await index.refresh([])
            XCTAssertEqual(stats, RefreshStats())
        }
    }

    func refreshCountsAddedUpdatedRemovedUnchanged() async throws {
        try await withIndex { index in
            let first = try await index.refresh(SearchFixtures.ledgerSet)
            XCTAssertEqual(first, RefreshStats(added: 3))
            let again = try await index.refresh(SearchFixtures.ledgerSet)
            XCTAssertEqual(again, RefreshStats(unchanged: 3))

            var changed = SearchFixtures.ledgerSet
            changed[0].body += "\nAfter the failover, page the settlement team."
            changed[0].contentHash = changed[0].computeHash()
            changed.remove(at: 1)
            changed.append(
                SearchFixtures.document(
                    id: "LEDGER-009", title: "Ledger snapshot export stalled",
                    body: "The nightly snapshot export stalls."))
            let third = try await index.refresh(changed)
            XCTAssertEqual(third, RefreshStats(added: 1, updated: 1, removed: 1, unchanged: 1))
        }
    }

    func removedDocumentsDisappearAndUpdatesAreSearchable() async throws {
        try await withIndex { index in
            _ = try await index.refresh(SearchFixtures.ledgerSet)
            let before = try await index.search("reconciliation", limit: 10)
            XCTAssertEqual(before.map(\.id), ["LEDGER-002"])

            var next = SearchFixtures.ledgerSet.filter { $0.id != "LEDGER-002" }
            next[0].symptoms = "Journal writes fail with EROFS on the primary volume."
            next[0].contentHash = next[0].computeHash()
            _ = try await index.refresh(next)
            let gone = try await index.search("reconciliation", limit: 10)
            XCTAssertEqual(gone, [])
            let updated = try await index.search("EROFS", limit: 10)
            XCTAssertEqual(updated.map(\.id), [next[0].id])
        }
    }

    func titleAndAlertOutrankSymptomsWhichOutrankProse() async throws {
        try await withIndex { index in
            _ = try await index.refresh(SearchFixtures.weighting)
            let hits = try await index.search("backpressure", limit: 10)
            XCTAssertEqual(hits.map(\.id), ["IN-TITLE", "IN-SYMPTOMS", "IN-ERRORS", "IN-BODY"])
            XCTAssertEqual(hits.first?.matchedFields, ["title"])
            XCTAssertEqual(hits.last?.matchedFields, ["body"])
            let alert = try await index.search("quota", limit: 10)
            XCTAssertEqual(alert.map(\.id), ["IN-ALERT", "IN-COMMANDS"])
            XCTAssertTrue(alert.allSatisfy { $0.score > 0 })
            XCTAssertGreaterThan(alert[0].score, alert[1].score)
        }
    }

    func exactTokensMatchWhateverTheirCase() async throws {
        try await withIndex { index in
            _ = try await index.refresh(SearchFixtures.exactTokens)
            let expectations: [(String, String)] = [
                ("UNAVAILABLE", "GRPC-UNAVAILABLE"), ("unavailable", "GRPC-UNAVAILABLE"),
                ("CrashLoopBackOff", "CRASHLOOP"), ("crashloopbackoff", "CRASHLOOP"),
                ("OOMKilled", "OOM"), ("oomkilled", "OOM"), ("503", "GATEWAY-503"),
                ("KubePodCrashLooping", "CRASHLOOP"), ("kubepodcrashlooping", "CRASHLOOP"),
                ("kube pod crash looping", "CRASHLOOP"), ("pod crash looping", "CRASHLOOP"),
            ]
            for (query, expected) in expectations {
                let hits = try await index.search(query, limit: 5)
                XCTAssertEqual(hits.first?.id, expected, "query \(query)")
            }
            // Tokens match whole: `503` is not a prefix match for `5030`.
            let port = try await index.search("503", limit: 10)
            XCTAssertFalse(port.contains { $0.id == "PORT-5030" })
        }
    }

    func documentsWithEveryWordComeBeforePartialMatches() async throws {
        try await withIndex { index in
            _ = try await index.refresh(SearchFixtures.multiWord)
            let hits = try await index.search("ledger replica lag", limit: 10)
            XCTAssertEqual(hits.first?.id, "ALL-WORDS")
            XCTAssertEqual(Set(hits.dropFirst().map(\.id)), ["LEDGER-ONLY", "LAG-ONLY"])
            XCTAssertFalse(hits.contains { $0.id == "UNRELATED" })
        }
    }

    func hostileQueriesNeverThrowAndStillFindTerms() async throws {
        try await withIndex { index in
            _ = try await index.refresh(SearchFixtures.exactTokens)
            for query in SearchFixtures.hostileQueries {
                let hits = try await index.search(query, limit: 5)
                XCTAssertLessThanOrEqual(hits.count, 5, "query \(query.prefix(40))")
            }
            let wrapped = try await index.search("\"CrashLoopBackOff* NEAR(", limit: 5)
            XCTAssertEqual(wrapped.first?.id, "CRASHLOOP")
            let nothing = try await index.search("*", limit: 5)
            XCTAssertEqual(nothing, [])
            let stillWorks = try await index.search("OOMKilled", limit: 5)
            XCTAssertEqual(stillWorks.first?.id, "OOM")
        }
    }

    func limitIsRespected() async throws {
        try await withIndex { index in
            _ = try await index.refresh(SearchFixtures.ledgerSet)
            let all = try await index.search("ledger", limit: 10)
            XCTAssertEqual(all.count, 3)
            let one = try await index.search("ledger", limit: 1)
            XCTAssertEqual(one.map(\.id), [all[0].id])
            let none = try await index.search("ledger", limit: 0)
            XCTAssertEqual(none, [])
            let negative = try await index.search("ledger", limit: -3)
            XCTAssertEqual(negative, [])
        }
    }

    func hitsCarryLocationSnippetAndMatchedFields() async throws {
        try await withIndex { index in
            _ = try await index.refresh(SearchFixtures.ledgerSet)
            let hits = try await index.search("reconciliation drift", limit: 3)
            let hit = try XCTUnwrap(hits.first)
            XCTAssertEqual(hit.id, "LEDGER-002")
            XCTAssertEqual(hit.title, "Ledger reconciliation drift")
            XCTAssertEqual(hit.file, "runbooks/ledger/reconciliation.md")
            XCTAssertEqual(hit.line, 12)
            XCTAssertTrue(hit.snippet.contains("**drift**"), hit.snippet)
            XCTAssertEqual(hit.matchedFields, ["title", "symptoms"])
        }
    }

    func sameIdInTwoFilesIsTwoDocuments() async throws {
        try await withIndex { index in
            let first = SearchFixtures.document(
                id: "LedgerDiskFull", title: "LedgerDiskFull", file: "team-a/LedgerDiskFull.md", body: "Disk is full.")
            let second = SearchFixtures.document(
                id: "LedgerDiskFull", title: "LedgerDiskFull", file: "team-b/LedgerDiskFull.md", body: "Disk is full.")
            let stats = try await index.refresh([first, second, first])
            XCTAssertEqual(stats, RefreshStats(added: 2))
            let hits = try await index.search("ledgerdiskfull", limit: 10)
            XCTAssertEqual(Set(hits.map(\.file)), ["team-a/LedgerDiskFull.md", "team-b/LedgerDiskFull.md"])
        }
    }
}
