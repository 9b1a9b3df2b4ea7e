import Foundation
import RunbookLint
import RunbookModel
import XCTest

final class FormatterTests: XCTestCase {
    let findings = [
        Finding(
            rule: "shell-syntax", severity: .error,
            location: SourceLocation(file: "runbooks/api down.md", line: 12, column: 3),
            message: "bash -n: syntax error", runbook: "api-down"),
        Finding(
            rule: "runbook-without-alert", severity: .info, location: SourceLocation(file: "runbooks/b.md", line: 1),
            message: "no alert links to runbook 'b'"),
    ]
    var report: LintReport {
        LintReport(
            findings: findings,
            summary: LintSummary(
                files: 2, runbooks: 2, alerts: 0, findings: findings, shellBlocks: 4, shellBlocksCached: 1),
            rules: LintEngine.ruleDescriptions)
    }

    func testTextLines() {
        let lines = TextFormatter.format(report).split(separator: "\n")
        XCTAssertEqual(lines[0], "runbooks/api down.md:12:3: error: shell-syntax: bash -n: syntax error")
        XCTAssertEqual(lines[1], "runbooks/b.md:1:1: info: runbook-without-alert: no alert links to runbook 'b'")
        XCTAssertTrue(lines[2].hasPrefix("2 files, 2 runbooks, 0 alerts, 4 shell blocks, 1 from cache:"))
    }

    func testJSONShape() throws {
        let object =
            try JSONSerialization.jsonObject(with: Data(try JSONFormatter.format(report).utf8)) as? [String: Any]
        let findings = try XCTUnwrap(object?["findings"] as? [[String: Any]])
        XCTAssertEqual(Set(findings[0].keys), ["rule", "severity", "file", "line", "column", "message", "runbook"])
        XCTAssertEqual(findings[0]["line"] as? Int, 12)
        XCTAssertNil(findings[1]["runbook"])
        let summary = try XCTUnwrap(object?["summary"] as? [String: Any])
        XCTAssertEqual(summary["errors"] as? Int, 1)
        XCTAssertEqual(summary["infos"] as? Int, 1)
    }

    func testSARIF() throws {
        let object =
            try JSONSerialization.jsonObject(with: Data(try SARIFFormatter.format(report, toolVersion: "9.9.9").utf8))
            as? [String: Any]
        XCTAssertEqual(object?["version"] as? String, "2.1.0")
        let run = try XCTUnwrap((object?["runs"] as? [[String: Any]])?.first)
        let driver = try XCTUnwrap((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try XCTUnwrap(driver["rules"] as? [[String: Any]])
        XCTAssertEqual(rules.count, LintEngine.ruleDescriptions.count)
        XCTAssertGreaterThanOrEqual(rules.count, 23)
        let results = try XCTUnwrap(run["results"] as? [[String: Any]])
        XCTAssertEqual(results[0]["level"] as? String, "error")
        XCTAssertEqual(results[1]["level"] as? String, "note")
        let index = try XCTUnwrap(results[0]["ruleIndex"] as? Int)
        XCTAssertEqual(rules[index]["id"] as? String, "shell-syntax")
        let location = try XCTUnwrap(
            (results[0]["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        XCTAssertEqual((location["artifactLocation"] as? [String: Any])?["uri"] as? String, "runbooks/api%20down.md")
        XCTAssertEqual((location["region"] as? [String: Any])?["startLine"] as? Int, 12)
    }

    func testEveryRuleIdIsKnownToTheConfig() {
        let ids = Set(LintEngine.ruleDescriptions.map(\.id))
        XCTAssertEqual(ids.count, LintEngine.ruleDescriptions.count, "rule ids are unique")
        for id in [
            "missing-section", "empty-section", "missing-title", "duplicate-id", "stale", "front-matter", "encoding",
            "shell-syntax", "wrong-language", "never-terminates", "interactive-command", "placeholder",
            "undeclared-variable",
            "hardcoded-secret", "destructive-unguarded", "broken-link", "alert-runbook-missing",
            "alert-without-runbook",
            "runbook-alert-unknown", "runbook-without-alert", "tool-missing", "endpoint-down", "markdown-structure",
        ] {
            XCTAssertTrue(ids.contains(id), id)
        }
    }
}
