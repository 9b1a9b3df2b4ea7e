import Foundation
import RunbookModel

/// The quick-reference card of a set of runbooks: which runbook to open for which scenario, how urgent it is,
/// the target time to resolve, the alerts that lead to it, and whether it passes lint. Teams print it and pin it
/// to the on-call handbook; here it is generated, so it cannot drift from the runbooks.
///
/// ```swift
/// let runbooks = tree.documents.flatMap(\.runbooks)
/// let card = QuickReferenceCard(runbooks: runbooks, lint: ["RB-001": (errors: 0, warnings: 2)])
/// print(card.markdown())
/// try card.html(title: "Payments on-call card").write(toFile: "card.html", atomically: true, encoding: .utf8)
/// ```
public struct QuickReferenceCard: Sendable {
    /// Rows, most urgent first: by severity (critical first, runbooks without one last), then by id (numbers in ids
    /// compare as numbers, so `RB-9` comes before `RB-10`), then by file and line.
    public var entries: [CardEntry]

    /// The card of `runbooks`. `lint` holds the error and warning counts of each runbook by id; a runbook missing
    /// from it counts as clean.
    public init(runbooks: [Runbook], lint: [String: (errors: Int, warnings: Int)]) {
        entries = runbooks.map { runbook in
            let metadata = runbook.metadata
            let counts = lint[runbook.id] ?? (errors: 0, warnings: 0)
            return CardEntry(
                scenario: Self.nonEmpty(metadata.extra["scenario"]) ?? Self.nonEmpty(runbook.title) ?? runbook.id,
                severity: metadata.severity?.rawValue, priority: Self.nonEmpty(metadata.severityText),
                runbookID: runbook.id, title: Self.nonEmpty(runbook.title) ?? runbook.id,
                mttr: Self.nonEmpty(metadata.mttrText) ?? metadata.mttr?.compact, alerts: metadata.alerts,
                lintErrors: counts.errors, lintWarnings: counts.warnings, file: runbook.file,
                line: runbook.location.line)
        }
        .sorted(by: Self.precedes)
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }

    private static func rank(_ entry: CardEntry) -> Int {
        entry.severity.flatMap(Severity.init(rawValue:))?.rank ?? Severity.allCases.count
    }

    private static func precedes(_ lhs: CardEntry, _ rhs: CardEntry) -> Bool {
        if rank(lhs) != rank(rhs) { return rank(lhs) < rank(rhs) }
        switch lhs.runbookID.compare(rhs.runbookID, options: [.numeric]) {
        case .orderedAscending: return true
        case .orderedDescending: return false
        case .orderedSame: return (lhs.runbookID, lhs.file, lhs.line) < (rhs.runbookID, rhs.file, rhs.line)
        }
    }
}
