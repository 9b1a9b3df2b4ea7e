import Foundation
import RunbookModel

/// Maps the names documents give their sections to canonical kinds (`Investigation` → diagnosis).
/// Extendable: `firebreak.yml`'s `synonyms:` adds names per kind.
public struct SectionSynonyms: Sendable {
    /// The built-in table.
    public static let builtIn: [SectionKind: [String]] = [
        .symptoms: ["symptoms", "symptom", "signs", "what you see", "indicators"],
        .summary: ["overview", "summary", "meaning", "description", "context", "background", "about"],
        .impact: ["impact", "business impact", "user impact", "blast radius"],
        .diagnosis: [
            "diagnosis", "investigation", "investigate", "triage", "assess", "assessment", "possible checks",
            "root causes", "root cause", "check", "checks", "identify", "troubleshooting", "debugging", "diagnose",
        ],
        .resolution: [
            "resolution", "mitigation", "mitigate", "fix", "quick fix", "remediation", "immediate actions",
            "immediate mitigation", "steps", "recovery", "possible resolutions", "resolve", "workaround", "solution",
            "solutions", "procedure",
        ],
        .verification: [
            "verification", "verify", "verify recovery", "verify resolution", "success criteria", "validation",
            "validate", "confirm",
        ],
        .rollback: ["rollback", "roll back", "rollback procedure", "revert", "undo"],
        .prevention: [
            "prevention", "action items", "follow-up", "follow up", "prevent", "lessons learned", "post-incident",
        ],
        .escalation: [
            "escalation", "escalate", "escalation path", "contacts", "contact information", "who to contact",
        ],
        .monitoring: [
            "related monitoring", "dashboards to check", "metrics", "monitoring", "dashboards", "alerts",
            "related alerts",
        ],
        .prerequisites: ["prerequisites", "access required", "requirements", "before you begin", "permissions"],
        .toggles: ["environment toggles", "configuration", "toggles", "feature flags", "settings"],
    ]

    private var exact: [String: SectionKind] = [:]
    /// Words in the longest synonym.
    private var maximumPhraseWords = 1

    /// The built-in table plus `extra` names.
    public init(extra: [SectionKind: [String]] = [:]) {
        var table = Self.builtIn
        for (kind, names) in extra { table[kind, default: []] += names }
        // Extra names are checked first so a user's mapping wins over a built-in one.
        for (kind, names) in extra { for name in names { exact[Self.normalize(name)] = kind } }
        for kind in SectionKind.allCases {
            for name in table[kind] ?? [] {
                let key = Self.normalize(name)
                if exact[key] == nil { exact[key] = kind }
                maximumPhraseWords = max(maximumPhraseWords, key.split(separator: " ").count)
            }
        }
    }

    /// The kind for a heading or label, or nil.
    ///
    /// Exact names first (`Diagnosis`), then names that begin with a synonym (`Resolution Options`,
    /// `Verify Recovery`), then names that end with one (`Immediate Mitigation`).
    public func kind(for title: String) -> SectionKind? {
        let name = Self.normalize(title)
        guard !name.isEmpty else { return nil }
        if let kind = exact[name] { return kind }
        // Synonyms have at most a few words: look the leading, then the trailing, word runs up, longest first.
        // An ASCII name splits on its space bytes, which are exactly its space characters.
        let words =
            name.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D })
            ? name.utf8.split(separator: 0x20).map { name[$0.startIndex..<$0.endIndex] } : name.split(separator: " ")
        guard words.count > 1 else { return nil }
        let longest = min(maximumPhraseWords, words.count - 1)
        for count in stride(from: longest, through: 1, by: -1) {
            if let kind = exact[TextLines.join(words.prefix(count), separator: " ")] { return kind }
        }
        for count in stride(from: longest, through: 1, by: -1) {
            if let kind = exact[TextLines.join(words.suffix(count), separator: " ")] { return kind }
        }
        return nil
    }

    /// Lowercased, numbering (`1.`, `Step 2:`) and decorations removed, trailing colon dropped.
    static func normalize(_ title: String) -> String {
        if title.utf8.allSatisfy({ $0 < 0x80 }) { return normalizeASCII(title) }
        var words: [Substring] = []
        let lowered = title.lowercased()
        for word in lowered.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            let cleaned = word.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "'" || $0 == "/" }
            if cleaned.isEmpty { continue }
            words.append(Substring(cleaned))
        }
        // Leading numbering: "1.", "2)", "a." — the dot/paren were filtered, leaving a lone number or letter.
        while let first = words.first,
            first.allSatisfy(\.isNumber) || (first.count == 1 && words.count > 1 && lowered.hasPrefix(first + "."))
        {
            words.removeFirst()
        }
        return words.joined(separator: " ")
    }

    /// ``normalize(_:)`` for ASCII titles, on bytes: the same letters, digits and marks are kept
    /// (an ASCII letter is lowercase after lowercasing; the only ASCII numbers are digits).
    private static func normalizeASCII(_ title: String) -> String {
        let lowered = title.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        var words: [ArraySlice<UInt8>] = []
        var cleaned: [UInt8] = []
        cleaned.reserveCapacity(lowered.count)
        var wordStart = 0
        func endWord() {
            if cleaned.count > wordStart { words.append(cleaned[wordStart...]) }
            wordStart = cleaned.count
        }
        for byte in lowered {
            switch byte {
            case 0x20, 0x09: endWord()
            case 0x61...0x7A, 0x30...0x39, 0x2D, 0x27, 0x2F: cleaned.append(byte)
            default: continue
            }
        }
        endWord()
        func isNumber(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        var first = 0
        while first < words.count {
            let word = words[first]
            let isLetterNumbering =
                word.count == 1 && words.count - first > 1 && lowered.count > 1 && lowered[0] == word.first
                && lowered[1] == 0x2E
            guard word.allSatisfy(isNumber) || isLetterNumbering else { break }
            first += 1
        }
        var result: [UInt8] = []
        result.reserveCapacity(cleaned.count + words.count)
        for word in words[first...] {
            if !result.isEmpty { result.append(0x20) }
            result.append(contentsOf: word)
        }
        return String(decoding: result, as: UTF8.self)
    }
}
