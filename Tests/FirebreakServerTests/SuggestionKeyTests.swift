import FirebreakConfig
import Foundation
import IncidentEngine
import XCTest

@testable import FirebreakServer

/// Suggestions are cached by the query's known terms: queries that share a key get the best match
/// the index itself gives each of them, and queries whose known terms differ do not share a key.
final class SuggestionKeyTests: XCTestCase {
    private static let known = ["ledger", "replication", "redis", "cache", "lag", "drift", "api", "degraded"]

    func testQueriesSharingAKeyGetTheIndexsOwnBestMatch() async throws {
        let snapshot = try await RunbookCatalogSnapshot.load(
            config: FirebreakConfig.load(from: ServerFixture.exampleConfig))
        let vocabulary = await snapshot.search.vocabulary
        XCTAssertEqual(Self.known.filter { !vocabulary.contains($0) }, [], "words the example runbooks hold")
        var random = SystemRandomNumberGenerator()
        var comparedWithAHit = 0
        for round in 0..<300 {
            // A query of 1-5 terms, runbook words and words no runbook holds; the second query has the same
            // runbook words in the same places and other unknown words.
            let known = Self.known.shuffled(using: &random)
            let places = (0..<Int.random(in: 1...5, using: &random)).map { _ in Bool.random(using: &random) }
            let first = Self.query(places, known: known, &random)
            let second = Self.query(places, known: known, &random)
            XCTAssertEqual(
                RunbookCatalogSnapshot.suggestionKey(first, vocabulary: vocabulary),
                RunbookCatalogSnapshot.suggestionKey(second, vocabulary: vocabulary), "\(first) / \(second)")
            // The first query fills the cache; the second is answered from it.
            _ = await snapshot.attachment(for: Self.notification(summary: first, round: round))
            let cached = await snapshot.attachment(for: Self.notification(summary: second, round: round))
            let direct = try await snapshot.search.bestMatch(Self.fullQuery(second))
            XCTAssertEqual(cached?.id, direct, "round \(round): \(first) / \(second)")
            if direct != nil { comparedWithAHit += 1 }
        }
        XCTAssertGreaterThan(comparedWithAHit, 50, "most rounds should compare a real suggestion")
    }

    func testKnownTermsKeepTheirPlaceAndText() async throws {
        let snapshot = try await RunbookCatalogSnapshot.load(
            config: FirebreakConfig.load(from: ServerFixture.exampleConfig))
        let vocabulary = await snapshot.search.vocabulary
        func key(_ query: String) -> String { RunbookCatalogSnapshot.suggestionKey(query, vocabulary: vocabulary) }
        XCTAssertNotEqual(key("ledger replication"), key("ledger cache"))
        XCTAssertNotEqual(key("ledger xqjkqv"), key("xqjkqv ledger"))
        XCTAssertNotEqual(key("ledger xqjkqv"), key("ledger xqjkqv xqzzvk"))
        XCTAssertEqual(key("Ledger API xqjkqv"), key("ledger api xqvvzk"))
    }

    /// The words of `places` in order: the next of `known` where `true`, else a made-up word no runbook holds.
    private static func query(_ places: [Bool], known: [String], _ random: inout SystemRandomNumberGenerator) -> String
    {
        var known = known.makeIterator()
        return places.compactMap { isKnown in
            isKnown ? known.next() : "xq" + String((0..<6).map { _ in "jkqvxz".randomElement(using: &random) ?? "j" })
        }.joined(separator: " ")
    }

    /// The search text `attachment(for:)` builds: the alert name's words, then the summary.
    private static func fullQuery(_ summary: String) -> String {
        RunbookCatalogSnapshot.words("BenchAlert") + " " + summary
    }

    private static func notification(summary: String, round: Int) -> AlertNotification {
        AlertNotification(
            source: .alertmanager, key: "k\(round)", summary: summary,
            alerts: [IncomingAlert(fingerprint: "f\(round)", status: .firing, labels: ["alertname": "BenchAlert"])],
            receivedAt: Date(timeIntervalSince1970: 1_800_000_000))
    }
}
