/// ASCII byte constants and classes shared by the scanners, which work on UTF-8 bytes for speed.
enum ByteClass {
    static let newline: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let singleQuote: UInt8 = 0x27
    static let doubleQuote: UInt8 = 0x22
    static let backslash: UInt8 = 0x5C
    static let dollar: UInt8 = 0x24
    static let backtick: UInt8 = 0x60
    static let hash: UInt8 = 0x23
    static let semicolon: UInt8 = 0x3B
    static let ampersand: UInt8 = 0x26
    static let pipe: UInt8 = 0x7C
    static let openParen: UInt8 = 0x28
    static let closeParen: UInt8 = 0x29
    static let less: UInt8 = 0x3C
    static let greater: UInt8 = 0x3E
    static let openBrace: UInt8 = 0x7B
    static let closeBrace: UInt8 = 0x7D
    static let openBracket: UInt8 = 0x5B
    static let closeBracket: UInt8 = 0x5D
    static let equals: UInt8 = 0x3D
    static let plus: UInt8 = 0x2B
    static let minus: UInt8 = 0x2D
    static let colon: UInt8 = 0x3A
    static let dot: UInt8 = 0x2E
    static let slash: UInt8 = 0x2F
    static let underscore: UInt8 = 0x5F
    static let asterisk: UInt8 = 0x2A
    static let exclamation: UInt8 = 0x21

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    @inline(__always) static func isUpper(_ c: UInt8) -> Bool { c >= 0x41 && c <= 0x5A }
    @inline(__always) static func isLower(_ c: UInt8) -> Bool { c >= 0x61 && c <= 0x7A }
    @inline(__always) static func isLetter(_ c: UInt8) -> Bool { isUpper(c) || isLower(c) }
    @inline(__always) static func isAlphanumeric(_ c: UInt8) -> Bool { isLetter(c) || isDigit(c) }
    @inline(__always) static func isIdentifierStart(_ c: UInt8) -> Bool { isLetter(c) || c == underscore }
    @inline(__always) static func isIdentifier(_ c: UInt8) -> Bool { isAlphanumeric(c) || c == underscore }
    @inline(__always) static func isBlank(_ c: UInt8) -> Bool { c == space || c == tab }

    /// Characters that end an unquoted word.
    @inline(__always) static func isMeta(_ c: UInt8) -> Bool {
        switch c {
        case space, tab, newline, semicolon, ampersand, pipe, openParen, closeParen, less, greater: true
        default: false
        }
    }

    /// Positional and special parameters (`$1`, `$@`, `$?` …) that are never "variables".
    @inline(__always) static func isSpecialParameter(_ c: UInt8) -> Bool {
        isDigit(c) || c == 0x40 || c == 0x2A || c == hash || c == 0x3F || c == dollar || c == exclamation || c == minus
    }

    /// Whether a string is a valid shell identifier.
    static func isIdentifier(_ s: String) -> Bool {
        var first = true
        for c in s.utf8 {
            if first ? !isIdentifierStart(c) : !isIdentifier(c) { return false }
            first = false
        }
        return !first
    }

    static func uppercased(_ c: UInt8) -> UInt8 { isLower(c) ? c - 0x20 : c }
}
