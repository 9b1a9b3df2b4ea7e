import ArgumentParser
import Foundation
import RunbookModel
import RunbookParser

/// `firebreak parse FILE…`: shows what the parser reads from files, as JSON (for authors debugging a layout).
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Print the runbooks, sections, steps and commands the parser finds in files, as JSON.")

    @Argument(help: "Markdown files to parse.")
    var files: [String]

    func run() throws {
        let parser = RunbookDocumentParser()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let documents = files.map { parser.parse(path: $0) }
        FileHandle.standardOutput.write(try encoder.encode(documents))
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}
