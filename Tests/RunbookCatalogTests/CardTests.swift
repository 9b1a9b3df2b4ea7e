import Foundation
import RunbookCatalog
import RunbookModel
import RunbookParser
import XCTest

final class CardTests: XCTestCase {
    private func seedRunbooks() throws -> [Runbook] {
        try ["002_", "003_"].flatMap { try ImportSeeds.load($0).document.runbooks }
    }

    private func runbook(
        id: String, title: String?, severity: String? = nil, alerts: [String] = [], file: String = "ledger.md"
    ) -> Runbook {
        var metadata = RunbookMetadata()
        metadata.severityText = severity
        metadata.severity = severity.flatMap(Severity.init(parsing:))
        metadata.alerts = alerts
        return Runbook(
            id: id, title: title, file: file, anchor: nil, lines: LineRange(start: 1, end: 10),
            location: SourceLocation(file: file, line: 1), metadata: metadata, sections: [], steps: [], blocks: [],
            text: "", hasFrontMatter: false)
    }

    func testSeedCardIsSortedBySeverityThenID() throws {
        let card = QuickReferenceCard(runbooks: try seedRunbooks(), lint: ["RB-003": (errors: 2, warnings: 1)])
        XCTAssertEqual(
            card.entries.map(\.runbookID),
            [
                "RB-001", "RB-002", "RB-003", "RB-006", "RB-007", "RB-004", "RB-005", "high-consumer-lag",
                "query-timeout", "schema-registry-unavailable",
            ])
        XCTAssertEqual(
            card.entries.map(\.severity),
            ["critical", "high", "high", "high", "high", "medium", "medium", nil, nil, nil])
        let first = try XCTUnwrap(card.entries.first)
        XCTAssertEqual(first.scenario, "Service down")
        XCTAssertEqual(first.priority, "P0")
        XCTAssertEqual(first.mttr, "<5 min")
        XCTAssertEqual(first.title, "Service Startup and Deployment")
        XCTAssertEqual(first.file, "002_88c18d1e6558bada.md")
        XCTAssertEqual(first.line, 38)
        XCTAssertEqual(
            card.entries.first { $0.runbookID == "RB-003" }.map { [$0.lintErrors, $0.lintWarnings] }, [2, 1])
        XCTAssertEqual(
            card.entries.last?.scenario, "Schema Registry Unavailable", "without a table row the title is the scenario")
    }

    func testMarkdownTable() throws {
        let markdown = QuickReferenceCard(runbooks: try seedRunbooks(), lint: ["RB-003": (errors: 2, warnings: 1)])
            .markdown()
        let lines = markdown.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "| Scenario | Priority | Runbook | MTTR target | Alerts | Lint |")
        XCTAssertEqual(lines.count, 12)
        XCTAssertEqual(
            lines[2],
            "| Service down | P0 | RB-001: Service Startup and Deployment (002_88c18d1e6558bada.md:38) | <5 min | — | ok |"
        )
        XCTAssertTrue(
            lines.contains {
                $0.hasPrefix("| Storage full | P1 | RB-003: ") && $0.hasSuffix(" | 2 errors, 1 warning |")
            }, markdown)
        // Without a quick-reference row, severity or target, a runbook still has its row.
        XCTAssertTrue(
            lines.contains {
                $0.hasPrefix("| High Consumer Lag | — | high-consumer-lag: High Consumer Lag (003_")
                    && $0.hasSuffix(" | — | — | ok |")
            },
            markdown)
    }

    func testMarkdownCellsCannotBreakTheTable() {
        let card = QuickReferenceCard(
            runbooks: [runbook(id: "LED-1", title: "Sync | export\n<img src=x> <5 min", alerts: ["LedgerLag"])],
            lint: [:])
        let row = card.markdown().split(separator: "\n").last.map(String.init) ?? ""
        XCTAssertEqual(
            row,
            "| Sync \\| export &lt;img src=x> <5 min | — | LED-1: Sync \\| export &lt;img src=x> <5 min (ledger.md:1) | — | LedgerLag | ok |"
        )
    }

    func testHTMLEscapesEveryValue() {
        let card = QuickReferenceCard(
            runbooks: [
                runbook(id: "LED-1", title: "<script>alert(1)</script> sync", severity: "P1", alerts: ["Lag\"&'<b>"]),
                runbook(id: "LED-2", title: "Export", severity: "critical"),
            ],
            lint: ["LED-1": (errors: 0, warnings: 3)])
        let html = card.html(title: "Ledger <on-call> & \"friends\"")
        XCTAssertFalse(html.contains("<script>"), html)
        XCTAssertFalse(html.contains("<b>"), html)
        XCTAssertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; sync"), html)
        XCTAssertTrue(html.contains("<code>Lag&quot;&amp;&#39;&lt;b&gt;</code>"), html)
        XCTAssertTrue(html.contains("<title>Ledger &lt;on-call&gt; &amp; &quot;friends&quot;</title>"), html)
        XCTAssertTrue(html.contains("3 warnings"))
        // Self-contained: no scripts, stylesheets or images fetched from anywhere.
        for external in ["<script", "<link", "src=", "href=", "@import", "url("] {
            XCTAssertFalse(html.contains(external), external)
        }
        let export = html.range(of: "<code>LED-2</code>")
        let sync = html.range(of: "<code>LED-1</code>")
        XCTAssertNotNil(export)
        XCTAssertNotNil(sync)
        if let export, let sync { XCTAssertLessThan(export.lowerBound, sync.lowerBound, "critical before high") }
    }

    func testEntriesEncodeAsJSON() throws {
        let card = QuickReferenceCard(runbooks: [runbook(id: "LED-1", title: "Sync", severity: "P2")], lint: [:])
        let data = try JSONEncoder().encode(card.entries)
        let decoded = try JSONDecoder().decode([CardEntry].self, from: data)
        XCTAssertEqual(decoded, card.entries)
        XCTAssertEqual(decoded.first?.severity, "medium")
        XCTAssertEqual(decoded.first?.priority, "P2")
    }

    func testCardOfImportedRunbooksKeepsScenarioAndPriority() throws {
        let outputs = try ImportSeeds.split("002_").outputs
        let runbooks = outputs.compactMap { ImportSeeds.parse($0).runbooks.first }
        let card = QuickReferenceCard(runbooks: runbooks, lint: [:])
        let first = try XCTUnwrap(card.entries.first { $0.runbookID == "RB-001" })
        XCTAssertEqual(
            [first.scenario, first.priority, first.mttr, first.severity], ["Service down", "P0", "5m", "critical"])
    }
}
