/// A strict, allocation-light reader of one JSON document in UTF-8 bytes, for request bodies that
/// are decoded field by field (the Alertmanager webhook, at thousands of alerts a second).
///
/// It reads values in document order: the caller asks for the value it expects (`string()`,
/// `object(_:)`, …) and gets a ``JSONScanner/Failure`` naming the path when the document holds
/// something else. Unknown values are skipped with a depth limit, so hostile nesting cannot
/// exhaust the stack.
struct JSONScanner {
    /// Why a document was refused: `path` is where (as in `alerts[3].labels`), `problem` what.
    enum Failure: Error, Equatable {
        /// Not JSON at all; `detail` says what was found where.
        case syntax(detail: String)
        /// JSON, but not of the expected type at `path`: `expected` is "a string", "an object", …
        case type(path: String, expected: String, foundNull: Bool)
        /// A required field is absent at `path`.
        case missing(path: String)

        /// What to tell the sender, worded as ``JSONPath`` words `DecodingError`s.
        var message: String {
            switch self {
            case .syntax(let detail):
                return "the body is not valid JSON (\(detail)); send a JSON object"
            case .type(let path, let expected, let foundNull):
                let place = path.isEmpty ? "the body" : path
                return foundNull ? "\(place) must be \(expected), not null" : "\(place) must be \(expected)"
            case .missing(let path):
                return "\(path) is missing; add it"
            }
        }
    }

    /// The kinds of value a document can hold next.
    enum Kind {
        case object, array, string, number, bool, null
    }

    /// Deepest nesting skipped inside unknown values.
    static let maxDepth = 256

    private let bytes: UnsafeRawBufferPointer
    private var offset = 0

    /// Reads `bytes` (UTF-8, checked by the caller), which must stay valid while the scanner is used.
    init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// The kind of the next value, after whitespace.
    mutating func peekKind() throws(Failure) -> Kind {
        skipWhitespace()
        guard offset < bytes.count else { throw syntax("the document ends where a value was expected") }
        switch bytes[offset] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        default: throw syntax("unexpected character '\(Self.printable(bytes[offset]))'")
        }
    }

    /// Consumes `null` when it comes next; returns whether it did.
    mutating func skipNull() throws(Failure) -> Bool {
        guard try peekKind() == .null else { return false }
        try literal("null")
        return true
    }

    /// Reads an object, calling `field` with each key; `field` must consume the key's value.
    mutating func object(
        at path: @autoclosure () -> String, _ field: (inout JSONScanner, String) throws(Failure) -> Void
    ) throws(Failure) {
        let kind = try peekKind()
        guard kind == .object else { throw Failure.type(path: path(), expected: "an object", foundNull: kind == .null) }
        offset += 1
        skipWhitespace()
        if consume(UInt8(ascii: "}")) { return }
        while true {
            skipWhitespace()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else {
                throw syntax("an object key must be a string")
            }
            let key = try readString()
            skipWhitespace()
            guard consume(UInt8(ascii: ":")) else { throw syntax("a ':' must follow an object key") }
            try field(&self, key)
            skipWhitespace()
            if consume(UInt8(ascii: ",")) { continue }
            if consume(UInt8(ascii: "}")) { return }
            throw syntax("expected ',' or '}' in an object")
        }
    }

    /// Reads an array, calling `element` with each index; `element` must consume the value.
    mutating func array(
        at path: @autoclosure () -> String, _ element: (inout JSONScanner, Int) throws(Failure) -> Void
    ) throws(Failure) {
        let kind = try peekKind()
        guard kind == .array else { throw Failure.type(path: path(), expected: "an array", foundNull: kind == .null) }
        offset += 1
        skipWhitespace()
        if consume(UInt8(ascii: "]")) { return }
        var index = 0
        while true {
            try element(&self, index)
            index += 1
            skipWhitespace()
            if consume(UInt8(ascii: ",")) { continue }
            if consume(UInt8(ascii: "]")) { return }
            throw syntax("expected ',' or ']' in an array")
        }
    }

    /// Reads a string value.
    mutating func string(at path: @autoclosure () -> String) throws(Failure) -> String {
        let kind = try peekKind()
        guard kind == .string else { throw Failure.type(path: path(), expected: "a string", foundNull: kind == .null) }
        return try readString()
    }

    /// Reads a string value, or `nil` for `null`.
    mutating func optionalString(at path: @autoclosure () -> String) throws(Failure) -> String? {
        if try skipNull() { return nil }
        return try string(at: path())
    }

    /// Reads an object whose values are all strings.
    mutating func stringMap(at path: @autoclosure () -> String) throws(Failure) -> [String: String] {
        var map: [String: String] = [:]
        // The path is built only for an error message.
        try object(at: path()) { (scanner: inout JSONScanner, key: String) throws(Failure) in
            map[key] = try scanner.string(at: Self.member(key, of: path()))
        }
        return map
    }

    /// The path of member `key` of the object at `base` (`key` alone at the top).
    private static func member(_ key: String, of base: String) -> String {
        base.isEmpty ? key : base + "." + key
    }

    /// Reads an integer (a number without fraction or exponent, or with a zero fraction).
    mutating func integer(at path: @autoclosure () -> String) throws(Failure) -> Int {
        let kind = try peekKind()
        guard kind == .number else {
            throw Failure.type(path: path(), expected: "an integer", foundNull: kind == .null)
        }
        let text = try readNumber()
        if let value = Int(text) { return value }
        if let value = Double(text), value.rounded() == value, let exact = Int(exactly: value) { return exact }
        throw Failure.type(path: path(), expected: "an integer", foundNull: false)
    }

    /// Skips the next value of any kind.
    mutating func skipValue() throws(Failure) {
        try skipValue(depth: 0)
    }

    /// Throws unless only whitespace is left.
    mutating func finish() throws(Failure) {
        skipWhitespace()
        guard offset == bytes.count else { throw syntax("unexpected text after the end of the document") }
    }

    // MARK: Reading

    private mutating func skipValue(depth: Int) throws(Failure) {
        guard depth < Self.maxDepth else { throw syntax("values are nested more than \(Self.maxDepth) levels deep") }
        switch try peekKind() {
        case .object:
            try object(at: "") { (scanner: inout JSONScanner, _: String) throws(Failure) in
                try scanner.skipValue(depth: depth + 1)
            }
        case .array:
            try array(at: "") { (scanner: inout JSONScanner, _: Int) throws(Failure) in
                try scanner.skipValue(depth: depth + 1)
            }
        case .string: try skipString()
        case .number: _ = try readNumber()
        case .bool: try literal(bytes[offset] == UInt8(ascii: "t") ? "true" : "false")
        case .null: try literal("null")
        }
    }

    private mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): offset += 1
            default: return
            }
        }
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard offset < bytes.count, bytes[offset] == byte else { return false }
        offset += 1
        return true
    }

    private mutating func literal(_ word: StaticString) throws(Failure) {
        let count = word.utf8CodeUnitCount
        guard offset + count <= bytes.count else { throw syntax("the document ends inside '\(word)'") }
        let matches = word.withUTF8Buffer { expected in
            (0..<count).allSatisfy { bytes[offset + $0] == expected[$0] }
        }
        guard matches else { throw syntax("unexpected characters where '\(word)' was expected") }
        offset += count
    }

    private mutating func readNumber() throws(Failure) -> Substring {
        let start = offset
        _ = consume(UInt8(ascii: "-"))
        let leadingZero = offset < bytes.count && bytes[offset] == UInt8(ascii: "0")
        let integerDigits = digits()
        guard integerDigits > 0 else { throw syntax("a number needs digits") }
        guard !leadingZero || integerDigits == 1 else { throw syntax("a number cannot start with 0") }
        if consume(UInt8(ascii: ".")) {
            guard digits() > 0 else { throw syntax("a number needs digits after its '.'") }
        }
        if consume(UInt8(ascii: "e")) || consume(UInt8(ascii: "E")) {
            if !consume(UInt8(ascii: "+")) { _ = consume(UInt8(ascii: "-")) }
            guard digits() > 0 else { throw syntax("a number needs digits in its exponent") }
        }
        return Substring(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
    }

    private mutating func digits() -> Int {
        let start = offset
        while offset < bytes.count, bytes[offset] >= UInt8(ascii: "0"), bytes[offset] <= UInt8(ascii: "9") {
            offset += 1
        }
        return offset - start
    }

    private mutating func skipString() throws(Failure) {
        offset += 1
        var scratch: [UInt8] = []
        while offset < bytes.count {
            let byte = bytes[offset]
            offset += 1
            switch byte {
            case UInt8(ascii: "\""): return
            case UInt8(ascii: "\\"):
                try readEscape(into: &scratch)
                scratch.removeAll(keepingCapacity: true)
            case 0..<0x20: throw syntax("a string holds an unescaped control character")
            default: break
            }
        }
        throw syntax("the document ends inside a string")
    }

    /// Reads the string starting at the opening quote; escapes are decoded.
    private mutating func readString() throws(Failure) -> String {
        offset += 1
        let start = offset
        // Fast path: no escapes, the bytes are the string (the body was checked to be UTF-8).
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                defer { offset += 1 }
                return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw syntax("a string holds an unescaped control character") }
            offset += 1
        }
        var decoded = Array(UnsafeRawBufferPointer(rebasing: bytes[start..<offset]))
        while offset < bytes.count {
            let byte = bytes[offset]
            offset += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: decoded, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try readEscape(into: &decoded)
            case 0..<0x20:
                throw syntax("a string holds an unescaped control character")
            default:
                decoded.append(byte)
            }
        }
        throw syntax("the document ends inside a string")
    }

    private mutating func readEscape(into decoded: inout [UInt8]) throws(Failure) {
        guard offset < bytes.count else { throw syntax("the document ends inside a string") }
        let byte = bytes[offset]
        offset += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(byte)
        case UInt8(ascii: "b"): decoded.append(0x08)
        case UInt8(ascii: "f"): decoded.append(0x0c)
        case UInt8(ascii: "n"): decoded.append(0x0a)
        case UInt8(ascii: "r"): decoded.append(0x0d)
        case UInt8(ascii: "t"): decoded.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4()
            if (0xd800..<0xdc00).contains(scalar) {
                guard consume(UInt8(ascii: "\\")), consume(UInt8(ascii: "u")) else {
                    throw syntax("a \\u escape holds an unpaired surrogate")
                }
                let low = try hex4()
                guard (0xdc00..<0xe000).contains(low) else { throw syntax("a \\u escape holds an unpaired surrogate") }
                scalar = 0x10000 + ((scalar - 0xd800) << 10) + (low - 0xdc00)
            } else if (0xdc00..<0xe000).contains(scalar) {
                throw syntax("a \\u escape holds an unpaired surrogate")
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw syntax("a \\u escape is not a character") }
            decoded.append(contentsOf: String(Character(unicode)).utf8)
        default:
            throw syntax("'\\\(Self.printable(byte))' is not a JSON escape")
        }
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard offset + 4 <= bytes.count else { throw syntax("the document ends inside a \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw syntax("a \\u escape needs four hex digits")
            }
            value = value << 4 | UInt32(digit)
            offset += 1
        }
        return value
    }

    private func syntax(_ detail: String) -> Failure {
        .syntax(detail: "\(detail) at byte \(offset)")
    }

    private static func printable(_ byte: UInt8) -> String {
        (0x20..<0x7f).contains(byte) ? String(UnicodeScalar(byte)) : "\\u{\(String(byte, radix: 16))}"
    }
}
