import Foundation
import RunbookCatalog
import RunbookParser
import XCTest

/// Import over the real runbook corpora in `../shared/corpus`: every output reads back as its runbook and imports
/// again unchanged.
final class ImportCorpusTests: XCTestCase {
    func testEveryCorpusDocumentImportsStably() throws {
        let root = ImportSeeds.directory.deletingLastPathComponent().appendingPathComponent("corpus")
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        var paths: [String] = []
        while let relative = enumerator?.nextObject() as? String {
            if relative.hasSuffix(".md") { paths.append(relative) }
        }
        try XCTSkipIf(paths.isEmpty, "no corpus at \(root.path)")
        var outputsChecked = 0
        var resplit: [String] = []
        for relative in paths.sorted() {
            let path = root.appendingPathComponent(relative).path
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            let document = RunbookDocumentParser().parse(path: path, reportedAs: relative)
            let outputs = RunbookImporter.split(
                documentText: text, document: document, sourcePath: relative, options: ImportOptions())
            XCTAssertEqual(outputs.count, document.runbooks.count, relative)
            XCTAssertEqual(Set(outputs.map(\.fileName)).count, outputs.count, relative)
            for (original, output) in zip(document.runbooks, outputs) {
                let again = ImportSeeds.parse(output)
                guard again.runbooks.count == 1 else {
                    resplit.append("\(relative) → \(output.fileName): \(again.runbooks.map(\.id))")
                    continue
                }
                XCTAssertEqual(again.runbooks.first?.id, original.id, relative)
                XCTAssertEqual(again.runbooks.first?.title, original.title, relative)
                XCTAssertEqual(again.runbooks.first?.metadata.severity, original.metadata.severity, relative)
                XCTAssertEqual(again.runbooks.first?.metadata.mttr, original.metadata.mttr, relative)
                let second = RunbookImporter.split(
                    documentText: output.text, document: again, sourcePath: output.fileName, options: ImportOptions())
                XCTAssertEqual(
                    second.map(\.text), [output.text], "\(relative) → \(output.fileName) changed on a second import")
                outputsChecked += 1
            }
        }
        XCTAssertEqual(resplit, [])
        XCTAssertGreaterThan(outputsChecked, paths.count / 2, "most corpus files are runbooks")
    }
}
