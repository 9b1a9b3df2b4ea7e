import RunbookCatalog
import XCTest

/// The conformance suite on the in-memory reference implementation.
final class InMemorySearchIndexConformanceTests: XCTestCase {
    private var suite: SearchIndexConformance {
        SearchIndexConformance(make: { InMemorySearchIndex() })
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
