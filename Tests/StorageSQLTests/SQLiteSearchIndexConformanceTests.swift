import Foundation
import RunbookCatalog
import XCTest

@testable import StorageSQL

/// The conformance suite on SQLite, in memory.
final class SQLiteSearchIndexConformanceTests: XCTestCase {
    private var suite: SearchIndexConformance {
        SearchIndexConformance(
            make: { try await SQLiteSearchIndex(path: nil) }, dispose: { try await ($0 as? SQLiteSearchIndex)?.close() }
        )
    }

    func testEmptyIndexFindsNothingAndRefreshesToNothing() async throws {
        try await suite.emptyIndexFindsNothingAndRefreshesToNothing()
    }
    func testRefreshCountsAddedUpdatedRemovedUnchanged() async throws {
        try await suite.refreshCountsAddedUpdatedRemovedUnchanged()
    }
    func testRemovedDocumentsDisappearAndUpdatesAreSearchable() async throws {
        try await suite.removedDocumentsDisappearAndUpdatesAreSearchable()
    }
    func testTitleAndAlertOutrankSymptomsWhichOutrankProse() async throws {
        try await suite.titleAndAlertOutrankSymptomsWhichOutrankProse()
    }
    func testExactTokensMatchWhateverTheirCase() async throws { try await suite.exactTokensMatchWhateverTheirCase() }
    func testDocumentsWithEveryWordComeBeforePartialMatches() async throws {
        try await suite.documentsWithEveryWordComeBeforePartialMatches()
    }
    func testHostileQueriesNeverThrowAndStillFindTerms() async throws {
        try await suite.hostileQueriesNeverThrowAndStillFindTerms()
    }
    func testLimitIsRespected() async throws { try await suite.limitIsRespected() }
    func testHitsCarryLocationSnippetAndMatchedFields() async throws {
        try await suite.hitsCarryLocationSnippetAndMatchedFields()
    }
    func testSameIdInTwoFilesIsTwoDocuments() async throws { try await suite.sameIdInTwoFilesIsTwoDocuments() }
}

/// The conformance suite on SQLite, in a file under a fresh directory.
final class SQLiteFileSearchIndexConformanceTests: XCTestCase {
    private var suite: SearchIndexConformance {
        SearchIndexConformance(
            make: {
                try await SQLiteSearchIndex(
                    path: try TemporaryDirectory.make().appendingPathComponent(".firebreak/search.sqlite").path)
            },
            dispose: { index in
                guard let index = index as? SQLiteSearchIndex else { return }
                try await index.close()
                let file = URL(fileURLWithPath: await index.path ?? "")
                try? FileManager.default.removeItem(at: file.deletingLastPathComponent().deletingLastPathComponent())
            })
    }

    func testEmptyIndexFindsNothingAndRefreshesToNothing() async throws {
        try await suite.emptyIndexFindsNothingAndRefreshesToNothing()
    }
    func testRefreshCountsAddedUpdatedRemovedUnchanged() async throws {
        try await suite.refreshCountsAddedUpdatedRemovedUnchanged()
    }
    func testRemovedDocumentsDisappearAndUpdatesAreSearchable() async throws {
        try await suite.removedDocumentsDisappearAndUpdatesAreSearchable()
    }
    func testTitleAndAlertOutrankSymptomsWhichOutrankProse() async throws {
        try await suite.titleAndAlertOutrankSymptomsWhichOutrankProse()
    }
    func testExactTokensMatchWhateverTheirCase() async throws { try await suite.exactTokensMatchWhateverTheirCase() }
    func testDocumentsWithEveryWordComeBeforePartialMatches() async throws {
        try await suite.documentsWithEveryWordComeBeforePartialMatches()
    }
    func testHostileQueriesNeverThrowAndStillFindTerms() async throws {
        try await suite.hostileQueriesNeverThrowAndStillFindTerms()
    }
    func testLimitIsRespected() async throws { try await suite.limitIsRespected() }
    func testHitsCarryLocationSnippetAndMatchedFields() async throws {
        try await suite.hitsCarryLocationSnippetAndMatchedFields()
    }
    func testSameIdInTwoFilesIsTwoDocuments() async throws { try await suite.sameIdInTwoFilesIsTwoDocuments() }
}
