import Foundation

/// Splitting text into lines on `\n` by bytes: `String.split` works on grapheme clusters, which is many times
/// slower and, on runbook-sized inputs, the single largest cost of a lint run.
public enum TextLines {
    /// The lines of `text` (a trailing `\r` stays with its line; an empty last line after a final `\n` is kept).
    public static func split(_ text: some StringProtocol) -> [Substring] {
        let whole = Substring(text)
        var offsets: [Int] = []
        var contiguous = String(whole)
        contiguous.withUTF8 { buffer in
            guard let base = buffer.baseAddress else { return }
            var position = 0
            while position < buffer.count, let found = memchr(base + position, 0x0A, buffer.count - position) {
                let offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                offsets.append(offset)
                position = offset + 1
            }
        }
        var lines: [Substring] = []
        lines.reserveCapacity(offsets.count + 1)
        var start = whole.utf8.startIndex
        var previous = 0
        for offset in offsets {
            let end = whole.utf8.index(start, offsetBy: offset - previous)
            lines.append(whole[start..<end])
            start = whole.utf8.index(after: end)
            previous = offset + 1
        }
        lines.append(whole[start...])
        return lines
    }

    /// `parts.joined(separator:)` for substrings, built in one buffer: the standard library's
    /// generic `joined` goes through each part's characters.
    @inlinable
    public static func join<Parts: Collection<Substring>>(_ parts: Parts, separator: String = "\n") -> String {
        var result = ""
        result.reserveCapacity(parts.reduce(0) { $0 + $1.utf8.count } + separator.utf8.count * max(0, parts.count - 1))
        var first = true
        for part in parts {
            if !first { result.append(separator) }
            first = false
            result.append(contentsOf: part)
        }
        return result
    }

    /// The first line of `text`.
    public static func first(_ text: some StringProtocol) -> Substring {
        let whole = Substring(text)
        guard let newline = whole.utf8.firstIndex(of: 0x0A) else { return whole }
        return whole[..<newline]
    }
}

extension StringProtocol {
    /// The text without leading and trailing characters from `characters` (ASCII only; default: blanks and line
    /// breaks). Foundation's `trimmingCharacters(in:)` bridges through NSString and costs far more on hot paths.
    public func trimmedASCII(_ characters: String = " \t\r\n") -> String {
        let set = Array(characters.utf8)
        let whole = Substring(self)
        let utf8 = whole.utf8
        var start = utf8.startIndex
        var end = utf8.endIndex
        while start < end, set.contains(utf8[start]) { start = utf8.index(after: start) }
        while end > start {
            let before = utf8.index(before: end)
            guard set.contains(utf8[before]) else { break }
            end = before
        }
        return String(whole[start..<end])
    }
}
