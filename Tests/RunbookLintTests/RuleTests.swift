import Foundation
import RunbookLint
import XCTest

/// Each rule on a small runbook written for the test: it fires where it should, and not on the clean variant.
final class RuleTests: XCTestCase {
    func testStructureRules() throws {
        let sandbox = try LintSandbox()
        try sandbox.write(
            "ledger/a.md",
            """
            ---
            id: ledger-a
            last_reviewed: 2025-01-10
            review_every: 90d
            ---
            # Ledger A

            ## Symptoms

            ## Diagnosis
            Look at the queue.
            """)
        try sandbox.write("ledger/b.md", "---\nid: LEDGER-A\n---\n\nNo heading here.\n")
        let report = try sandbox.lint(
            ["ledger"], preset: "default", now: ISO8601DateFormatter().date(from: "2026-11-23T00:00:00Z")!)
        XCTAssertTrue(report.keys.contains("empty-section@ledger/a.md:8"), "\(report.keys)")
        XCTAssertFalse(report.keys.contains("empty-section@ledger/a.md:10"))
        // resolution, verification
        XCTAssertEqual(report.findings("missing-section").filter { $0.runbook == "ledger-a" }.count, 2)
        XCTAssertTrue(report.keys.contains("stale@ledger/a.md:6"), "\(report.keys)")
        XCTAssertTrue(report.findings("stale").first?.message.contains("past its review interval of 90d") ?? false)
        XCTAssertTrue(report.keys.contains("missing-title@ledger/b.md:1"))
        XCTAssertTrue(report.keys.contains("duplicate-id@ledger/b.md:1"), "ids compare case-insensitively")
    }

    func testShellRules() throws {
        let sandbox = try LintSandbox()
        try sandbox.write(
            "r.md",
            """
            # Drain a node

            ## Diagnosis

            ```bash
            kubectl -n "$NAMESPACE" logs -f deploy/api
            kubectl -n ledger exec -it deploy/api -- sh
            kubectl -n ledger logs <pod-name>
            if [ -f /tmp/x ]; then echo yes
            ```

            ```bash
            export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7ABCDEFG
            ```

            ## Resolution

            ```bash
            kubectl delete namespace ledger-old
            ```

            > **Warning:** this deletes every pod of the node.

            ```bash
            kubectl drain node-7 --delete-emptydir-data
            ```
            """)
        let report = try sandbox.lint(["r.md"])
        XCTAssertTrue(report.keys.contains("never-terminates@r.md:6"), "\(report.keys)")
        XCTAssertTrue(report.keys.contains("undeclared-variable@r.md:6"))
        XCTAssertTrue(report.keys.contains("interactive-command@r.md:7"))
        XCTAssertTrue(report.keys.contains("placeholder@r.md:8"))
        XCTAssertTrue(
            report.keys.contains("shell-syntax@r.md:9") || report.keys.contains("shell-syntax@r.md:10"),
            "\(report.keys)")
        XCTAssertFalse(
            report.findings("shell-syntax").contains { $0.location.line == 8 }, "placeholders are not syntax errors")
        XCTAssertTrue(report.keys.contains("hardcoded-secret@r.md:13"))
        XCTAssertTrue(report.keys.contains("destructive-unguarded@r.md:19"))
        XCTAssertFalse(report.keys.contains("destructive-unguarded@r.md:25"), "the warning above guards the drain")
    }

    func testDeclaredVariablesAndParamsAreNotReported() throws {
        let sandbox = try LintSandbox()
        try sandbox.write(
            "r.md",
            """
            ---
            params:
              NAMESPACE: {description: Kubernetes namespace}
            ---
            # Restart

            The `POD` to restart is named in the alert.

            ```bash
            REPLICAS=3
            kubectl -n "$NAMESPACE" scale deploy/api --replicas="$REPLICAS"
            kubectl -n "$NAMESPACE" delete pod "$POD"  # WARNING: the pod restarts
            for node in a b; do echo "$node"; done
            ```
            """)
        let report = try sandbox.lint(["r.md"])
        XCTAssertEqual(report.findings("undeclared-variable"), [])
        XCTAssertEqual(report.findings("destructive-unguarded"), [], "a WARNING comment on the line above counts")
    }

    func testPreambleSetupIsSharedByUnitsAndLintedItself() throws {
        let sandbox = try LintSandbox()
        try sandbox.write(
            "ops.md",
            """
            # Ledger operations

            Set the connection once per shell:

            ```bash
            export LEDGER_DB="$(cat /etc/ledger/db-uri)"
            rm -rf /tmp/ledger-scratch
            ```

            ## LED-001: Batch stuck

            ```bash
            psql "$LEDGER_DB" -Atc "SELECT 1"
            ```

            ## LED-002: Projection stale

            ```bash
            psql "$LEDGER_DB" -Atc "SELECT 2" "$UNSET_THING"
            ```
            """)
        let report = try sandbox.lint(["ops.md"])
        XCTAssertEqual(report.findings("undeclared-variable").map(\.message.description).count, 1)
        XCTAssertTrue(report.findings("undeclared-variable").first?.message.contains("UNSET_THING") ?? false)
        XCTAssertEqual(
            report.findings("destructive-unguarded").map(\.location.line), [7], "shared blocks are linted too")
        XCTAssertNil(report.findings("destructive-unguarded").first?.runbook)
    }

    func testLinksAndAnchors() throws {
        let sandbox = try LintSandbox()
        try sandbox.write(
            "docs/a.md",
            "# A\n\n## Step 2: Restart the API\n\n[b](b.md#rollback) [gone](missing.md) [self](#step-2-restart-the-api) [bad](#nope) [web](https://example.com/x)\n"
        )
        try sandbox.write("docs/b.md", "# B\n\n## Rollback\n\n[up](../docs/a.md#a) [wrong](a.md#b)\n")
        let report = try sandbox.lint(["docs"])
        XCTAssertEqual(
            Set(report.findings("broken-link").map { "\($0.location.file):\($0.location.column)" }),
            ["docs/a.md:20", "docs/a.md:71", "docs/b.md:22"])
    }

    func testRuleLevelsFromConfig() throws {
        let sandbox = try LintSandbox()
        try sandbox.write(
            "firebreak.yml", "runbooks: [rb]\nlint:\n  rules:\n    never-terminates: error\n    broken-link: off\n")
        try sandbox.write("rb/r.md", "# R\n\n[x](nowhere.md)\n\n```bash\ntail -f /var/log/syslog\n```\n")
        let report = try sandbox.lint([], preset: nil)
        XCTAssertEqual(report.findings("broken-link"), [])
        XCTAssertEqual(report.findings("never-terminates").map(\.severity), [.error])
        XCTAssertEqual(report.findings("never-terminates").first?.location.file, "rb/r.md")
        XCTAssertTrue(report.hasErrors)
    }

    func testCacheAnswersTheSecondRunWithTheSameFindings() throws {
        let sandbox = try LintSandbox()
        try sandbox.write("r.md", "# R\n\n```bash\necho ok\n```\n\n```bash\nif true; then\n```\n")
        let first = try sandbox.lint(["r.md"], useCache: true)
        let second = try sandbox.lint(["r.md"], useCache: true)
        XCTAssertEqual(first.summary.shellBlocksCached, 0)
        XCTAssertEqual(second.summary.shellBlocksCached, 2)
        XCTAssertEqual(first.findings, second.findings)
        XCTAssertEqual(second.findings("shell-syntax").count, 1)
        XCTAssertTrue(
            FileManager.default.fileExists(atPath: sandbox.root.appendingPathComponent(".firebreak/cache").path))
    }

    func testAlertRules() throws {
        let sandbox = try LintSandbox()
        try sandbox.write(
            "runbooks/api-down.md", "---\nalerts: [LedgerAPIDown, LedgerGhost]\n---\n# API down\n\n## Checks\n")
        try sandbox.write("runbooks/queue.md", "# Queue\n\n## Backlog\n")
        try sandbox.write("runbooks/lonely.md", "# Lonely\n")
        try sandbox.write(
            "alerts/rules.yml",
            """
            groups:
              - name: ledger
                rules:
                  - alert: LedgerAPIDown
                    expr: up == 0
                  - alert: LedgerQueueBacklog
                    expr: queue > 100
                    annotations:
                      runbook_url: https://runbooks.ledger.example/queue#backlog
                  - alert: LedgerQueueStuck
                    expr: queue_age > 600
                    annotations:
                      runbook_url: https://runbooks.ledger.example/queue#stuck
                  - alert: LedgerDiskFull
                    expr: disk > 0.9
                    annotations:
                      runbook: runbooks/disk-full.md
                  - alert: LedgerNoRunbook
                    expr: vector(1)
            """)
        try sandbox.write(
            "firebreak.yml",
            "runbooks: [runbooks]\nrules: [alerts]\nurl_maps:\n  - prefix: https://runbooks.ledger.example/\n    path: runbooks/\n"
        )
        let report = try sandbox.lint([], preset: "none")
        XCTAssertEqual(
            Set(report.findings("alert-runbook-missing").map { $0.message.components(separatedBy: ":")[0] }),
            ["alert LedgerQueueStuck", "alert LedgerDiskFull"])
        XCTAssertEqual(report.findings("alert-without-runbook").map(\.location.line), [18])
        XCTAssertEqual(report.findings("runbook-alert-unknown").first?.message.contains("LedgerGhost"), true)
        XCTAssertEqual(report.findings("runbook-without-alert").map(\.location.file), ["runbooks/lonely.md"])
        XCTAssertEqual(report.summary.alerts, 5)
    }
}
