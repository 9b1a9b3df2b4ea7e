import Foundation
import XCTest

/// `import` and `card` driven as processes.
final class ImportCardCommandTests: XCTestCase {
    let seeds = FirebreakBinary.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/seeds")

    func testImportSplitsTheQuickReferenceDocumentAndIsIdempotent() throws {
        let scratch = try Scratch()
        let seed = seeds.appendingPathComponent("002_88c18d1e6558bada.md").path
        let first = try FirebreakBinary.run(["import", seed, "--out", scratch.url.path, "--fix-encoding", "--json"])
        XCTAssertEqual(first.status, 0, first.stderr)
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [[String: String]])
        XCTAssertEqual(rows.map { $0["id"] }, ["RB-001", "RB-002", "RB-003", "RB-004", "RB-005", "RB-006", "RB-007"])
        XCTAssertEqual(Set(rows.map { $0["status"] }), ["created"])
        let written = try String(contentsOf: scratch.url.appendingPathComponent("rb-001.md"), encoding: .utf8)
        XCTAssertTrue(written.hasPrefix("---\nid: RB-001\n"), written)
        XCTAssertTrue(written.contains("mttr: 5m"), written)
        XCTAssertFalse(written.contains("âœ"), "--fix-encoding repairs double encoding")

        let again = try FirebreakBinary.run(["import", seed, "--out", scratch.url.path, "--fix-encoding", "--json"])
        let againRows = try XCTUnwrap(
            try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [[String: String]])
        XCTAssertEqual(Set(againRows.map { $0["status"] }), ["unchanged"])

        let imported = try FirebreakBinary.run([
            "import", scratch.url.appendingPathComponent("rb-001.md").path, "--json",
        ])
        let importedRows = try XCTUnwrap(
            try JSONSerialization.jsonObject(with: Data(imported.stdout.utf8)) as? [[String: String]])
        XCTAssertEqual(importedRows.map { $0["status"] }, ["unchanged"], "import of import output is a no-op")

        let dry = try Scratch()
        let plan = try FirebreakBinary.run(["import", seed, "--out", dry.url.path, "--dry-run"])
        XCTAssertTrue(plan.stdout.contains("would be created"), plan.stdout)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dry.url.path), [])
    }

    func testCardSortedByPriorityInMarkdownJSONAndHTML() throws {
        let markdown = try FirebreakBinary.run(["card", "--path", seeds.path])
        XCTAssertEqual(markdown.status, 0, markdown.stderr)
        let rows = markdown.lines.filter { $0.hasPrefix("| ") }.dropFirst()
        XCTAssertTrue(rows.first?.hasPrefix("| Service down | P0 | RB-001") ?? false, markdown.stdout)
        let entries = try XCTUnwrap(
            try JSONSerialization.jsonObject(
                with: Data(FirebreakBinary.run(["card", "--path", seeds.path, "--json"]).stdout.utf8))
                as? [[String: Any]])
        let order = ["critical": 0, "high": 1, "medium": 2, "low": 3, "info": 4]
        let ranks = entries.map { order[$0["severity"] as? String ?? ""] ?? 5 }
        XCTAssertEqual(ranks, ranks.sorted())
        let html = try FirebreakBinary.run([
            "card", "--path", seeds.path, "--format", "html", "--title", "<Ops & on-call>",
        ])
        XCTAssertTrue(html.stdout.contains("&lt;Ops &amp; on-call&gt;"), "titles are escaped")
        XCTAssertFalse(html.stdout.contains("<script src"), "no external resources")
    }
}
