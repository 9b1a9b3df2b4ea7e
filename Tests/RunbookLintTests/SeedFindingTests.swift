import Foundation
import RunbookLint
import XCTest

/// What lint must find in the real runbook documents of `../shared/seeds` (lines checked against the files).
final class SeedFindingTests: XCTestCase {
    var report: LintReport!

    override func setUpWithError() throws {
        report = try LintEngine(
            options: LintOptions(
                paths: ["seeds"], preset: "default", useCache: false, workingDirectory: SharedPaths.shared)
        ).run()
    }

    private func has(_ rule: String, _ file: String, _ line: Int, containing text: String? = nil) -> Bool {
        report.findings.contains {
            $0.rule == rule && $0.location.file.hasSuffix(file) && $0.location.line == line
                && (text.map($0.message.contains) ?? true)
        }
    }

    func testNeverTerminatingCommands() {
        XCTAssertTrue(has("never-terminates", "002_88c18d1e6558bada.md", 434, containing: "watch -n 5"))
        XCTAssertTrue(has("never-terminates", "002_88c18d1e6558bada.md", 134, containing: "tail -f"))
        XCTAssertTrue(
            has("never-terminates", "002_88c18d1e6558bada.md", 562, containing: "journalctl -u memory-service -f"))
        XCTAssertTrue(has("never-terminates", "002_88c18d1e6558bada.md", 654, containing: "top -p"))
    }

    func testDestructiveWithoutWarning() {
        XCTAssertTrue(
            has("destructive-unguarded", "002_88c18d1e6558bada.md", 229, containing: "sudo pkill -9 memory-service"))
        XCTAssertTrue(has("destructive-unguarded", "002_88c18d1e6558bada.md", 271, containing: "-delete"))
    }

    func testDoubleEncodedUTF8() {
        XCTAssertTrue(has("encoding", "002_88c18d1e6558bada.md", 9, containing: "'âœ…' should read '✅'"))
        XCTAssertEqual(report.findings("encoding").filter { $0.location.file.hasSuffix("000_bb1e40e5d6ff817b.md") }, [])
        XCTAssertTrue(report.findings("encoding").allSatisfy { $0.severity == .warning })
    }

    func testConfigurationPastedIntoShellBlocks() {
        XCTAssertTrue(has("wrong-language", "002_88c18d1e6558bada.md", 535, containing: "TOML"))
        XCTAssertTrue(has("wrong-language", "002_88c18d1e6558bada.md", 658, containing: "INI"))
        // The nginx upstream block is not shell either, and bash rejects its closing brace.
        XCTAssertTrue(
            has(
                "shell-syntax", "002_88c18d1e6558bada.md", 692,
                containing: "bash -n: syntax error near unexpected token `}'"))
    }

    func testInteractiveEditorAndPlaceholder() {
        XCTAssertTrue(has("interactive-command", "002_88c18d1e6558bada.md", 634, containing: "systemctl edit"))
        XCTAssertTrue(has("placeholder", "000_bb1e40e5d6ff817b.md", 292, containing: "YOUR_ORG"))
        XCTAssertFalse(
            report.findings("placeholder").contains { $0.message.contains("$labels") },
            "alert templates are not placeholders")
    }

    func testLinksIntoAMissingDocsTree() {
        XCTAssertTrue(
            has("broken-link", "000_bb1e40e5d6ff817b.md", 19, containing: "../runbooks/circuit-breaker-open.md"))
        XCTAssertTrue(has("broken-link", "003_f0266c3580a04734.md", 39, containing: "./runbooks/failure-recovery.md"))
    }

    func testIssueUnitsLackVerification() {
        let lacking = report.findings("missing-section").filter {
            $0.location.file.hasSuffix("003_f0266c3580a04734.md")
        }
        XCTAssertEqual(
            Set(lacking.compactMap(\.runbook)), ["high-consumer-lag", "query-timeout", "schema-registry-unavailable"])
        XCTAssertTrue(
            lacking.contains { $0.runbook == "high-consumer-lag" && $0.message.contains("no verification section") })
        XCTAssertFalse(
            lacking.contains { $0.runbook == "high-consumer-lag" && $0.message.contains("no symptoms section") })
        XCTAssertEqual(report.summary.runbooks, 11)
        XCTAssertTrue(report.hasErrors)
    }
}
