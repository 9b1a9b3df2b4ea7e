import Foundation

extension DurationSeconds {
    /// Parses what runbooks write for durations: `5m`, `5 min`, `<5 min`, `30-90 sec`, `2h`, `1h30m`,
    /// `90d`, `2 weeks`, `quarterly`, `monthly`. A range takes its upper bound (a target is a ceiling).
    /// Returns nil when no duration is found.
    public init?(parsing text: String) {
        let lowered = text.lowercased()
        switch lowered.trimmingCharacters(in: .whitespaces) {
        case "daily": self.init(seconds: 86_400); return
        case "weekly": self.init(seconds: 7 * 86_400); return
        case "monthly": self.init(seconds: 30 * 86_400); return
        case "quarterly": self.init(seconds: 91 * 86_400); return
        case "yearly", "annually": self.init(seconds: 365 * 86_400); return
        default: break
        }
        if lowered.hasPrefix("quarterly") { self.init(seconds: 91 * 86_400); return }
        if lowered.hasPrefix("monthly") { self.init(seconds: 30 * 86_400); return }

        var total = 0
        var pendingNumbers: [Int] = []
        var found = false
        var index = lowered.startIndex
        while index < lowered.endIndex {
            let char = lowered[index]
            if char.isNumber {
                var end = index
                while end < lowered.endIndex, lowered[end].isNumber { end = lowered.index(after: end) }
                pendingNumbers.append(Int(lowered[index..<end]) ?? 0)
                index = end
                continue
            }
            if char.isLetter, !pendingNumbers.isEmpty {
                var end = index
                while end < lowered.endIndex, lowered[end].isLetter { end = lowered.index(after: end) }
                let unit = String(lowered[index..<end])
                guard let multiplier = Self.unitSeconds(unit) else {
                    pendingNumbers = []
                    index = end
                    continue
                }
                // "30-90 sec": the upper bound of a range is the number just before the unit.
                total += (pendingNumbers.last ?? 0) * multiplier
                pendingNumbers = []
                found = true
                index = end
                continue
            }
            if char.isLetter, found { break }
            index = lowered.index(after: index)
        }
        guard found else { return nil }
        self.init(seconds: total)
    }

    private static func unitSeconds(_ unit: String) -> Int? {
        switch unit {
        case "s", "sec", "secs", "second", "seconds": 1
        case "m", "min", "mins", "minute", "minutes": 60
        case "h", "hr", "hrs", "hour", "hours": 3_600
        case "d", "day", "days": 86_400
        case "w", "wk", "week", "weeks": 7 * 86_400
        case "mo", "month", "months": 30 * 86_400
        case "y", "yr", "year", "years": 365 * 86_400
        default: nil
        }
    }

    /// A compact rendering: `5m`, `1h30m`, `90d`.
    public var compact: String {
        if seconds % 86_400 == 0, seconds > 0 { return "\(seconds / 86_400)d" }
        var parts: [String] = []
        var rest = seconds
        if rest >= 3_600 { parts.append("\(rest / 3_600)h"); rest %= 3_600 }
        if rest >= 60 { parts.append("\(rest / 60)m"); rest %= 60 }
        if rest > 0 || parts.isEmpty { parts.append("\(rest)s") }
        return parts.joined()
    }
}
