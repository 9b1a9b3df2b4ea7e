import FirebreakConfig
import Foundation
import XCTest

@testable import RunbookCatalog

final class RunbookLinkMapperTests: XCTestCase {
    private let index = RunbookFileSet(
        baseDirectory: URL(fileURLWithPath: "/srv/ledger"),
        relativePaths: [
            "runbooks/Postings-Stalled.md",
            "runbooks/balance-drift/README.md",
            "runbooks/journal/_index.md",
            "runbooks/shards/index.md",
            "runbooks/LedgerShardDown.md",
            "runbooks/LedgerShardSlow.md",
            "runbooks/diagram.png",
            "runbooks/plain-runbook",
            "./alerts/ledger/local-runbook.md",
            "docs/Escalation Policy.md",
            "README.md",
        ])

    private func mapper(
        _ maps: [URLMap] = [URLMap(prefix: "https://Runbooks.Ledger.example.com/", path: "runbooks/")]
    )
        -> RunbookLinkMapper
    {
        RunbookLinkMapper(
            urlMaps: maps, index: index,
            ruleFileDirectory: { file in
                let parent = (file as NSString).deletingLastPathComponent
                return parent.isEmpty ? nil : parent
            })
    }

    private func resolve(_ link: String, from file: String = "alerts/ledger/rules.yml") -> LinkResolution {
        mapper().resolve(link, fromRuleFile: file)
    }

    func testFileSetLookupIsCaseInsensitiveAndPrefersExactMatches() {
        XCTAssertEqual(index.lookup(relativePath: "runbooks/postings-stalled.md"), "runbooks/Postings-Stalled.md")
        XCTAssertEqual(
            index.lookup(relativePath: "./alerts//ledger/local-runbook.md"), "alerts/ledger/local-runbook.md")
        XCTAssertNil(index.lookup(relativePath: "runbooks/postings-stalled"))
        let twins = RunbookFileSet(
            baseDirectory: URL(fileURLWithPath: "/"), relativePaths: ["a/Readme.md", "a/README.md"])
        XCTAssertEqual(twins.lookup(relativePath: "a/Readme.md"), "a/Readme.md")
        XCTAssertEqual(twins.lookup(relativePath: "a/README.md"), "a/README.md")
        XCTAssertEqual(twins.lookup(relativePath: "a/readme.md"), "a/README.md")
        XCTAssertEqual(index.allPaths().count, 11)
    }

    func testConfiguredPrefixMapsCaseInsensitivelyAndKeepsTheAnchor() {
        XCTAssertEqual(
            resolve("https://runbooks.ledger.example.com/postings-stalled#Diagnosis"),
            .resolved(path: "runbooks/Postings-Stalled.md", anchor: "Diagnosis"))
        XCTAssertEqual(
            resolve("https://RUNBOOKS.ledger.example.com/balance-drift/"),
            .resolved(path: "runbooks/balance-drift/README.md", anchor: nil))
        XCTAssertEqual(
            resolve("https://runbooks.ledger.example.com/journal"),
            .resolved(path: "runbooks/journal/_index.md", anchor: nil))
        XCTAssertEqual(
            resolve("https://runbooks.ledger.example.com/shards?from=alert"),
            .resolved(path: "runbooks/shards/index.md", anchor: nil))
        XCTAssertEqual(
            resolve("https://runbooks.ledger.example.com/plain-runbook"),
            .resolved(path: "runbooks/plain-runbook", anchor: nil))
    }

    func testLongestPrefixWinsAndPrefixesRespectSegmentBoundaries() {
        let maps = [
            URLMap(prefix: "https://wiki.example.com/ops", path: "runbooks/"),
            URLMap(prefix: "https://wiki.example.com/ops/docs/", path: "docs/"),
        ]
        XCTAssertEqual(
            mapper(maps).resolve("https://wiki.example.com/ops/docs/Escalation%20Policy", fromRuleFile: "x.yml"),
            .resolved(path: "docs/Escalation Policy.md", anchor: nil))
        XCTAssertEqual(
            mapper(maps).resolve("https://wiki.example.com/ops/journal", fromRuleFile: "x.yml"),
            .resolved(path: "runbooks/journal/_index.md", anchor: nil))
        XCTAssertEqual(
            mapper(maps).resolve("https://wiki.example.com/ops-archive/journal", fromRuleFile: "x.yml"),
            .external("https://wiki.example.com/ops-archive/journal"))
    }

    func testGitHubLinksWithoutPrefixMapToTheRepositoryPath() {
        XCTAssertEqual(
            resolve("https://github.com/example/ledger/blob/main/runbooks/Postings-Stalled.md#verify"),
            .resolved(path: "runbooks/Postings-Stalled.md", anchor: "verify"))
        XCTAssertEqual(
            resolve("https://github.com/example/ledger/tree/v2/runbooks/journal"),
            .resolved(path: "runbooks/journal/_index.md", anchor: nil))
        XCTAssertEqual(
            resolve("https://github.com/example/ledger/tree/main"), .resolved(path: "README.md", anchor: nil))
        XCTAssertEqual(
            resolve("https://github.com/example/ledger/issues/4"),
            .external("https://github.com/example/ledger/issues/4"))
    }

    func testOtherAbsoluteURLsAreExternal() {
        XCTAssertEqual(resolve("https://status.example.com/ledger"), .external("https://status.example.com/ledger"))
        XCTAssertEqual(resolve("mailto:payments@example.com"), .external("mailto:payments@example.com"))
    }

    func testRelativePathsTryTheRuleFileDirectoryThenTheBase() {
        XCTAssertEqual(resolve("local-runbook.md"), .resolved(path: "alerts/ledger/local-runbook.md", anchor: nil))
        XCTAssertEqual(
            resolve("runbooks/postings-stalled"), .resolved(path: "runbooks/Postings-Stalled.md", anchor: nil))
        XCTAssertEqual(resolve("../../runbooks/journal/"), .resolved(path: "runbooks/journal/_index.md", anchor: nil))
        XCTAssertEqual(
            resolve("/runbooks/shards#step-2"), .resolved(path: "runbooks/shards/index.md", anchor: "step-2"))
        XCTAssertEqual(
            resolve("docs/Escalation%20Policy.md"), .resolved(path: "docs/Escalation Policy.md", anchor: nil))
    }

    func testMissingListsEveryCandidateTried() {
        XCTAssertEqual(
            resolve("runbooks/ghost"),
            .missing(tried: [
                "alerts/ledger/runbooks/ghost", "alerts/ledger/runbooks/ghost.md",
                "alerts/ledger/runbooks/ghost/README.md",
                "alerts/ledger/runbooks/ghost/_index.md", "alerts/ledger/runbooks/ghost/index.md",
                "runbooks/ghost", "runbooks/ghost.md", "runbooks/ghost/README.md", "runbooks/ghost/_index.md",
                "runbooks/ghost/index.md",
            ]))
        XCTAssertEqual(
            mapper().resolve("https://runbooks.ledger.example.com/ghost", fromRuleFile: "rules.yml"),
            .missing(tried: [
                "runbooks/ghost", "runbooks/ghost.md", "runbooks/ghost/README.md", "runbooks/ghost/_index.md",
                "runbooks/ghost/index.md",
            ]))
        XCTAssertEqual(
            resolve("../../../outside.md"),
            .missing(tried: ["alerts/ledger/../../../outside.md", "../../../outside.md"]),
            "paths above the base directory are never looked up")
        XCTAssertEqual(
            resolve("../../outside.md"),
            .missing(tried: [
                "outside.md", "outside.md.md", "outside.md/README.md", "outside.md/_index.md", "outside.md/index.md",
            ]))
        XCTAssertEqual(resolve("   "), .missing(tried: []))
    }

    func testTemplatedLinksBecomeGlobs() {
        XCTAssertEqual(
            resolve("https://runbooks.ledger.example.com/{{ $labels.alertname }}"),
            .templated(
                pattern: "runbooks/*",
                matches: [
                    "runbooks/LedgerShardDown.md", "runbooks/LedgerShardSlow.md", "runbooks/Postings-Stalled.md",
                    "runbooks/balance-drift/README.md", "runbooks/journal/_index.md", "runbooks/plain-runbook",
                    "runbooks/shards/index.md",
                ]))
        XCTAssertEqual(
            resolve("https://runbooks.ledger.example.com/ledgershard{{ .Labels.state }}#{{ $labels.step }}"),
            .templated(
                pattern: "runbooks/ledgershard*",
                matches: ["runbooks/LedgerShardDown.md", "runbooks/LedgerShardSlow.md"]))
        XCTAssertEqual(
            resolve("https://runbooks.ledger.example.com/%7B%7B%20$labels.alertname%20%7D%7D-v2"),
            .templated(pattern: "runbooks/*-v2", matches: []))
        XCTAssertEqual(
            resolve("runbooks/{{$labels.team}}/missing[1]"),
            .templated(pattern: "alerts/ledger/runbooks/*/missing\\[1\\]", matches: []))
    }
}
