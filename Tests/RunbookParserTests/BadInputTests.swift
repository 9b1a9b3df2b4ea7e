import RunbookModel
import RunbookParser
import XCTest

/// Hostile or broken input gives diagnostics with a line, never a crash or a hang.
final class BadInputTests: XCTestCase {
    let parser = RunbookDocumentParser()

    func testBinaryFileIsReportedAndNotParsed() {
        var bytes = Array("# Title\nsome text\n".utf8)
        bytes += [0x00, 0xFF, 0x10, 0x00, 0x89, 0x50, 0x4E, 0x47]
        let document = parser.parse(bytes: bytes, file: "bin.md")
        XCTAssertTrue(document.runbooks.isEmpty)
        let diagnostic = document.diagnostics.first
        XCTAssertEqual(diagnostic?.kind, .encoding)
        XCTAssertEqual(diagnostic?.location.line, 3)
        XCTAssertTrue(diagnostic?.message.contains("binary") ?? false)
    }

    func testInvalidUTF8IsReportedAtItsLineAndTheRestIsRead() throws {
        var bytes = Array("# Title\n\n## Diagnosis\nfine\n".utf8)
        bytes += [0x63, 0x61, 0x66, 0xE9, 0x0A]  // "café" in Latin-1
        bytes += Array("\n## Resolution\nrestart\n".utf8)
        let document = parser.parse(bytes: bytes, file: "latin1.md")
        let diagnostic = try XCTUnwrap(document.diagnostics.first)
        XCTAssertEqual(diagnostic.location.line, 5)
        XCTAssertTrue(diagnostic.isError)
        XCTAssertTrue(diagnostic.message.contains("0xE9"))
        XCTAssertEqual(document.runbooks.first?.sections.compactMap(\.kind), [.diagnosis, .resolution])
    }

    func testFiftyMegabyteFileIsRefusedWithAFindingNotParsed() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "firebreak-huge-\(UUID().uuidString).md")
        defer { try? FileManager.default.removeItem(at: url) }
        let unit = Data("## Step 1: Check\n\nSome prose.\n\n```bash\nkubectl get pods -n ledger\n```\n\n".utf8)
        var data = Data("# Huge\n\n".utf8)
        while data.count < 50_000_000 { data.append(unit) }
        try data.write(to: url)
        let document = parser.parse(path: url.path)
        XCTAssertTrue(document.runbooks.isEmpty)
        let diagnostic = try XCTUnwrap(document.diagnostics.first)
        XCTAssertEqual(diagnostic.kind, .input)
        XCTAssertEqual(diagnostic.location.line, 1)
        XCTAssertTrue(diagnostic.message.contains("47 MiB, over the 16 MiB limit"), diagnostic.message)
    }

    func testMultiMegabyteFileParsesInFull() {
        let unit =
            "## Step 1: Check\n\nSome prose with `code` and a [link](other.md).\n\n```bash\nkubectl get pods -n ledger\n```\n\n"
        let count = 3_000_000 / unit.utf8.count
        let text = "# Big\n\n" + String(repeating: unit, count: count)
        let document = parser.parse(bytes: Array(text.utf8), file: "big.md")
        XCTAssertEqual(document.runbooks.count, 1)
        XCTAssertEqual(document.runbooks[0].blocks.count, count)
        XCTAssertEqual(document.runbooks[0].steps.count, count)
        XCTAssertEqual(document.runbooks[0].blocks.last?.location.line, 3 + (count - 1) * 8 + 4)
    }

    func testTenThousandDeepNestingDoesNotExhaustTheStack() {
        let lists = "# Deep\n\n" + String(repeating: "- ", count: 10_000) + "item\n"
        XCTAssertEqual(parser.parse(bytes: Array(lists.utf8), file: "lists.md").runbooks.count, 1)
        let ordered = "# Deep\n\n" + String(repeating: "1. ", count: 10_000) + "step\n"
        XCTAssertEqual(parser.parse(bytes: Array(ordered.utf8), file: "ordered.md").runbooks.first?.steps.count, 1)
        let quotes = "# Deep\n\n" + String(repeating: ">", count: 10_000) + " quoted\n"
        XCTAssertEqual(parser.parse(bytes: Array(quotes.utf8), file: "quotes.md").runbooks.count, 1)
        let mixed = "# Deep\n\n" + String(repeating: "> - ", count: 5_000) + "x\n"
        XCTAssertEqual(parser.parse(bytes: Array(mixed.utf8), file: "mixed.md").runbooks.count, 1)
        let emphasis = "# Deep\n\n" + String(repeating: "*a **b ", count: 5_000) + "\n"
        XCTAssertEqual(parser.parse(bytes: Array(emphasis.utf8), file: "emphasis.md").runbooks.count, 1)
    }

    func testUnterminatedFenceIsMarkedWithItsExtent() throws {
        let document = parser.parse(
            bytes: Array("# T\n\n## Diagnosis\n\n```bash\nkubectl get pods\n\n## Resolution\nrestart\n".utf8),
            file: "fence.md")
        let block = try XCTUnwrap(document.runbooks.first?.blocks.first)
        XCTAssertTrue(block.unterminated)
        XCTAssertEqual(block.location.line, 5)
        XCTAssertEqual(block.endLine, 9)
        let closed = parser.parse(bytes: Array("# T\n\n```bash\nls\n```\n".utf8), file: "ok.md")
        XCTAssertEqual(closed.runbooks.first?.blocks.first?.unterminated, false)
    }

    func testEmptyAndWhitespaceFiles() {
        XCTAssertEqual(parser.parse(bytes: [], file: "empty.md").runbooks.first?.title, nil)
        XCTAssertEqual(parser.parse(bytes: Array("\n\n   \n".utf8), file: "blank.md").diagnostics, [])
    }

    func testMissingFileIsADiagnostic() {
        let document = parser.parse(path: "/nonexistent/runbook.md")
        XCTAssertEqual(document.diagnostics.first?.kind, .input)
    }
}
