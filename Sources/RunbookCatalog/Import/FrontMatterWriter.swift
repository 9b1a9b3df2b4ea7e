import Foundation
import RunbookModel
import Yams

/// Writes the front matter of an imported runbook: what the parser inferred, one key per line, in a fixed order,
/// and merges it into front matter a file already has (its keys win, its text is kept as written).
struct FrontMatterWriter {
    /// Keys in the order they are written, each as its lines (`alerts:` spans several).
    private(set) var entries: [(key: String, lines: [String])] = []

    /// Keys that say the same thing as another one: an existing `priority:` covers `severity:`.
    private static let coveredBy: [String: Set<String>] = [
        "severity": ["severity", "priority"], "priority": ["severity", "priority"],
        "alerts": ["alerts", "alert"], "last_reviewed": ["last_reviewed", "last_updated"],
    ]

    /// The inferred keys of `runbook`: id, title, severity (and the priority as written when it differs), mttr
    /// and response as compact durations, alerts, service, owner, last_reviewed, scenario, source.
    init(runbook: Runbook, source: String) {
        let metadata = runbook.metadata
        add("id", runbook.id)
        add("title", runbook.title)
        if let severity = metadata.severity {
            add("severity", severity.rawValue)
            if let text = metadata.severityText, text.lowercased() != severity.rawValue { add("priority", text) }
        }
        add("mttr", metadata.mttr?.compact)
        add("response", metadata.response?.compact)
        if !metadata.alerts.isEmpty {
            entries.append(("alerts", ["alerts:"] + metadata.alerts.map { "  - " + Self.scalar($0) }))
        }
        add("service", metadata.service)
        add("owner", metadata.owner)
        add("last_reviewed", metadata.lastReviewed)
        add("scenario", metadata.extra["scenario"])
        add("source", source)
    }

    private mutating func add(_ key: String, _ value: String?) {
        guard let value, !value.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        entries.append((key, ["\(key): \(Self.scalar(value))"]))
    }

    /// A complete front matter block, `---` lines included.
    func block(ending: String) -> [String] {
        (["---"] + entries.flatMap(\.lines) + ["---"]).map { $0 + ending }
    }

    /// `existing` (the lines between and including the `---` lines) with the keys it lacks added before its
    /// closing line. When the existing YAML cannot be read, or would not read with the additions, it is kept as is.
    func merged(into existing: [Substring], ending: String) -> [Substring] {
        guard existing.count >= 2 else { return existing }
        let yaml = existing.dropFirst().dropLast().map { MarkdownLine.split($0).content }.joined(separator: "\n")
        guard let keys = Self.keys(of: yaml) else { return existing }
        let missing = entries.filter { entry in (Self.coveredBy[entry.key] ?? [entry.key]).isDisjoint(with: keys) }
        guard !missing.isEmpty else { return existing }
        let added = missing.flatMap(\.lines)
        guard Self.keys(of: yaml + "\n" + added.joined(separator: "\n")) != nil else { return existing }
        return existing.dropLast() + added.map { Substring($0 + ending) } + [existing[existing.count - 1]]
    }

    /// The top-level keys of a YAML mapping; nil when the text is not a readable mapping (an empty document has
    /// no keys).
    static func keys(of yaml: String) -> Set<String>? {
        guard let node = try? Yams.compose(yaml: yaml) else {
            return yaml.allSatisfy(\.isWhitespace) ? [] : nil
        }
        guard let mapping = node.mapping else { return nil }
        return Set(mapping.keys.compactMap(\.string))
    }

    /// `value` as a YAML scalar: plain when it reads back as the same string, double-quoted otherwise.
    static func scalar(_ value: String) -> String {
        isPlainSafe(value) ? value : quoted(value)
    }

    private static let reservedWords: Set<String> = [
        "y", "n", "yes", "no", "true", "false", "on", "off", "null", "nan", "inf",
    ]

    private static func isPlainSafe(_ value: String) -> Bool {
        guard let first = value.unicodeScalars.first, let last = value.unicodeScalars.last else { return false }
        guard first.properties.isAlphabetic || ("0"..."9").contains(first), last != " " else { return false }
        let allowed = value.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                || " -_./()+',".unicodeScalars.contains(scalar)
        }
        guard allowed, !reservedWords.contains(value.lowercased()), Double(value) == nil, Int(value) == nil else {
            return false
        }
        // A number with separators (`1_000`, `1.0.0` is fine) or a bare date read as a timestamp stays readable
        // as text either way; only purely numeric shapes are quoted.
        if ("0"..."9").contains(first),
            value.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || $0 == "_" || $0 == "." })
        {
            return value.filter({ $0 == "." }).count > 1
        }
        return true
    }

    private static func quoted(_ value: String) -> String {
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                let code = scalar.value
                if code < 0x20 || (0x7F...0x9F).contains(code) || code == 0x2028 || code == 0x2029 || code == 0xFEFF {
                    result += String(format: "\\u%04X", code)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
