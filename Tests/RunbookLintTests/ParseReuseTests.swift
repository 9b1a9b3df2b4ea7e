import Foundation
import RunbookLint
import XCTest

/// Warm runs with `reuseParses`: unchanged files come from the cache unparsed, and the report is the one a run
/// without any cache gives, also after a file is edited or deleted and after the configuration changes.
final class ParseReuseTests: XCTestCase {
    private let paths = ["runbooks"]
    private let rules = ["alerts/rules.yml"]

    private func makeTree() throws -> LintSandbox {
        let sandbox = try LintSandbox()
        try sandbox.write(
            "runbooks/a.md",
            """
            ---
            id: payments-api
            last_reviewed: 2026-09-01
            review_every: 90d
            alerts: [PaymentsAPIDown, PaymentsGhost]
            ---
            # Payments API down

            See [rollback](b.md#rollback), [nothing](#nowhere) and [c](c.md).

            ## Diagnosis

            ```bash
            kubectl -n payments get pods
            ```

            """)
        try sandbox.write(
            "runbooks/b.md",
            "# Payments rollback\n\n## Rollback\n\n```bash\nif true; then\n```\n\n```bash\ntail -f /var/log/payments.log\n```\n"
        )
        try sandbox.write(
            "runbooks/c.md", "---\nid: payments-api\n---\n# Another payments runbook\n\n## Steps\n\nNothing yet.\n")
        try sandbox.write(
            "alerts/rules.yml",
            """
            groups:
            - name: payments
              rules:
              - alert: PaymentsRollback
                annotations: {runbook: "runbooks/b.md#rollback"}
                expr: deploys > 3
              - {alert: PaymentsAPIDown, expr: up == 0}
            """)
        return sandbox
    }

    private func warm(
        _ sandbox: LintSandbox, now: Date = Date(timeIntervalSince1970: 1_795_000_000)
    ) throws -> LintReport {
        try sandbox.lint(paths, rules: rules, useCache: true, reuseParses: true, now: now)
    }

    /// The report of the same tree linted with no cache at all.
    private func assertSameAsCold(
        _ report: LintReport, _ sandbox: LintSandbox, now: Date = Date(timeIntervalSince1970: 1_795_000_000),
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let cold = try sandbox.lint(paths, rules: rules, useCache: false, now: now)
        XCTAssertEqual(report.findings, cold.findings, file: file, line: line)
        var summary = report.summary
        summary.shellBlocksCached = cold.summary.shellBlocksCached
        XCTAssertEqual(summary, cold.summary, file: file, line: line)
        XCTAssertEqual(
            report.coverage?.entries.map(\.status), cold.coverage?.entries.map(\.status), file: file, line: line)
    }

    func testUnchangedTreeIsNotParsedAgain() throws {
        let sandbox = try makeTree()
        let first = try warm(sandbox)
        XCTAssertEqual(first.parsedFiles, ["runbooks/a.md", "runbooks/b.md", "runbooks/c.md"])
        let second = try warm(sandbox)
        XCTAssertEqual(second.parsedFiles, [])
        XCTAssertEqual(second.summary.shellBlocksCached, 3)
        XCTAssertEqual(second.summary.shellBlocks, 3)
        try assertSameAsCold(second, sandbox)
        // The tree rules and fresh rules still see the outlines: duplicate ids, the unknown alert, anchors.
        XCTAssertEqual(second.findings("duplicate-id").map(\.location.file), ["runbooks/c.md"])
        XCTAssertEqual(second.findings("runbook-alert-unknown").map(\.runbook), ["payments-api"])
        XCTAssertEqual(second.findings("broken-link").map { String($0.message.prefix(17)) }, ["anchor `#nowhere`"])
        XCTAssertEqual(second.coverage?.entries.map(\.status), [.resolved, .declared])
    }

    func testEditedFileAloneIsParsedAgain() throws {
        let sandbox = try makeTree()
        _ = try warm(sandbox)
        try sandbox.write("runbooks/b.md", "# Payments rollback\n\n## Revert\n\n```bash\necho ok\n```\n")
        let report = try warm(sandbox)
        XCTAssertEqual(report.parsedFiles, ["runbooks/b.md"])
        try assertSameAsCold(report, sandbox)
        // a.md, taken from the cache, now links to an anchor b.md no longer has; so does the alert.
        XCTAssertTrue(
            report.findings("broken-link").contains {
                $0.location.file == "runbooks/a.md" && $0.message.contains("#rollback")
            })
        XCTAssertEqual(report.findings("alert-runbook-missing").count, 1)
        XCTAssertEqual(report.findings("shell-syntax"), [])
        XCTAssertEqual(try warm(sandbox).parsedFiles, [])
    }

    func testDeletedFileIsForgotten() throws {
        let sandbox = try makeTree()
        _ = try warm(sandbox)
        try FileManager.default.removeItem(at: sandbox.root.appendingPathComponent("runbooks/c.md"))
        let report = try warm(sandbox)
        XCTAssertEqual(report.parsedFiles, [])
        try assertSameAsCold(report, sandbox)
        XCTAssertEqual(report.summary.files, 2)
        XCTAssertEqual(report.findings("duplicate-id"), [])
        XCTAssertTrue(
            report.findings("broken-link").contains { $0.message.contains("link target `c.md` does not exist") })
        let cache = try String(
            contentsOf: sandbox.root.appendingPathComponent(".firebreak/cache/findings"), encoding: .utf8)
        XCTAssertFalse(cache.contains("runbooks/c.md"))
        XCTAssertTrue(cache.contains("runbooks/a.md"))
    }

    func testConfigurationChangeParsesEverythingAgain() throws {
        let sandbox = try makeTree()
        _ = try warm(sandbox)
        try sandbox.write("firebreak.yml", "lint:\n  review_every: 30d\nsynonyms:\n  diagnosis: [Rollback]\n")
        let report = try warm(sandbox)
        XCTAssertEqual(report.parsedFiles, ["runbooks/a.md", "runbooks/b.md", "runbooks/c.md"])
        try assertSameAsCold(report, sandbox)
        XCTAssertEqual(try warm(sandbox).parsedFiles, [])
    }

    func testStalenessIsJudgedAgainEachRunFromTheCachedDate() throws {
        let sandbox = try makeTree()
        let september = Date(timeIntervalSince1970: 1_790_000_000)  // 2026-09-21
        let december = Date(timeIntervalSince1970: 1_798_000_000)  // 2026-12-23
        XCTAssertEqual(try warm(sandbox, now: september).findings("stale"), [])
        let later = try warm(sandbox, now: december)
        XCTAssertEqual(later.parsedFiles, [])
        XCTAssertEqual(later.findings("stale").map(\.runbook), ["payments-api"])
        try assertSameAsCold(later, sandbox, now: december)
    }

    func testRunsThatNeedDocumentsStillParse() throws {
        let sandbox = try makeTree()
        _ = try warm(sandbox)
        let report = try sandbox.lint(paths, rules: rules, useCache: true)
        XCTAssertEqual(report.parsedFiles.count, 3)
        XCTAssertEqual(report.documents.flatMap(\.runbooks).flatMap(\.blocks).count, 3)
        XCTAssertTrue(report.documents.first?.runbooks.first?.sections.map(\.title).contains("Diagnosis") ?? false)
    }
}
