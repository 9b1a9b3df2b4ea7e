import Foundation
import XCTest

@testable import RunbookLint

final class ShellSyntaxShellcheckTests: XCTestCase {
    private func shellcheck() throws -> String {
        guard let path = ShellSyntaxOracle.findShellcheck() else {
            XCTFail("shellcheck is not installed: install it (apt-get install shellcheck) to run these tests")
            throw XCTSkip("shellcheck missing")
        }
        return path
    }

    func testCommentsMapBackToTheirScripts() throws {
        let oracle = ShellSyntaxOracle(shellcheckPath: try shellcheck(), shellcheckSeverity: "info", parallelism: 2)
        let scripts = [
            "kubectl -n payments get pods",
            "POD=ledger-0\nkubectl -n payments logs $1",
            "cd /srv/ledger\nrm -rf ./cache",
            "fi",
            "echo \"$UNDECLARED_VAR\"",
            "if true; then\n\techo $LEDGER_HOME\nfi",
        ]
        let results = try oracle.check(scripts)

        XCTAssertEqual(results[0], [])
        XCTAssertEqual(
            results[1],
            [
                ShellSyntaxIssue(
                    line: 2, column: 26, message: "Double quote to prevent globbing and word splitting.",
                    tool: "shellcheck", code: "SC2086", level: "info")
            ])
        XCTAssertEqual(results[2].map(\.code), ["SC2164"])
        XCTAssertEqual(results[2].first?.line, 1)
        XCTAssertEqual(results[2].first?.level, "warning")
        // A bash syntax error keeps the script away from shellcheck.
        XCTAssertEqual(results[3].map(\.tool), ["bash"])
        // SC2154 (assigned elsewhere) is left to another rule.
        XCTAssertEqual(results[4], [])
        // A tab counts as one column.
        XCTAssertEqual(results[5].map(\.code), ["SC2086"])
        XCTAssertEqual(results[5].first?.line, 2)
        XCTAssertEqual(results[5].first?.column, 7)
    }

    func testSeverityFiltersLevels() throws {
        let oracle = ShellSyntaxOracle(shellcheckPath: try shellcheck(), shellcheckSeverity: "warning")
        let results = try oracle.check(["POD=ledger-0\nkubectl -n payments logs $1", "cd /srv/ledger\nrm -rf ./cache"])
        XCTAssertEqual(results[0], [])
        XCTAssertEqual(results[1].map(\.code), ["SC2164"])
    }

    func testManyScriptsAcrossProcesses() throws {
        let oracle = ShellSyntaxOracle(shellcheckPath: try shellcheck(), shellcheckSeverity: "warning", parallelism: 2)
        let scripts = (0..<450).map { index in
            index % 3 == 0 ? "cd /srv/shard\(index)\nrm -rf ./cache" : "echo \"shard \(index)\""
        }
        let results = try oracle.check(scripts)
        for (index, issues) in results.enumerated() {
            XCTAssertEqual(issues.map(\.code), index % 3 == 0 ? ["SC2164"] : [], "script \(index)")
        }
    }

    func testMissingShellcheckIsAClearError() {
        let oracle = ShellSyntaxOracle(shellcheckPath: "/nonexistent/shellcheck")
        XCTAssertThrowsError(try oracle.check(["echo ok"])) { error in
            XCTAssertTrue(String(describing: error).contains("/nonexistent/shellcheck"))
        }
    }
}
