import RunbookModel
import RunbookParser
import XCTest

final class FrontMatterAndBlockTests: XCTestCase {
    let parser = RunbookDocumentParser()

    private func parse(_ text: String, file: String = "ledger/payments-stuck.md") -> RunbookDocument {
        parser.parse(bytes: Array(text.utf8), file: file)
    }

    func testFrontMatterFieldsAndUnknownKeysKept() throws {
        let document = parse(
            """
            ---
            id: ledger-payments-stuck
            title: Payments stuck in pending
            severity: P1
            mttr: 15m
            alerts: [LedgerPaymentsStuck, LedgerQueueBacklog]
            service: ledger
            owner: payments-oncall
            tags: ledger, queue
            last_reviewed: 2026-10-01
            review_every: 90d
            params:
              - name: NAMESPACE
                description: Kubernetes namespace
                default: ledger
            weight: 20
            ---
            # Ignored for the title

            ## Symptoms
            Payments stay in `PENDING`.
            """)
        let runbook = try XCTUnwrap(document.runbooks.first)
        XCTAssertEqual(runbook.id, "ledger-payments-stuck")
        XCTAssertEqual(runbook.title, "Payments stuck in pending")
        XCTAssertEqual(runbook.metadata.severity, .high)
        XCTAssertEqual(runbook.metadata.mttr?.seconds, 900)
        XCTAssertEqual(runbook.metadata.alerts, ["LedgerPaymentsStuck", "LedgerQueueBacklog"])
        XCTAssertEqual(runbook.metadata.tags, ["ledger", "queue"])
        XCTAssertEqual(runbook.metadata.reviewEvery?.seconds, 90 * 86_400)
        XCTAssertEqual(
            runbook.metadata.params,
            [RunbookParameter(name: "NAMESPACE", description: "Kubernetes namespace", defaultValue: "ledger")])
        XCTAssertEqual(runbook.metadata.extra["weight"], "20")
        XCTAssertTrue(runbook.hasFrontMatter)
        // Lines count from the top of the file, front matter included.
        XCTAssertEqual(runbook.section(.symptoms)?.location.line, 20)
        XCTAssertTrue(document.diagnostics.isEmpty, "\(document.diagnostics)")
    }

    func testBrokenFrontMatterIsReportedWithItsLineAndTheBodyIsStillRead() throws {
        let document = parse("---\nid: x\ntitle: [unclosed\nseverity: high\n---\n# Title\n\n## Diagnosis\nrun it\n")
        let problem = try XCTUnwrap(document.diagnostics.first { $0.kind == .frontMatter })
        XCTAssertTrue(problem.isError)
        XCTAssertTrue((2...5).contains(problem.location.line), "line \(problem.location.line)")
        XCTAssertEqual(document.runbooks.first?.section(.diagnosis)?.location.line, 8)
    }

    func testUnclosedFrontMatterIsReported() {
        let document = parse("---\nid: x\n# Title\n")
        XCTAssertTrue(document.diagnostics.contains { $0.kind == .frontMatter && $0.message.contains("never closed") })
    }

    func testWrongFrontMatterTypes() {
        let document = parse("---\nseverity: purple\nmttr: soon\n---\n# T\n")
        let messages = document.diagnostics.filter { $0.kind == .frontMatter }.map(\.message)
        XCTAssertEqual(messages.count, 2, "\(messages)")
        XCTAssertTrue(messages[0].contains("severity: purple"))
    }

    func testInfoStringAttributesPromptsAndOutput() throws {
        let document = parse(
            """
            # Restart

            ```console {timeout=5m name="restart api"}
            $ kubectl -n ledger rollout restart deploy/api
            deployment.apps/api restarted
            $ kubectl -n ledger get pods \\
                -l app=api
            NAME   READY
            ```
            """)
        let block = try XCTUnwrap(document.runbooks.first?.blocks.first)
        XCTAssertEqual(block.language, .shell)
        XCTAssertEqual(block.attributes, ["timeout": "5m", "name": "restart api"])
        XCTAssertEqual(
            block.script, "kubectl -n ledger rollout restart deploy/api\nkubectl -n ledger get pods \\\n    -l app=api")
        XCTAssertEqual(block.scriptLineMap, [4, 6, 7])
        XCTAssertFalse(block.unterminated)
    }

    func testLanguagesOfBlocks() throws {
        let document = parse(
            "# T\n\n```sql\nSELECT 1;\n```\n\n```\nkubectl get pods\n```\n\n```\nfoo/\n├── bar\n```\n\n```promql\nup == 0\n```\n"
        )
        XCTAssertEqual(document.runbooks.first?.blocks.map(\.language), [.sql, .shell, .other("text"), .promql])
    }

    func testStepsFromNumberedListsAndLoneBlocks() throws {
        let document = parse(
            """
            # Queue backlog

            ## Diagnosis

            Check the consumer lag first:

            ```bash
            kubectl -n ledger exec deploy/worker -- ledgerctl lag
            ```

            ## Resolution

            1. Scale the workers:
               ```bash
               kubectl -n ledger scale deploy/worker --replicas=6
               ```
            2. Watch the lag fall.
            """)
        let runbook = try XCTUnwrap(document.runbooks.first)
        XCTAssertEqual(
            runbook.steps.map(\.title), ["Check the consumer lag first", "Scale the workers:", "Watch the lag fall."])
        XCTAssertEqual(runbook.steps.map(\.blockIndexes), [[0], [1], []])
        XCTAssertEqual(runbook.steps.map(\.number), [1, 2, 3])
    }

    func testHeadingAnchorsFollowGitHub() {
        let document = parse("# Ledger: API down!\n\n## Step 1: Check `pods`\n\n## Overview\n\n## Overview\n")
        XCTAssertEqual(
            document.headings.map(\.anchor), ["ledger-api-down", "step-1-check-pods", "overview", "overview-1"])
    }

    func testRepositoryReadmeWithoutUnitsIsNotARunbook() {
        XCTAssertTrue(parse("# Ledger runbooks\n\nSee the files.\n", file: "docs/README.md").runbooks.isEmpty)
    }

    func testAlertNameUnitsInOneSOPFile() {
        let document = parse(
            """
            # Ledger SOP

            ## LedgerPaymentsStuck
            ### Meaning
            Payments stay pending.
            ### Mitigation
            Restart the worker.

            ## LedgerQueueBacklog
            ### Meaning
            The queue grows.
            ### Mitigation
            Scale the workers.
            """)
        XCTAssertEqual(document.runbooks.map(\.id), ["LedgerPaymentsStuck", "LedgerQueueBacklog"])
        XCTAssertEqual(document.runbooks.map(\.metadata.alerts), [["LedgerPaymentsStuck"], ["LedgerQueueBacklog"]])
        XCTAssertEqual(document.runbooks.map(\.lines), [LineRange(start: 3, end: 8), LineRange(start: 9, end: 13)])
        XCTAssertEqual(document.runbooks.first?.sections.compactMap(\.kind), [.summary, .resolution])
    }
}
