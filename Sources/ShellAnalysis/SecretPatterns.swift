/// The byte-level matchers behind `SecretScanner`.
struct SecretPatterns {
    typealias B = ByteClass

    struct Span {
        var kind: String
        var range: Range<Int>
    }

    let bytes: [UInt8]

    /// Words that stand for "fill in a value here", never secrets themselves.
    static let fillers: Set<String> = [
        "password", "passwd", "secret", "token", "changeme", "change_me", "replace_me", "replaceme", "redacted",
        "[redacted]", "<redacted>", "null", "none", "true", "false", "example", "placeholder", "your_password",
        "yourpassword", "mypassword", "my_password", "required", "optional", "prompt", "stdin", "env",
    ]
    /// A key names a secret when it ends with one of these (`DB_PASSWORD`, `github_token`, `--api-key`).
    static let nameWords = [
        "password", "passwd", "passphrase", "token", "secret", "api_key", "apikey", "access_key", "private_key",
        "secret_key",
    ]
    static let nameSuffixes = [
        "name", "file", "path", "dir", "ref", "arn", "url", "type", "id", "env", "length", "ttl", "count", "size",
        "policy", "mode", "version", "header", "command", "cmd", "field", "key_id", "provider", "store", "manager",
    ]

    private static let nameWordBytes = nameWords.map { Array($0.utf8) }
    private static let nameSuffixBytes = nameSuffixes.map { Array($0.utf8) }

    /// The bytes `match(at:)` looks at; at any other byte no secret starts.
    private static let startBytes: [Bool] = (0..<256).map { byte in
        [0x41, 0x67, 0x78, 0x65, B.minus, 0x68, 0x62, 0x42, B.equals, B.colon].contains(UInt8(byte))
    }

    func byte(_ j: Int) -> UInt8? { j >= 0 && j < bytes.count ? bytes[j] : nil }

    func isBoundary(_ j: Int) -> Bool { byte(j).map { !B.isAlphanumeric($0) } ?? true }

    /// Length of the run of bytes from `start` that satisfy `allowed`.
    func run(from start: Int, _ allowed: (UInt8) -> Bool) -> Int {
        var j = start
        while j < bytes.count && allowed(bytes[j]) { j += 1 }
        return j - start
    }

    func hasPrefix(_ prefix: String, at i: Int, caseInsensitive: Bool = false) -> Bool {
        var j = i
        for p in prefix.utf8 {
            guard let c = byte(j) else { return false }
            if caseInsensitive ? (B.isUpper(c) ? c | 0x20 : c) != p : c != p { return false }
            j += 1
        }
        return true
    }

    static func isTokenByte(_ c: UInt8) -> Bool { B.isAlphanumeric(c) || c == B.minus || c == B.underscore }

    func scan() -> [Span] {
        var spans: [Span] = []
        var i = 0
        while i < bytes.count {
            guard Self.startBytes[Int(bytes[i])] else {
                i += 1
                continue
            }
            if let span = match(at: i) {
                if let last = spans.last, last.range.overlaps(span.range) {
                    i += 1
                    continue
                }
                spans.append(span)
                i = max(i + 1, span.range.upperBound)
            } else {
                i += 1
            }
        }
        return spans
    }

    func match(at i: Int) -> Span? {
        switch bytes[i] {
        case 0x41:  // A
            guard isBoundary(i - 1) else { return nil }
            if hasPrefix("AKIA", at: i) || hasPrefix("ASIA", at: i) {
                let n = run(from: i + 4) { B.isUpper($0) || B.isDigit($0) }
                let candidate = String(decoding: bytes[i..<(i + 4 + min(n, 16))], as: UTF8.self)
                if n == 16 && !candidate.hasSuffix("EXAMPLE") {
                    return Span(kind: "AWS access key ID", range: i..<(i + 20))
                }
            }
            if hasPrefix("AIza", at: i), run(from: i + 4, Self.isTokenByte) >= 35 {
                return Span(kind: "Google API key", range: i..<(i + 4 + run(from: i + 4, Self.isTokenByte)))
            }
        case 0x67:  // g
            guard isBoundary(i - 1) else { return nil }
            for prefix in ["ghp_", "gho_", "ghs_", "ghu_", "ghr_", "github_pat_"] where hasPrefix(prefix, at: i) {
                let n = run(from: i + prefix.utf8.count) { B.isAlphanumeric($0) || $0 == B.underscore }
                if n >= 20 { return Span(kind: "GitHub token", range: i..<(i + prefix.utf8.count + n)) }
            }
        case 0x78:  // x
            guard isBoundary(i - 1), hasPrefix("xox", at: i), let kind = byte(i + 3), "abpors".utf8.contains(kind),
                byte(i + 4) == B.minus
            else {
                return nil
            }
            let n = run(from: i + 5) { B.isAlphanumeric($0) || $0 == B.minus }
            if n >= 10 { return Span(kind: "Slack token", range: i..<(i + 5 + n)) }
        case 0x65:  // e
            return matchJWT(at: i)
        case B.minus:
            return matchQuotedShortPassword(at: i) ?? matchPrivateKey(at: i)
        case 0x68:  // h
            guard hasPrefix("hooks.slack.com/services/", at: i) else { return nil }
            let start = i + 25
            let n = run(from: start) { B.isAlphanumeric($0) || $0 == B.slash }
            if n >= 20 { return Span(kind: "Slack webhook URL", range: start..<(start + n)) }
        case 0x62, 0x42:  // b, B
            guard isBoundary(i - 1), hasPrefix("bearer ", at: i, caseInsensitive: true) else { return nil }
            var start = i + 7
            while let c = byte(start), B.isBlank(c) { start += 1 }
            let n = run(from: start) { B.isAlphanumeric($0) || "-._~+/=".utf8.contains($0) }
            if n >= 16, isLiteral(start..<(start + n)) { return Span(kind: "bearer token", range: start..<(start + n)) }
        case B.equals, B.colon:
            return matchAssignment(at: i)
        default:
            break
        }
        return nil
    }

    func matchJWT(at i: Int) -> Span? {
        guard isBoundary(i - 1), hasPrefix("eyJ", at: i) else { return nil }
        let first = run(from: i, Self.isTokenByte)
        guard first >= 8, byte(i + first) == B.dot, hasPrefix("eyJ", at: i + first + 1) else { return nil }
        let second = run(from: i + first + 1, Self.isTokenByte)
        guard second >= 8, byte(i + first + 1 + second) == B.dot else { return nil }
        let third = run(from: i + first + second + 2, Self.isTokenByte)
        return Span(kind: "JSON web token", range: i..<(i + first + second + 2 + third))
    }

    /// `mysql -p'literal'` / `-p"literal"`.
    func matchQuotedShortPassword(at i: Int) -> Span? {
        guard byte(i - 1).map(B.isBlank) ?? true, byte(i + 1) == 0x70, let quote = byte(i + 2),
            quote == B.singleQuote || quote == B.doubleQuote
        else { return nil }
        let start = i + 3
        let n = run(from: start) { $0 != quote && $0 != B.newline }
        let range = start..<(start + n)
        return isLiteral(range) ? Span(kind: "password literal", range: range) : nil
    }

    func matchPrivateKey(at i: Int) -> Span? {
        guard hasPrefix("-----BEGIN ", at: i) else { return nil }
        var j = i + 11
        while let c = byte(j), B.isUpper(c) || c == B.space { j += 1 }
        guard hasPrefix("-----", at: j), String(decoding: bytes[(i + 11)..<j], as: UTF8.self).hasSuffix("PRIVATE KEY")
        else { return nil }
        var k = j + 5
        var base64 = 0
        while k < bytes.count && !hasPrefix("-----END ", at: k) {
            if B.isAlphanumeric(bytes[k]) || bytes[k] == B.plus || bytes[k] == B.slash { base64 += 1 }
            k += 1
        }
        guard base64 >= 32 else { return nil }
        if k < bytes.count {
            k += 9
            while let c = byte(k), c != B.newline, !hasPrefix("-----", at: k) { k += 1 }
            if hasPrefix("-----", at: k) { k += 5 }
        }
        return Span(kind: "private key", range: i..<k)
    }

    /// `PASSWORD=literal`, `--db-password=literal`, `token: literal`, `"secret": "literal"`,
    /// `aws_secret_access_key = …`, `-p'literal'`.
    func matchAssignment(at i: Int) -> Span? {
        var keyEnd = i
        if let q = byte(keyEnd - 1), q == B.doubleQuote || q == B.singleQuote { keyEnd -= 1 }
        while let c = byte(keyEnd - 1), B.isBlank(c) { keyEnd -= 1 }
        var keyStart = keyEnd
        while let c = byte(keyStart - 1), B.isIdentifier(c) || c == B.minus || c == B.dot { keyStart -= 1 }
        guard keyStart < keyEnd else { return nil }
        // A secret's name ends like `pass` or one of `nameWords` (s, d, e, n, t or y): other keys
        // are passed over without building their text.
        switch bytes[keyEnd - 1] | 0x20 {
        case 0x73, 0x64, 0x65, 0x6E, 0x74, 0x79: break
        default: return nil
        }
        // The key is ASCII (letters, digits, `_`, `-`, `.`): its bytes compare as its characters would.
        let key = bytes[keyStart..<keyEnd].map { B.isUpper($0) ? $0 | 0x20 : ($0 == B.minus ? B.underscore : $0) }
        let bareBytes = key.drop { $0 == B.underscore }
        func endsWith(_ word: [UInt8]) -> Bool {
            bareBytes.count >= word.count && bareBytes.suffix(word.count).elementsEqual(word)
        }
        guard bareBytes.elementsEqual("pass".utf8) || Self.nameWordBytes.contains(where: endsWith),
            !Self.nameSuffixBytes.contains(where: endsWith)
        else { return nil }
        let bare = String(decoding: bareBytes, as: UTF8.self)
        var start = i + 1
        if bytes[i] == B.colon {
            guard let next = byte(start), B.isBlank(next) || next == B.doubleQuote || next == B.singleQuote else {
                return nil
            }
        }
        while let c = byte(start), B.isBlank(c) { start += 1 }
        var quote: UInt8?
        if let c = byte(start), c == B.doubleQuote || c == B.singleQuote {
            quote = c
            start += 1
        }
        let n = run(from: start) { c in
            if let quote { return c != quote && c != B.newline }
            return !B.isBlank(c) && c != B.newline && !";&|)\"'`,}".utf8.contains(c)
        }
        let range = start..<(start + n)
        guard isLiteral(range) else { return nil }
        let kind = bare.contains("aws_secret") ? "AWS secret access key" : "\(bare) literal"
        return Span(kind: kind, range: range)
    }

    /// Whether a value is a real literal, not a reference, placeholder or filler.
    func isLiteral(_ range: Range<Int>) -> Bool {
        guard range.count >= 4, let first = byte(range.lowerBound) else { return false }
        if "$<{%/@[(*.`".utf8.contains(first) { return false }
        let value = bytes[range]
        if value.allSatisfy({ $0 == value.first }) { return false }
        if value.allSatisfy({ $0 == 0x78 || $0 == 0x58 || $0 == B.minus }) { return false }
        let lower = String(decoding: value.map { B.isUpper($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
        if Self.fillers.contains(lower) || lower.hasPrefix("your_") || lower.hasPrefix("your-") || lower.contains("...")
        {
            return false
        }
        if lower.hasSuffix("_here") || lower.hasSuffix("-here") || lower.contains("example") { return false }
        return true
    }
}
