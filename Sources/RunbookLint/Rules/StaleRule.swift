import Foundation
import RunbookModel

/// `stale`: the runbook's last review is older than its review interval.
struct StaleRule: DocumentLintRule {
    static let description = LintRuleDescription(
        id: "stale", defaultSeverity: .warning, summary: "Runbook has not been reviewed in time",
        help: "`last_reviewed` (or a `**Last Updated**:` line) must be within `review_every` (front matter, or "
            + "`lint.review_every` in firebreak.yml, default 180 days). Review the runbook and update the date.")

    func check(_ document: AnalyzedDocument, _ context: LintContext) -> [Finding] {
        document.document.runbooks.compactMap { runbook in
            guard let text = runbook.metadata.lastReviewed, let date = Self.parseDate(text) else { return nil }
            let interval = runbook.metadata.reviewEvery ?? context.reviewEvery
            let age = context.now.timeIntervalSince(date)
            guard age > TimeInterval(interval.seconds) else { return nil }
            let days = Int(age / 86_400)
            return finding(
                runbook.location,
                "runbook '\(runbook.id)' was last reviewed \(text) (\(days) days ago), past its review interval of "
                    + "\(interval.compact); review it and update the date",
                runbook: runbook)
        }
    }

    /// `2026-01-13`, `2026/01/13`, `January 31, 2026`, `31 January 2026`, `Jan 31, 2026`.
    static func parseDate(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let formats = ["yyyy-MM-dd", "yyyy/MM/dd", "MMMM d, yyyy", "MMM d, yyyy", "d MMMM yyyy", "d MMM yyyy", "yyyy-MM-dd'T'HH:mm:ssXXXXX"]
        for format in formats {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = format
            if let date = formatter.date(from: trimmed) { return date }
            // A date followed by words ("2026-01-13 (after the outage)").
            let firstToken = format.contains(" ") ? trimmed : String(trimmed.prefix(while: { $0 != " " }))
            if firstToken != trimmed, let date = formatter.date(from: firstToken) { return date }
        }
        return nil
    }
}
