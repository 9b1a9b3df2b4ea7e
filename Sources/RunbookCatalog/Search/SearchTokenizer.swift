import Foundation

/// Splits text into search terms the way SQLite's FTS5 `unicode61` tokenizer does
/// (`remove_diacritics 2`): maximal runs of letters and digits, case-folded, accents removed.
///
/// Every index uses these rules, so a term the in-memory index finds is a term the SQLite index finds.
///
/// ```swift
/// SearchTokenizer.terms("Pod is in CrashLoopBackOff (HTTP 503)")  // ["pod", "is", "in", "crashloopbackoff", "http", "503"]
/// SearchTokenizer.camelCaseParts("KubePodCrashLooping")             // ["Kube", "Pod", "Crash", "Looping"]
/// ```
public enum SearchTokenizer {
    /// A token of `text` as written, with its range, before folding.
    public struct Token: Sendable, Hashable {
        /// The characters of the token as written.
        public var text: Substring
        /// Where it is in the source string.
        public var range: Range<String.Index>
    }

    /// Tokens of `text` as written (case and accents kept), in order.
    public static func tokens(_ text: String) -> [Token] { tokens(text[...]) }

    /// Tokens of part of a string; their ranges are indices of the whole string.
    public static func tokens(_ text: Substring) -> [Token] {
        var result: [Token] = []
        var start: String.Index?
        var index = text.unicodeScalars.startIndex
        let scalars = text.unicodeScalars
        while index < scalars.endIndex {
            let isToken = isTokenScalar(scalars[index])
            if isToken, start == nil { start = index }
            if !isToken, let begin = start {
                result.append(Token(text: text[begin..<index], range: begin..<index))
                start = nil
            }
            index = scalars.index(after: index)
        }
        if let begin = start { result.append(Token(text: text[begin..<text.endIndex], range: begin..<text.endIndex)) }
        return result
    }

    /// Folded terms of `text`, in order (repeats kept): what an index stores and a query looks for.
    public static func terms(_ text: String) -> [String] {
        tokens(text).map { fold($0.text) }
    }

    /// Lowercases and strips accents, as `unicode61` does; ASCII takes a fast path.
    public static func fold(_ token: Substring) -> String {
        var ascii = true
        var bytes: [UInt8] = []
        bytes.reserveCapacity(token.utf8.count)
        for byte in token.utf8 {
            if byte >= 0x80 {
                ascii = false
                break
            }
            bytes.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
        }
        if ascii { return String(decoding: bytes, as: UTF8.self) }
        return token.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
    }

    /// Whether a scalar belongs to a token: letters, digits and private-use characters (FTS5's `L* N* Co`),
    /// plus combining marks, which `remove_diacritics` folds away rather than treating as separators.
    public static func isTokenScalar(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            return (value >= 0x30 && value <= 0x39) || (value >= 0x41 && value <= 0x5A)
                || (value >= 0x61 && value <= 0x7A)
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber, .privateUse, .nonspacingMark, .spacingMark, .enclosingMark:
            return true
        default:
            return false
        }
    }

    /// The words of a CamelCase or digit-joined name (`KubeAPIDown` → `Kube API Down`, `ODFNodeMTULessThan9000`
    /// → `ODF Node MTU Less Than 9000`); empty when the token is a single word.
    public static func camelCaseParts(_ token: Substring) -> [String] {
        guard token.utf8.count > 2 else { return [] }
        if token.utf8.allSatisfy({ $0 < 0x80 }) { return asciiCamelCaseParts(token) }
        let characters = Array(token)
        var parts: [String] = []
        var current = ""
        for (index, character) in characters.enumerated() {
            if index > 0, isBoundary(before: index, in: characters), !current.isEmpty {
                parts.append(current)
                current = ""
            }
            current.append(character)
        }
        if !current.isEmpty { parts.append(current) }
        return parts.count > 1 ? parts : []
    }

    /// The same rules on bytes: most names are ASCII, and `Character` properties are slow.
    private static func asciiCamelCaseParts(_ token: Substring) -> [String] {
        let bytes = Array(token.utf8)
        func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
        func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        var parts: [String] = []
        var start = 0
        for index in 1..<bytes.count {
            let previous = bytes[index - 1]
            let byte = bytes[index]
            let boundary =
                (isLower(previous) && isUpper(byte)) || (isDigit(previous) != isDigit(byte))
                || (isUpper(previous) && isUpper(byte) && index + 1 < bytes.count && isLower(bytes[index + 1]))
            if boundary {
                parts.append(String(decoding: bytes[start..<index], as: UTF8.self))
                start = index
            }
        }
        guard !parts.isEmpty else { return [] }
        parts.append(String(decoding: bytes[start...], as: UTF8.self))
        return parts
    }

    private static func isBoundary(before index: Int, in characters: [Character]) -> Bool {
        let previous = characters[index - 1]
        let character = characters[index]
        if previous.isLowercase && character.isUppercase { return true }
        if previous.isNumber != character.isNumber { return true }
        // The last capital of a run that starts a new word: `APIDown` splits as `API` + `Down`.
        if previous.isUppercase, character.isUppercase, index + 1 < characters.count, characters[index + 1].isLowercase
        {
            return true
        }
        return false
    }

    /// `text` followed by the words of each CamelCase name in it and its shorter names, so that
    /// `kubepodcrashlooping`, `pod crash looping` and `crashlooping` all find `KubePodCrashLooping`, and
    /// `nxdomain` finds `DNSNxDomain`.
    public static func withNameParts(_ text: String) -> String {
        var extra = OrderedUniqueStrings()
        for token in tokens(text) {
            let parts = camelCaseParts(token.text)
            guard !parts.isEmpty else { continue }
            extra.append(parts.joined(separator: " "))
            for name in innerNames(parts) { extra.append(name) }
        }
        return extra.values.isEmpty ? text : text + "\n" + extra.values.joined(separator: "\n")
    }

    /// Runs of two or more adjacent words, shorter than the whole name (`PodCrash`, `CrashLooping` …);
    /// names of more than eight words only give their pairs, to bound the count.
    static func innerNames(_ parts: [String]) -> [String] {
        let longest = parts.count > 8 ? 2 : parts.count - 1
        guard longest >= 2 else { return [] }
        var names: [String] = []
        for length in 2...longest {
            for start in 0...(parts.count - length) { names.append(parts[start..<(start + length)].joined()) }
        }
        return names
    }
}
