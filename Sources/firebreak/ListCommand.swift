import ArgumentParser
import Foundation
import RunbookLint
import RunbookModel

/// `firebreak list`: every runbook in the configured roots, with its targets and lint status.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List every runbook: id, title, severity, MTTR target, service, alerts, location, lint status.")

    @OptionGroup var catalog: CatalogOptions

    @Flag(
        help:
            "Print JSON: an array of {id, title, severity, mttr, service, alerts, file, line, lint: {errors, warnings}}."
    )
    var json = false

    /// One row of the JSON output.
    struct Row: Encodable {
        var id: String
        var title: String?
        var severity: String?
        var mttr: String?
        var service: String?
        var alerts: [String]
        var file: String
        var line: Int
        var lint: LintCounts
    }

    struct LintCounts: Encodable {
        var errors: Int
        var warnings: Int
    }

    func run() throws {
        let report = try catalog.load()
        let counts = report.countsByRunbook
        // Alerts a runbook declares, and those whose rules link to it.
        var linked: [String: [String]] = [:]
        for entry in report.coverage?.entries ?? [] {
            for runbook in entry.runbooks { linked[runbook.id, default: []].append(entry.alert.name) }
        }
        let rows = report.documents.flatMap(\.runbooks).map { runbook in
            let count = counts[runbook.id] ?? (0, 0)
            var alerts = runbook.metadata.alerts
            for name in linked[runbook.id] ?? [] where !alerts.contains(name) { alerts.append(name) }
            return Row(
                id: runbook.id, title: runbook.title, severity: runbook.metadata.severity?.rawValue,
                mttr: runbook.metadata.mttr?.compact, service: runbook.metadata.service, alerts: alerts,
                file: runbook.file, line: runbook.location.line,
                lint: LintCounts(errors: count.errors, warnings: count.warnings))
        }
        if json { return try JSONOutput.write(rows) }
        let table = TextTable(header: ["ID", "TITLE", "SEVERITY", "MTTR", "ALERTS", "LINT", "WHERE"])
        for row in rows {
            table.add([
                row.id, row.title ?? "(untitled)", row.severity ?? "-", row.mttr ?? "-",
                row.alerts.isEmpty ? "-" : row.alerts.joined(separator: ","),
                row.lint.errors + row.lint.warnings == 0 ? "ok" : "\(row.lint.errors)E \(row.lint.warnings)W",
                "\(row.file):\(row.line)",
            ])
        }
        Output.standard(table.render())
    }
}

/// Left-aligned columns, each as wide as its widest cell (capped), for terminal output.
final class TextTable {
    private var rows: [[String]]
    private let maximumWidth: Int

    init(header: [String], maximumWidth: Int = 48) {
        rows = [header]
        self.maximumWidth = maximumWidth
    }

    func add(_ row: [String]) { rows.append(row) }

    func render() -> String {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in
            min(maximumWidth, rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0)
        }
        return rows.map { row in
            row.enumerated().map { column, cell in
                let clipped = cell.count > widths[column] ? String(cell.prefix(widths[column] - 1)) + "…" : cell
                return column == row.count - 1
                    ? clipped : clipped.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
