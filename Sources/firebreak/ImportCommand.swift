import ArgumentParser
import Foundation
import RunbookCatalog
import RunbookParser

/// `firebreak import`: splits multi-runbook documents into one Markdown file per runbook, with front matter.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Split documents into one runbook file each, with front matter holding what was inferred.",
        discussion:
            "Only headings change (to canonical section names); every other line is kept as written. Re-running changes nothing."
    )

    @Argument(help: "Markdown documents to import.")
    var files: [String]

    @Option(help: "Directory to write the runbooks to (default: beside each document).")
    var out: String?

    @Flag(name: .customLong("dry-run"), help: "Print what would be written, write nothing.")
    var dryRun = false

    @Flag(name: .customLong("fix-encoding"), help: "Repair double-encoded UTF-8 (`âœ…` → `✅`) in the output.")
    var fixEncoding = false

    @Flag(help: "Print JSON: an array of {id, file, source, status} (status: created, updated, unchanged).")
    var json = false

    struct Row: Encodable {
        var id: String
        var file: String
        var source: String
        var status: String
    }

    func run() throws {
        let parser = RunbookDocumentParser()
        var rows: [Row] = []
        var claimed = Set<String>()
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                Output.error("\(file): cannot read the file; check the path")
                throw ExitCode(2)
            }
            let document = parser.parse(bytes: [UInt8](data), file: file)
            let text = String(decoding: data, as: UTF8.self)
            let imported = RunbookImporter.split(
                documentText: text, document: document, sourcePath: file,
                options: ImportOptions(fixEncoding: fixEncoding))
            if imported.isEmpty { Output.error("\(file): no runbook found (a repository README, or no headings)") }
            let directory = out ?? (file as NSString).deletingLastPathComponent
            for runbook in imported {
                var target = (directory.isEmpty ? "." : directory) + "/" + runbook.fileName
                var suffix = 2
                while claimed.contains(target) {
                    target =
                        (directory.isEmpty ? "." : directory) + "/"
                        + (runbook.fileName as NSString).deletingPathExtension + "-\(suffix).md"
                    suffix += 1
                }
                claimed.insert(target)
                let existing = FileManager.default.contents(atPath: target).map { String(decoding: $0, as: UTF8.self) }
                let status = existing == nil ? "created" : existing == runbook.text ? "unchanged" : "updated"
                if !dryRun && status != "unchanged" {
                    do {
                        try FileManager.default.createDirectory(
                            atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                        try Data(runbook.text.utf8).write(to: URL(fileURLWithPath: target), options: .atomic)
                    } catch {
                        Output.error(
                            "\(target): cannot write (\(error.localizedDescription)); check the --out directory")
                        throw ExitCode(2)
                    }
                }
                rows.append(
                    Row(
                        id: runbook.id, file: target, source: runbook.source,
                        status: dryRun ? "would be \(status)" : status))
            }
        }
        if json { return try JSONOutput.write(rows) }
        for row in rows {
            Output.standard(
                "\(row.status.padding(toLength: 18, withPad: " ", startingAt: 0)) \(row.file)  [\(row.id)] from \(row.source)\n"
            )
        }
    }
}
