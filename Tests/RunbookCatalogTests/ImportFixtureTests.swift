import Foundation
import RunbookCatalog
import RunbookModel
import RunbookParser
import XCTest

/// Import of small documents about a fictional ledger service, one layout or edge at a time.
final class ImportFixtureTests: XCTestCase {
    private func split(_ text: String, path: String = "ledger.md", fixEncoding: Bool = false) -> [ImportedRunbook] {
        let document = RunbookDocumentParser().parse(bytes: Array(text.utf8), file: path)
        return RunbookImporter.split(
            documentText: text, document: document, sourcePath: path, options: ImportOptions(fixEncoding: fixEncoding))
    }

    /// Each output reads back as one runbook and imports again to the same text.
    private func assertStable(_ outputs: [ImportedRunbook], file: StaticString = #filePath, line: UInt = #line) {
        for output in outputs {
            let document = RunbookDocumentParser().parse(bytes: Array(output.text.utf8), file: output.fileName)
            XCTAssertEqual(document.runbooks.map(\.id), [output.id], file: file, line: line)
            let again = RunbookImporter.split(
                documentText: output.text, document: document, sourcePath: output.fileName, options: ImportOptions())
            XCTAssertEqual(
                again.map(\.text), [output.text], "\(output.fileName) changed on a second import", file: file,
                line: line)
        }
    }

    private let ledgerUnits = """
        # Ledger operations

        Shared notes for every ledger runbook.

        ### LED-001: Ledger sync stalled ✅ DONE

        #### Diagnosis

        ##### Sync worker state

        ```bash
        ledgerctl worker status --name sync
        ```

        #### Fix it

        1. **Restart**: `ledgerctl worker restart --name sync`

        ---

        ### LED-002: Ledger export failed

        **Severity**: High
        **Symptoms:** exports are empty
        - nightly export file is 0 bytes
        **Owner**: ledger-team
        **Notes**: exports run at 02:00

        ---

        """

    func testUnitHeadingBecomesTitleAndChildrenKeepTheirDepth() throws {
        let outputs = split(ledgerUnits)
        XCTAssertEqual(outputs.map(\.fileName), ["led-001.md", "led-002.md"])
        XCTAssertEqual(
            outputs.first?.text,
            """
            ---
            id: LED-001
            title: Ledger sync stalled
            source: "ledger.md#led-001-ledger-sync-stalled--done"
            ---
            # Ledger sync stalled

            ## Diagnosis

            ### Sync worker state

            ```bash
            ledgerctl worker status --name sync
            ```

            ## Resolution

            1. **Restart**: `ledgerctl worker restart --name sync`

            """)
        XCTAssertEqual(outputs.first?.source, "ledger.md#led-001-ledger-sync-stalled--done")
        assertStable(outputs)
    }

    func testKnownLabelsBecomeHeadingsAndOtherLabelsStay() throws {
        let output = try XCTUnwrap(split(ledgerUnits).last)
        XCTAssertEqual(
            output.text,
            """
            ---
            id: LED-002
            title: Ledger export failed
            severity: high
            owner: ledger-team
            source: "ledger.md#led-002-ledger-export-failed"
            ---
            # Ledger export failed

            **Severity**: High
            ## Symptoms

            exports are empty
            - nightly export file is 0 bytes
            **Owner**: ledger-team
            **Notes**: exports run at 02:00

            """)
        let runbook = try XCTUnwrap(
            RunbookDocumentParser().parse(bytes: Array(output.text.utf8), file: "led-002.md").runbooks.first)
        XCTAssertEqual(runbook.section(.symptoms)?.text.contains("exports are empty"), true)
        XCTAssertEqual(runbook.metadata.owner, "ledger-team")
        assertStable([output])
    }

    func testExistingFrontMatterWinsAndUnknownKeysAreKept() throws {
        let text = """
            ---
            id: ledger-latency
            weight: 20
            severity: P1
            tags: [ledger, latency]
            ---
            # Ledger API latency - DONE

            **MTTR Target**: 15 min
            **Service**: ledger-api

            ## Overview

            Ledger writes take longer than 2 s.

            ## Investigation

            ```bash
            ledgerctl latency --window 5m
            ```

            """
        let outputs = split(text, path: "runbooks/ledger-latency.md")
        XCTAssertEqual(
            outputs.map(\.text),
            [
                """
                ---
                id: ledger-latency
                weight: 20
                severity: P1
                tags: [ledger, latency]
                title: Ledger API latency
                mttr: 15m
                service: ledger-api
                source: runbooks/ledger-latency.md
                ---
                # Ledger API latency

                **MTTR Target**: 15 min
                **Service**: ledger-api

                ## Summary

                Ledger writes take longer than 2 s.

                ## Diagnosis

                ```bash
                ledgerctl latency --window 5m
                ```

                """
            ])
        XCTAssertEqual(outputs.map(\.fileName), ["ledger-latency.md"])
        assertStable(outputs)
    }

    func testFrontMatterTitleLeavesTheAuthorsHeadingAlone() {
        let text = "---\ntitle: Ledger API latency\n---\n# Latency of the ledger API ✅\n\n## Diagnosis\n\nCheck it.\n"
        let output = split(text, path: "latency.md").first?.text ?? ""
        XCTAssertTrue(
            output.hasPrefix(
                "---\ntitle: Ledger API latency\nid: latency\nsource: latency.md\n---\n# Latency of the ledger API ✅\n"),
            output)
    }

    func testSetextHeadingsAreRewrittenAsOneLine() {
        let text =
            "Ledger export failed\n====================\n\nSymptoms\n--------\n\nExports are empty.\n\nNotes\n-----\n\nRuns nightly.\n"
        let outputs = split(text, path: "export.md")
        XCTAssertEqual(
            outputs.first?.text,
            "---\nid: export\ntitle: Ledger export failed\nsource: export.md\n---\n"
                + "# Ledger export failed\n\n## Symptoms\n\nExports are empty.\n\nNotes\n-----\n\nRuns nightly.\n")
        assertStable(outputs)
    }

    func testAwkwardValuesAreQuotedAndReadBackTheSame() throws {
        let text = """
            ## LED-003: Replay "poison" messages: a guide

            **Alerts**: LedgerPoisonQueue
            **Symptoms**: the queue grows

            ## LED-004: True

            **Last Updated**: 2026-01-13
            **Symptoms**: nothing moves

            """
        let outputs = split(text)
        XCTAssertTrue(
            outputs[0].text.contains("\ntitle: \"Replay \\\"poison\\\" messages: a guide\"\n"), outputs[0].text)
        XCTAssertTrue(outputs[0].text.contains("\nalerts:\n  - LedgerPoisonQueue\n"), outputs[0].text)
        XCTAssertTrue(outputs[1].text.contains("\ntitle: \"True\"\n"), outputs[1].text)
        XCTAssertTrue(outputs[1].text.contains("\nlast_reviewed: 2026-01-13\n"), outputs[1].text)
        for output in outputs {
            let runbook = try XCTUnwrap(
                RunbookDocumentParser().parse(bytes: Array(output.text.utf8), file: output.fileName).runbooks.first)
            XCTAssertEqual(runbook.title, output.id == "LED-003" ? "Replay \"poison\" messages: a guide" : "True")
        }
        XCTAssertEqual(
            RunbookDocumentParser().parse(bytes: Array(outputs[0].text.utf8), file: "led-003.md").runbooks.first?
                .metadata.alerts,
            ["LedgerPoisonQueue"])
        XCTAssertEqual(
            RunbookDocumentParser().parse(bytes: Array(outputs[1].text.utf8), file: "led-004.md").runbooks.first?
                .metadata.lastReviewed,
            "2026-01-13")
        assertStable(outputs)
    }

    func testCRLFLineEndingsArePreserved() throws {
        let text = ledgerUnits.replacingOccurrences(of: "\n", with: "\r\n")
        let outputs = split(text)
        XCTAssertEqual(outputs.map(\.id), ["LED-001", "LED-002"])
        for output in outputs {
            XCTAssertFalse(
                output.text.utf8.split(separator: UInt8(ascii: "\n")).contains { $0.last != UInt8(ascii: "\r") },
                output.text)
        }
        // The last unit is left out: the parser counts the lines of a CRLF file as one, which cuts the last unit short.
        XCTAssertEqual(outputs.first?.text.replacingOccurrences(of: "\r\n", with: "\n"), split(ledgerUnits).first?.text)
    }

    func testSeparatorsInsideAnUnclosedCodeBlockAreContent() throws {
        let text = """
            ## LED-005: Rotate keys

            Rotate them.

            ---

            ## LED-006: Dump the config

            ```yaml
            sync: true

            ---

            """
        let outputs = split(text)
        XCTAssertEqual(outputs.map(\.id), ["LED-005", "LED-006"])
        XCTAssertTrue(outputs[0].text.hasSuffix("---\n# Rotate keys\n\nRotate them.\n"), outputs[0].text)
        XCTAssertTrue(
            outputs[1].text.hasSuffix("---\n# Dump the config\n\n```yaml\nsync: true\n\n---\n"), outputs[1].text)
    }

    func testFixEncodingRepairsTextAndSourceAnchor() throws {
        let text =
            "## LED-007: Ledger â€” replay âœ…\n\n**Symptoms**: replay stops â€” check âœ… marks\n\n## LED-008: Other\n\nText.\n"
        let plain = split(text)
        let fixed = split(text, fixEncoding: true)
        XCTAssertTrue(plain[0].text.contains("replay stops â€” check âœ… marks"))
        XCTAssertTrue(fixed[0].text.contains("\n## Symptoms\n\nreplay stops — check ✅ marks\n"), fixed[0].text)
        XCTAssertTrue(
            fixed[0].text.contains("\ntitle: Ledger — replay\n")
                || fixed[0].text.contains("\ntitle: \"Ledger — replay\"\n"), fixed[0].text)
        XCTAssertFalse(Mojibake.contains(fixed[0].text), fixed[0].text)
        XCTAssertEqual(fixed[0].source, "ledger.md#led-007-ledger--replay-")
        assertStable(fixed)
    }

    func testLabelsInsideListItemsStayAsWritten() {
        let text =
            "# Ledger lag\n\n- the worker is slow\n  **Symptoms**: lag grows\n\n**Diagnosis**: check the worker\n"
        let output = split(text, path: "lag.md").first?.text ?? ""
        XCTAssertTrue(
            output.hasSuffix(
                "# Ledger lag\n\n- the worker is slow\n  **Symptoms**: lag grows\n\n## Diagnosis\n\ncheck the worker\n"),
            output)
    }

    func testOddInputNeverTrapsOrLoops() {
        let texts = [
            "", "\n", "---", "---\n---\n", "---\n: [\n---\n# Broken front matter\n", "> # Quoted title\n\ntext\n",
            "# Title\n\n## A\n", "\u{FEFF}# Ledger\r\n\r\n## Symptoms\r\nslow\r\n",
        ]
        for text in texts {
            let outputs = split(text, path: "odd.md")
            for output in outputs {
                XCTAssertTrue(
                    output.text.hasPrefix("---"), "\(text.debugDescription) → \(output.text.debugDescription)")
            }
        }
        // A document that does not match the text it is said to come from: lines past the end are ignored.
        let document = RunbookDocumentParser().parse(bytes: Array(ledgerUnits.utf8), file: "ledger.md")
        let outputs = RunbookImporter.split(
            documentText: "# Short\n", document: document, sourcePath: "ledger.md", options: ImportOptions())
        XCTAssertEqual(outputs.map(\.id), ["LED-001", "LED-002"])
    }
}
