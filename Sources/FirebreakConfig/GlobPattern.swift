/// A shell-style path pattern, as used in `exclude:`.
///
/// - `*` matches any run of characters within one path segment (never `/`),
/// - `?` matches one character other than `/`,
/// - `[abc]`, `[a-z]`, `[!a-z]` (or `[^a-z]`) match one character of (or not of) a set,
/// - `**` as a whole segment matches any number of segments: `**/_index.md` matches `_index.md` and
///   `docs/a/_index.md`; `vendor/**` matches everything below `vendor/`,
/// - `\` makes the next character literal.
///
/// ```swift
/// GlobPattern("**/node_modules/**").matches("web/node_modules/x/README.md")  // true
/// GlobPattern("runbooks/*.md").matches("runbooks/db/slow.md")                 // false
/// ```
public struct GlobPattern: Hashable, Sendable {
    /// One pattern element over `Element`: `Character` for the general matcher, `UInt8` for ASCII.
    private enum Token<Element: Hashable & Sendable>: Hashable, Sendable {
        case literal(Element)
        case anyCharacter
        case star
        /// `**` not followed by `/`: anything, slashes included.
        case globstar
        /// `**/`: nothing, or anything that ends with `/` (zero or more whole directories).
        case globstarDirectories
        case characterClass(items: [ClassItem<Element>], negated: Bool)

        func map<Other>(_ transform: (Element) -> Other?) -> Token<Other>? {
            switch self {
            case .literal(let element): transform(element).map { .literal($0) }
            case .anyCharacter: .anyCharacter
            case .star: .star
            case .globstar: .globstar
            case .globstarDirectories: .globstarDirectories
            case .characterClass(let items, let negated):
                Self.mapItems(items, transform).map { .characterClass(items: $0, negated: negated) }
            }
        }

        private static func mapItems<Other>(
            _ items: [ClassItem<Element>], _ transform: (Element) -> Other?
        ) -> [ClassItem<Other>]? {
            var mapped: [ClassItem<Other>] = []
            for item in items {
                guard let item = item.map(transform) else { return nil }
                mapped.append(item)
            }
            return mapped
        }
    }

    private enum ClassItem<Element: Hashable & Sendable>: Hashable, Sendable {
        case single(Element)
        case range(Element, Element)

        func map<Other>(_ transform: (Element) -> Other?) -> ClassItem<Other>? {
            switch self {
            case .single(let member): transform(member).map { .single($0) }
            case .range(let low, let high):
                if let low = transform(low), let high = transform(high) { .range(low, high) } else { nil }
            }
        }
    }

    /// The pattern as written.
    public let pattern: String
    /// Whether letters match regardless of case.
    public let caseInsensitive: Bool
    private let tokens: [Token<Character>]
    /// ``tokens`` as bytes when the pattern is ASCII: ASCII paths are then matched byte by byte,
    /// where one byte is one `Character` (a carriage return, which may pair with a line feed, excluded).
    private let asciiTokens: [Token<UInt8>]?
    /// The pattern itself when it has no wildcard: matched by plain comparison.
    private let literal: String?
    /// The ASCII pattern as an anchored literal (`**/name`, `**/dir/**`, `dir/**`), matched without the table.
    private let anchored: AnchoredLiteral?

    /// `**/` + literal, `**/` + literal + `**`, or literal + `**`: what exclude lists mostly hold.
    private enum AnchoredLiteral: Hashable, Sendable {
        /// The path is the literal or ends with `/` + literal.
        case suffix([UInt8])
        /// The path starts with the literal or contains `/` + literal.
        case segment([UInt8])
        /// The path starts with the literal.
        case prefix([UInt8])
    }

    /// Compiles `pattern`. A leading `./` is ignored; an unclosed `[` is a literal `[`.
    public init(_ pattern: String, caseInsensitive: Bool = false) {
        self.pattern = pattern
        self.caseInsensitive = caseInsensitive
        let source = caseInsensitive ? pattern.lowercased() : pattern
        let normalized = Self.normalize(source)
        tokens = Self.tokenize(Array(normalized))
        literal = normalized.contains { "*?[\\".contains($0) } ? nil : normalized
        var ascii: [Token<UInt8>]? = []
        for token in tokens {
            guard let byte = token.map(Self.asciiByte) else {
                ascii = nil
                break
            }
            ascii?.append(byte)
        }
        asciiTokens = ascii
        anchored = ascii.flatMap(Self.anchoredLiteral)
    }

    private static func anchoredLiteral(_ tokens: [Token<UInt8>]) -> AnchoredLiteral? {
        var inner = tokens[...]
        let leading = inner.first == .globstarDirectories
        if leading { inner = inner.dropFirst() }
        let trailing = inner.last == .globstar
        if trailing { inner = inner.dropLast() }
        var bytes: [UInt8] = []
        for token in inner {
            guard case .literal(let byte) = token else { return nil }
            bytes.append(byte)
        }
        guard !bytes.isEmpty else { return nil }
        switch (leading, trailing) {
        case (true, false): return .suffix(bytes)
        case (true, true): return .segment(bytes)
        case (false, true): return .prefix(bytes)
        case (false, false): return nil
        }
    }

    private static func matchAnchored(_ anchored: AnchoredLiteral, _ path: [UInt8]) -> Bool {
        let slash = UInt8(ascii: "/")
        switch anchored {
        case .suffix(let literal):
            guard path.count >= literal.count, path.suffix(literal.count).elementsEqual(literal) else { return false }
            return path.count == literal.count || path[path.count - literal.count - 1] == slash
        case .segment(let literal):
            guard path.count >= literal.count else { return false }
            for start in 0...(path.count - literal.count) where start == 0 || path[start - 1] == slash {
                if path[start..<(start + literal.count)].elementsEqual(literal) { return true }
            }
            return false
        case .prefix(let literal):
            return path.count >= literal.count && path.prefix(literal.count).elementsEqual(literal)
        }
    }

    /// Whether `relativePath` (with `/` separators) matches the whole pattern.
    public func matches(_ relativePath: String) -> Bool {
        let path = Self.normalize(caseInsensitive ? relativePath.lowercased() : relativePath)
        if let literal { return path == literal }
        if let asciiTokens, path.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) {
            let bytes = Array(path.utf8)
            if let anchored { return Self.matchAnchored(anchored, bytes) }
            return Self.match(asciiTokens, bytes, slash: UInt8(ascii: "/"))
        }
        return Self.match(tokens, Array(path), slash: "/")
    }

    private static func asciiByte(_ character: Character) -> UInt8? {
        guard let byte = character.asciiValue, byte != 0x0D else { return nil }
        return byte
    }

    /// `path` without leading `./` segments.
    static func normalize(_ path: String) -> String {
        var result = Substring(path)
        while result.hasPrefix("./") { result = result.dropFirst(2) }
        return String(result)
    }

    private static func tokenize(_ chars: [Character]) -> [Token<Character>] {
        var tokens: [Token<Character>] = []
        var index = 0
        while index < chars.count {
            let char = chars[index]
            switch char {
            case "\\" where index + 1 < chars.count:
                tokens.append(.literal(chars[index + 1]))
                index += 2
            case "?":
                tokens.append(.anyCharacter)
                index += 1
            case "*":
                var end = index
                while end < chars.count, chars[end] == "*" { end += 1 }
                let startsSegment = index == 0 || chars[index - 1] == "/"
                let endsSegment = end == chars.count || chars[end] == "/"
                if end - index >= 2, startsSegment, endsSegment {
                    if end < chars.count {
                        tokens.append(.globstarDirectories)
                        end += 1  // the `/` belongs to the token
                    } else {
                        tokens.append(.globstar)
                    }
                } else {
                    tokens.append(.star)
                }
                index = end
            case "[":
                if let (token, next) = characterClass(chars, from: index) {
                    tokens.append(token)
                    index = next
                } else {
                    tokens.append(.literal("["))
                    index += 1
                }
            default:
                tokens.append(.literal(char))
                index += 1
            }
        }
        return tokens
    }

    /// Parses `[...]` starting at `start`; nil when it is never closed.
    private static func characterClass(_ chars: [Character], from start: Int) -> (Token<Character>, Int)? {
        var index = start + 1
        var negated = false
        if index < chars.count, chars[index] == "!" || chars[index] == "^" {
            negated = true
            index += 1
        }
        var items: [ClassItem<Character>] = []
        var first = true
        while index < chars.count {
            let char = chars[index]
            // A `]` right after `[` or `[!` is a member, as in shells.
            if char == "]", !first { return (.characterClass(items: items, negated: negated), index + 1) }
            first = false
            if index + 2 < chars.count, chars[index + 1] == "-", chars[index + 2] != "]" {
                items.append(.range(char, chars[index + 2]))
                index += 3
            } else {
                items.append(.single(char))
                index += 1
            }
        }
        return nil
    }

    private static func classContains<Element: Comparable>(_ items: [ClassItem<Element>], _ char: Element) -> Bool {
        items.contains { item in
            switch item {
            case .single(let member): member == char
            case .range(let low, let high): low <= char && char <= high
            }
        }
    }

    /// Dynamic programming over (token, character) positions: `table[t][c]` says whether
    /// `tokens[t...]` matches `path[c...]`. Linear in pattern × path, no backtracking blow-up.
    private static func match<Element: Comparable>(
        _ tokens: [Token<Element>], _ path: [Element], slash: Element
    ) -> Bool {
        let count = path.count
        var next = [Bool](repeating: false, count: count + 1)
        var current = [Bool](repeating: false, count: count + 1)
        next[count] = true
        for token in tokens.reversed() {
            var endsInSlashLater = false  // for `**/`: some later `/` at k with next[k + 1]
            for position in stride(from: count, through: 0, by: -1) {
                let char: Element? = position < count ? path[position] : nil
                switch token {
                case .literal(let expected):
                    current[position] = char == expected && next[position + 1]
                case .anyCharacter:
                    current[position] = char != nil && char != slash && next[position + 1]
                case .characterClass(let items, let negated):
                    if let char, char != slash {
                        current[position] = classContains(items, char) != negated && next[position + 1]
                    } else {
                        current[position] = false
                    }
                case .star:
                    current[position] = next[position] || (char != nil && char != slash && current[position + 1])
                case .globstar:
                    current[position] = next[position] || (char != nil && current[position + 1])
                case .globstarDirectories:
                    if char == slash, next[position + 1] { endsInSlashLater = true }
                    current[position] = next[position] || endsInSlashLater
                }
            }
            swap(&next, &current)
        }
        return next[0]
    }
}
