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
            if value.contains("_"), !value.contains(" ") { found.append(value.replacingOccurrences(of: "_", with: "")) }
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

    private static func errorToken(_ token: Substring, in text: String, at range: Range<String.Index>) -> String? {
        let letters = token.filter(\.isLetter)
        let hasDigit = token.contains(where: \.isNumber)
        // `DEADLINE_EXCEEDED`: the tokenizer splits at `_`, so look at the whole identifier around it.
        if let identifier = upperSnakeIdentifier(around: range, in: text) { return identifier }
        if letters.count >= 3, letters.allSatisfy(\.isUppercase), !hasDigit {
            return commonAcronyms.contains(String(token)) ? nil : String(token)
        }
        if isCamelCaseName(token) { return String(token) }
        if token.count == 3, let value = Int(token), (400...599).contains(value) { return String(token) }
        if token.count == 3, let first = token.first, first == "4" || first == "5", token.lowercased().hasSuffix("xx") {
            return String(token)
        }
        return nil
    }

    /// Names with an inner capital after a lowercase letter and at least one more word: `CrashLoopBackOff`,
    /// `OOMKilled`, `ImagePullBackOff`; not `Kubernetes` or `iPhone`.
    private static func isCamelCaseName(_ token: Substring) -> Bool {
        guard token.count >= 6, let first = token.first, first.isLetter else { return false }
        return SearchTokenizer.camelCaseParts(token).filter { $0.first?.isLetter == true }.count >= 2
            && token.contains(where: \.isLowercase) && token.dropFirst().contains(where: \.isUppercase)
    }

    private static func upperSnakeIdentifier(around range: Range<String.Index>, in text: String) -> String? {
        var start = range.lowerBound
        var end = range.upperBound
        func isPart(_ character: Character) -> Bool { character == "_" || (character.isLetter && character.isUppercase) || character.isNumber }
        while start > text.startIndex, isPart(text[text.index(before: start)]) { start = text.index(before: start) }
        while end < text.endIndex, isPart(text[end]) { end = text.index(after: end) }
        let identifier = text[start..<end]
        guard identifier.contains("_"), identifier.first?.isLetter == true, identifier.last != "_",
            identifier.filter(\.isLetter).count >= 4
        else { return nil }
        return String(identifier)
    }

    /// Strings in straight or curly double quotes, 3–160 characters, one line.
    private static func quotedStrings(_ text: String) -> [String] {
        var result: [String] = []
        var current: String?
        for character in text {
            if character == "\"" || character == "“" || character == "”" {
                if let inside = current {
                    let trimmed = inside.trimmingCharacters(in: .whitespaces)
                    if trimmed.count >= 3, trimmed.count <= 160, trimmed.contains(where: \.isLetter) { result.append(trimmed) }
                    current = nil
                } else {
                    current = ""
                }
            } else if character == "\n" {
                current = nil
            } else if current != nil {
                current?.append(character)
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
