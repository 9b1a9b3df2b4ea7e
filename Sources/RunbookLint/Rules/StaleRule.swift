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
        let trimmed = text.trimmedASCII()
        if let date = isoDate(trimmed) { return date }
        for format in ["MMMM d, yyyy", "MMM d, yyyy", "d MMMM yyyy", "d MMM yyyy"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = format
            if let date = formatter.date(from: trimmed) { return date }
        }
        return nil
    }

    /// `YYYY-MM-DD` or `YYYY/MM/DD` at the start of the text (anything after it is ignored), computed directly:
    /// most runbooks write dates this way, and a `DateFormatter` per runbook was a measurable share of a lint run.
    static func isoDate(_ text: String) -> Date? {
        let bytes = Array(text.utf8.prefix(10))
        guard bytes.count == 10, bytes[4] == bytes[7], bytes[4] == UInt8(ascii: "-") || bytes[4] == UInt8(ascii: "/")
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                guard bytes[index] >= 0x30, bytes[index] <= 0x39 else { return nil }
                value = value * 10 + Int(bytes[index] - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), (1...12).contains(month),
            (1...31).contains(day)
        else { return nil }
        // Days from the civil date (Howard Hinnant's algorithm), then seconds since 1970.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return Date(timeIntervalSince1970: TimeInterval(days) * 86_400)
    }
}
