import Foundation
import RunbookModel

/// A file's bytes decoded for parsing, with what was wrong with the encoding.
///
/// Invalid UTF-8 is replaced by U+FFFD (and reported with the line of the first bad byte), a NUL byte
/// marks a binary file, and text that is UTF-8 decoded as Windows-1252 (`âœ…` for `✅`) is reported as
/// mojibake. Nothing here throws: the parser keeps what it can read.
struct SourceText {
    /// The decoded text.
    var text: String
    /// Problems found while decoding.
    var diagnostics: [ParseDiagnostic]
    /// True for binary content (a NUL byte): such a file is not parsed further.
    var isBinary: Bool

    init(bytes: [UInt8], file: String) {
        diagnostics = []
        isBinary = false
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        let body = bytes[start...]
        if let nul = Self.firstIndex(of: 0, in: bytes, from: start) {
            isBinary = true
            let line = Self.lineNumber(of: nul, in: bytes)
            diagnostics.append(
                ParseDiagnostic(
                    kind: .encoding, isError: true,
                    message: "binary content (a NUL byte) in a Markdown file; the file was not parsed — "
                        + "remove it from the runbook roots or add it to `exclude:` in firebreak.yml",
                    location: SourceLocation(file: file, line: line)))
            text = ""
            return
        }
        if let valid = String(validating: body, as: UTF8.self) {
            text = valid
            diagnostics += Mojibake.diagnostics(in: text, file: file)
            return
        }
        if let bad = Self.firstInvalidUTF8(body) {
            let line = Self.lineNumber(of: bad, in: bytes)
            diagnostics.append(
                ParseDiagnostic(
                    kind: .encoding, isError: true,
                    message: String(
                        format: "invalid UTF-8 (byte 0x%02X); the bad bytes were read as U+FFFD — "
                            + "save the file as UTF-8", bytes[bad]),
                    location: SourceLocation(file: file, line: line)))
        }
        text = String(decoding: body, as: UTF8.self)
        diagnostics += Mojibake.diagnostics(in: text, file: file)
    }

    /// 1-based line of byte offset `offset`.
    private static func lineNumber(of offset: Int, in bytes: [UInt8]) -> Int {
        var line = 1
        var position = 0
        while let newline = firstIndex(of: 0x0A, in: bytes, from: position), newline < offset {
            line += 1
            position = newline + 1
        }
        return line
    }

    /// `memchr`: the stdlib's generic search is slow over hundreds of megabytes in unoptimised builds.
    static func firstIndex(of byte: UInt8, in bytes: [UInt8], from start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress, let found = memchr(base + start, Int32(byte), buffer.count - start)
            else {
                return nil
            }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// Offset of the first byte that does not belong to a valid UTF-8 sequence.
    static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
        var index = bytes.startIndex
        let end = bytes.endIndex
        while index < end {
            let byte = bytes[index]
            if byte < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var minimum: UInt32
            var scalar: UInt32
            switch byte {
            case 0xC2...0xDF: length = 2; scalar = UInt32(byte & 0x1F); minimum = 0x80
            case 0xE0...0xEF: length = 3; scalar = UInt32(byte & 0x0F); minimum = 0x800
            case 0xF0...0xF4: length = 4; scalar = UInt32(byte & 0x07); minimum = 0x10000
            default: return index
            }
            guard index + length <= end else { return index }
            for offset in 1..<length {
                let next = bytes[index + offset]
                guard next & 0xC0 == 0x80 else { return index }
                scalar = (scalar << 6) | UInt32(next & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return index }
            index += length
        }
        return nil
    }
}
