import Foundation

/// Finds what a responder is likely to paste from a terminal or a dashboard: error strings.
///
/// Kept: quoted strings (`"Loading configuration file failed"`), ALLCAPS codes (`UNAVAILABLE`,
/// `SERVFAIL`, `DEADLINE_EXCEEDED`), CamelCase state and exception names (`CrashLoopBackOff`,
/// `OOMKilled`, `NullPointerException`), HTTP status codes (`503`, `5xx`), and lines of command
/// output that report a failure. CamelCase names are also given as words (`crash loop back off`).
enum ErrorStringExtractor {
    /// Error strings of `text`, in first-seen order, each once.
    static func extract(from texts: [String], outputLines: [String]) -> [String] {
        var found = OrderedUniqueStrings()
        for text in texts {
            for quoted in quotedStrings(text) { found.append(quoted) }
            for token in SearchTokenizer.tokens(text) {
                if let code = errorToken(token.text, in: text, at: token.range) { found.append(code) }
            }
        }
        for line in outputLines {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            let lowered = trimmed.lowercased()
            if failureWords.contains(where: { lowered.contains($0) }) { found.append(String(trimmed.prefix(240))) }
            for quoted in quotedStrings(trimmed) { found.append(quoted) }
            for token in SearchTokenizer.tokens(trimmed) {
                if let code = errorToken(token.text, in: trimmed, at: token.range) { found.append(code) }
            }
        }
        for value in found.values {
            let parts = SearchTokenizer.camelCaseParts(Substring(value))
            if !parts.isEmpty { found.append(parts.joined(separator: " ")) }
            // `NX_DOMAIN` is also written `NXDOMAIN`.
            if value.contains("_"), !value.contains(" ") { found.append(String(value.filter { $0 != "_" })) }
        }
        return found.values
    }

    private static let failureWords = [
        "error", "fail", "fatal", "panic", "denied", "refused", "timeout", "timed out", "exception", "unable",
        "cannot", "can't", "unavailable", "unreachable", "forbidden", "unauthorized", "not found", "killed",
    ]

    /// Words in capitals that are everyday acronyms, not error codes.
    private static let commonAcronyms: Set<String> = [
        "API", "CPU", "GPU", "RAM", "DNS", "HTTP", "HTTPS", "URL", "URI", "TLS", "SSL", "TCP", "UDP", "SSH", "YAML",
        "JSON", "CLI", "PVC", "NOTE", "TODO", "AND", "THE", "FOR", "NOT", "SLA", "SLO", "MTTR", "MTTA", "AWS", "GCP",
    ]

    /// The error string `token` stands for, if any. Most tokens are plain lowercase words; their bytes are
    /// classified once so they are rejected without building strings.
    private static func errorToken(_ token: Substring, in text: String, at range: Range<String.Index>) -> String? {
        var upper = 0
        var lower = 0
        var digits = 0
        for byte in token.utf8 {
            switch byte {
            case 0x41...0x5A: upper += 1
            case 0x61...0x7A: lower += 1
            case 0x30...0x39: digits += 1
            default: return nil  // non-ASCII: not a code anyone greps for
            }
        }
        let count = upper + lower + digits
        if upper == 0 {
            // HTTP status codes: `503`, and classes written `5xx`.
            if count == 3, digits == 3, let value = Int(token), (400...599).contains(value) { return String(token) }
            if count == 3, digits == 1, let first = token.utf8.first, first == 0x34 || first == 0x35,
                token.hasSuffix("xx")
            {
                return String(token)
            }
            return nil
        }
        if lower == 0 {
            // `DEADLINE_EXCEEDED`: the tokenizer splits at `_`, so look at the whole identifier around it.
            if let identifier = upperSnakeIdentifier(around: range, in: text) { return identifier }
            guard upper >= 3, digits == 0 else { return nil }
            return commonAcronyms.contains(String(token)) ? nil : String(token)
        }
        return isCamelCaseName(token) ? String(token) : nil
    }

    /// Names with an inner capital and at least two words: `CrashLoopBackOff`, `OOMKilled`,
    /// `ImagePullBackOff`; not `Kubernetes`.
    private static func isCamelCaseName(_ token: Substring) -> Bool {
        guard token.utf8.count >= 6, let first = token.utf8.first, first >= 0x41 else { return false }
        return SearchTokenizer.camelCaseParts(token).filter { $0.utf8.first.map { $0 >= 0x41 } ?? false }.count >= 2
    }

    private static func upperSnakeIdentifier(around range: Range<String.Index>, in text: String) -> String? {
        let utf8 = text.utf8
        func isPart(_ byte: UInt8) -> Bool {
            byte == 0x5F || (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte)
        }
        let before = range.lowerBound > utf8.startIndex ? utf8[utf8.index(before: range.lowerBound)] : 0
        let after = range.upperBound < utf8.endIndex ? utf8[range.upperBound] : 0
        guard before == 0x5F || after == 0x5F else { return nil }
        var start = range.lowerBound
        var end = range.upperBound
        while start > utf8.startIndex, isPart(utf8[utf8.index(before: start)]) { start = utf8.index(before: start) }
        while end < utf8.endIndex, isPart(utf8[end]) { end = utf8.index(after: end) }
        let identifier = text[start..<end]
        guard let first = identifier.utf8.first, (0x41...0x5A).contains(first), identifier.utf8.last != 0x5F,
            identifier.utf8.filter({ (0x41...0x5A).contains($0) }).count >= 4
        else { return nil }
        return String(identifier)
    }

    /// Strings in straight or curly double quotes, 3–160 characters, one line.
    private static func quotedStrings(_ text: String) -> [String] {
        guard text.utf8.contains(0x22) || text.contains("“") else { return [] }
        var result: [String] = []
        var current: String.UnicodeScalarView?
        for scalar in text.unicodeScalars {
            if scalar == "\"" || scalar == "“" || scalar == "”" {
                if let inside = current {
                    let trimmed = String(inside).trimmingCharacters(in: .whitespaces)
                    if trimmed.count >= 3, trimmed.count <= 160, trimmed.contains(where: \.isLetter) {
                        result.append(trimmed)
                    }
                    current = nil
                } else {
                    current = String.UnicodeScalarView()
                }
            } else if scalar == "\n" {
                current = nil
            } else if current != nil {
                current?.append(scalar)
            }
        }
        return result
    }
}

/// Strings in first-seen order, each once.
struct OrderedUniqueStrings {
    private(set) var values: [String] = []
    private var seen = Set<String>()

    mutating func append(_ value: String) {
        if seen.insert(value).inserted { values.append(value) }
    }
}
