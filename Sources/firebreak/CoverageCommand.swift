import ArgumentParser
import Foundation
import RunbookCatalog
import RunbookLint

/// `firebreak coverage`: which alerts lead to which runbooks, with the same resolution as `lint`.
struct CoverageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract:
            "Alerts ↔ runbooks: resolved, unresolved (with the link that failed), templated, and runbooks no alert leads to."
    )

    @OptionGroup var catalog: CatalogOptions

    @Flag(
        help:
            "Print JSON: {alerts: [{alert, file, line, status, link, detail, runbooks}], runbooksWithoutAlert: [{id, file, line}], summary: {status: count}}."
    )
    var json = false

    struct AlertRow: Encodable {
        var alert: String
        var file: String
        var line: Int
        var status: String
        var link: String?
        var detail: String?
        var runbooks: [String]
    }

    struct Document: Encodable {
        var alerts: [AlertRow]
        var runbooksWithoutAlert: [AlertCoverage.RunbookRef]
        var summary: [String: Int]
    }

    func run() throws {
        let report = try catalog.load()
        guard let coverage = report.coverage else {
            Output.error("no alert rule files: pass --rules FILE_OR_DIR or set `rules:` in firebreak.yml")
            throw ExitCode(2)
        }
        let rows = coverage.entries.map {
            AlertRow(
                alert: $0.alert.name, file: $0.alert.file, line: $0.alert.line, status: $0.status.rawValue,
                link: $0.link,
                detail: $0.detail, runbooks: $0.runbooks.map(\.id))
        }
        var summary: [String: Int] = [:]
        for row in rows { summary[row.status, default: 0] += 1 }
        summary["runbooks-without-alert"] = coverage.runbooksWithoutAlert.count
        if json {
            return try JSONOutput.write(
                Document(alerts: rows, runbooksWithoutAlert: coverage.runbooksWithoutAlert, summary: summary))
        }
        let table = TextTable(header: ["ALERT", "STATUS", "RUNBOOK", "LINK / WHY"], maximumWidth: 60)
        for row in rows.sorted(by: { ($0.status, $0.alert) < ($1.status, $1.alert) }) {
            table.add([
                row.alert, row.status, row.runbooks.isEmpty ? "-" : row.runbooks.joined(separator: ","),
                row.detail ?? row.link ?? "",
            ])
        }
        Output.standard(table.render())
        if !coverage.runbooksWithoutAlert.isEmpty {
            Output.standard(
                "\nRunbooks no alert leads to:\n"
                    + coverage.runbooksWithoutAlert.map { "  \($0.id)  \($0.file):\($0.line)\n" }.joined())
        }
        Output.standard(
            "\n" + summary.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "\n")
    }
}
