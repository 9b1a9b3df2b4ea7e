import Foundation

/// Keeps the first `cap` bytes of a command's output and counts the rest.
struct OutputCapture: Sendable {
    let cap: Int
    private(set) var kept: [UInt8] = []
    private(set) var total = 0

    init(cap: Int) { self.cap = cap }

    mutating func append(_ bytes: [UInt8]) {
        total += bytes.count
        if kept.count < cap { kept.append(contentsOf: bytes.prefix(cap - kept.count)) }
    }

    /// The kept bytes as text, with a note when output was cut.
    var text: String {
        let body = String(decoding: kept, as: UTF8.self)
        return total > kept.count ? body + "\n… [\(total - kept.count) more bytes not kept]" : body
    }
}

/// Short human durations: `30s`, `2m`, `1m30s`, `450ms`.
public enum DurationText {
    /// Formats a duration compactly.
    public static func format(_ duration: Duration) -> String {
        let millis =
            Int(duration.components.seconds) * 1000 + Int(duration.components.attoseconds / 1_000_000_000_000_000)
        if millis < 1000 { return "\(millis)ms" }
        let seconds = millis / 1000
        if seconds < 60 { return millis % 1000 == 0 ? "\(seconds)s" : String(format: "%.1fs", Double(millis) / 1000) }
        return seconds % 60 == 0 ? "\(seconds / 60)m" : "\(seconds / 60)m\(seconds % 60)s"
    }

    /// Parses `30s`, `5m`, `2h`, `90` (seconds), `1m30s`, `500ms`; nil when it is not a duration.
    public static func parse(_ text: String) -> Duration? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if trimmed.hasSuffix("ms"), let value = Int(trimmed.dropLast(2)), value > 0 { return .milliseconds(value) }
        if let value = Int(trimmed), value > 0 { return .seconds(value) }
        var total = 0
        var number = ""
        for character in trimmed {
            if character.isNumber {
                number.append(character)
                continue
            }
            guard let value = Int(number) else { return nil }
            switch character {
            case "s": total += value
            case "m": total += value * 60
            case "h": total += value * 3600
            default: return nil
            }
            number = ""
        }
        guard number.isEmpty, total > 0 else { return nil }
        return .seconds(total)
    }
}
