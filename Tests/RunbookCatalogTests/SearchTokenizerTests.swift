import RunbookCatalog
import XCTest

final class SearchTokenizerTests: XCTestCase {
    func testTermsAreFoldedRunsOfLettersAndDigits() {
        XCTAssertEqual(
            SearchTokenizer.terms("Pod ledger-worker is in CrashLoopBackOff (HTTP 503), see app.kubernetes.io/name"),
            [
                "pod", "ledger", "worker", "is", "in", "crashloopbackoff", "http", "503", "see", "app", "kubernetes",
                "io", "name",
            ])
        XCTAssertEqual(
            SearchTokenizer.terms("Überlastung café DEADLINE_EXCEEDED"),
            ["uberlastung", "cafe", "deadline", "exceeded"])
        XCTAssertEqual(SearchTokenizer.terms("🔥 — “quoted” *"), ["quoted"])
    }

    func testCamelCaseNamesSplitIntoWords() {
        XCTAssertEqual(SearchTokenizer.camelCaseParts("KubePodCrashLooping"), ["Kube", "Pod", "Crash", "Looping"])
        XCTAssertEqual(SearchTokenizer.camelCaseParts("KubeAPIDown"), ["Kube", "API", "Down"])
        XCTAssertEqual(SearchTokenizer.camelCaseParts("OOMKilled"), ["OOM", "Killed"])
        XCTAssertEqual(SearchTokenizer.camelCaseParts("etcdNoLeader"), ["etcd", "No", "Leader"])
        XCTAssertEqual(
            SearchTokenizer.camelCaseParts("LedgerMTULessThan9000"), ["Ledger", "MTU", "Less", "Than", "9000"])
        XCTAssertEqual(SearchTokenizer.camelCaseParts("Ledger"), [])
        XCTAssertEqual(SearchTokenizer.camelCaseParts("UNAVAILABLE"), [])
    }

    func testNamePartsAreAddedAfterTheText() {
        XCTAssertEqual(
            SearchTokenizer.withNameParts("LedgerPrimaryDown"),
            "LedgerPrimaryDown\nLedger Primary Down\nLedgerPrimary\nPrimaryDown")
        XCTAssertTrue(SearchTokenizer.terms(SearchTokenizer.withNameParts("DNSNxDomain")).contains("nxdomain"))
        XCTAssertEqual(SearchTokenizer.withNameParts("Ledger failover"), "Ledger failover")
    }

    func testQueriesLoseSyntaxFillersAndRepeats() {
        XCTAssertEqual(
            SearchQuery("Pod in \"CrashLoopBackOff\" AND 503* NEAR(").terms, ["pod", "crashloopbackoff", "503", "near"])
        XCTAssertEqual(SearchQuery("why is the ledger ledger slow").terms, ["ledger", "slow"])
        XCTAssertEqual(SearchQuery("what is this").terms, ["what", "is", "this"], "a query of fillers only keeps them")
        XCTAssertEqual(SearchQuery("etcd has no leader").terms, ["etcd", "no", "leader"])
        XCTAssertTrue(SearchQuery("\" * ( ) : ^ 🔥").isEmpty)
        XCTAssertTrue(SearchQuery(String(repeating: "z", count: 10_000)).isEmpty, "a 10 KB token is not a word")
    }

    func testQueriesKeepAtMostTheTermLimit() {
        let words = (1...100).map { "word\($0)" }.joined(separator: " ")
        let query = SearchQuery(words)
        XCTAssertEqual(query.terms.count, SearchRanking.maximumQueryTerms)
        XCTAssertEqual(query.terms.first, "word1")
    }

    func testSnippetHighlightsMatchedTermsInAWindow() throws {
        let text =
            "The settlement job runs nightly. When the ledger replica shows lag, reads are stale and the balances page lies."
        let snippet = try XCTUnwrap(SearchSnippet.make(text, terms: ["replica", "lag"]))
        XCTAssertTrue(snippet.contains("**replica**"), snippet)
        XCTAssertTrue(snippet.contains("**lag**"), snippet)
        XCTAssertTrue(snippet.hasPrefix("…"), snippet)
        XCTAssertNil(SearchSnippet.make(text, terms: ["quorum"]))
        let opening = try XCTUnwrap(SearchSnippet.make(text, terms: ["quorum"], highlightOnly: false))
        XCTAssertTrue(opening.hasPrefix("The settlement job"), opening)
        XCTAssertFalse(opening.contains("**"))
    }
}
