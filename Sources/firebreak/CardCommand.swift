import ArgumentParser
import Foundation
import RunbookCatalog
import RunbookLint

/// `firebreak card`: the quick-reference card, sorted by priority.
struct CardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "card",
        abstract: "Print the quick-reference card: scenario, priority, runbook, MTTR target, alerts, lint status.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case markdown, html
    }

    @OptionGroup var catalog: CatalogOptions

    @Option(help: "Output format: markdown (a GitHub table) or html (one self-contained page).")
    var format: Format = .markdown

    @Option(help: "Title of the HTML page.")
    var title = "Runbook quick reference"

    @Flag(
        help:
            "Print JSON: an array of card entries {scenario, severity, priority, runbookID, title, mttr, alerts, lintErrors, lintWarnings, file, line, …}."
    )
    var json = false

    func run() throws {
        let report = try catalog.load()
        let card = QuickReferenceCard(runbooks: report.documents.flatMap(\.runbooks), lint: report.countsByRunbook)
        if json { return try JSONOutput.write(card.entries) }
        switch format {
        case .markdown: Output.standard(card.markdown())
        case .html: Output.standard(card.html(title: title))
        }
    }
}
