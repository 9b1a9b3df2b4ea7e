import ArgumentParser
import Foundation
import RunbookCatalog
import RunbookLint
import StorageSQL

/// `firebreak search "QUERY"`: ranked full-text search by symptom, error string, alert name or command.
struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract:
            "Find runbooks by symptom, error string, alert name or command (ranked; the index lives in .firebreak/search.sqlite)."
    )

    @Argument(help: "What you see: an error message, an alert name, a symptom.")
    var query: String

    @OptionGroup var catalog: CatalogOptions

    @Option(help: "Maximum number of results.")
    var limit = 10

    @Flag(help: "Print JSON: an array of {id, title, file, line, score, snippet, matchedFields}.")
    var json = false

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
    }

    func run() async throws {
        let report = try catalog.load()
        let base =
            catalog.config.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path }
            ?? FileManager.default.currentDirectoryPath
        let path = (base.isEmpty ? "." : base) + "/.firebreak/search.sqlite"
        let index: SQLiteSearchIndex
        do {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            index = try await SQLiteSearchIndex(path: path)
        } catch {
            Output.error("\(error)")
            throw ExitCode(2)
        }
        let hits: [SearchHit]
        do {
            _ = try await index.refresh(report.documents.flatMap(\.runbooks).map(SearchDocument.init(runbook:)))
            hits = try await index.search(query, limit: limit)
            try await index.close()
        } catch {
            try? await index.close()
            Output.error("\(error)")
            throw ExitCode(2)
        }
        if json { return try JSONOutput.write(hits) }
        if hits.isEmpty { return Output.standard("no runbook matches \"\(query)\"\n") }
        for (rank, hit) in hits.enumerated() {
            Output.standard("\(rank + 1). \(hit.title)  [\(hit.id)]  \(hit.file):\(hit.line)\n   \(hit.snippet)\n")
        }
    }
}
