import RunbookModel
import RunbookParser
import XCTest

/// Every real document we have parses, and what comes out is consistent.
final class CorpusParseTests: XCTestCase {
    func testEverySeedAndCorpusFileParsesConsistently() {
        let parser = RunbookDocumentParser()
        let files =
            SharedFiles.files(under: "seeds", extensions: ["md"])
            + SharedFiles.files(under: "corpus", extensions: ["md", "markdown"])
        XCTAssertGreaterThan(files.count, 390, "expected the shared corpus beside the package")
        var runbooks = 0
        for file in files {
            let document = parser.parse(path: file)
            XCTAssertFalse(document.diagnostics.contains { $0.kind == .input }, file)
            for runbook in document.runbooks {
                runbooks += 1
                XCTAssertFalse(runbook.id.isEmpty, file)
                XCTAssertTrue(runbook.lines.start <= runbook.lines.end, file)
                for block in runbook.blocks {
                    XCTAssertTrue(runbook.lines.contains(block.location.line), "\(file): block outside its runbook")
                    XCTAssertEqual(
                        block.script.isEmpty
                            ? 0 : block.script.split(separator: "\n", omittingEmptySubsequences: false).count,
                        block.scriptLineMap.count, file)
                }
                let owned = runbook.steps.flatMap(\.blockIndexes)
                XCTAssertEqual(
                    owned.sorted(), Array(runbook.blocks.indices), "\(file): every block belongs to exactly one step")
            }
        }
        XCTAssertGreaterThan(runbooks, 380)
    }
}
