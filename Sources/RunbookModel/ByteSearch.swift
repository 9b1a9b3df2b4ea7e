import Foundation

/// Substring search on UTF-8 bytes: `memchr` for the first byte, `memcmp` for the rest. Foundation's
/// `String.contains(_:)` bridges through NSString and UTF-16, which dominated hot paths on large trees.
public enum ByteSearch {
    /// Whether `needle`'s bytes occur in `haystack`'s.
    public static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = haystack.baseAddress, let first = needle.first, let needleBase = needle.baseAddress,
            needle.count <= haystack.count
        else { return needle.isEmpty }
        var offset = 0
        let last = haystack.count - needle.count
        while offset <= last, let found = memchr(base + offset, Int32(first), last - offset + 1) {
            let position = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + position, needleBase, needle.count) == 0 { return true }
            offset = position + 1
        }
        return false
    }

    /// Whether `needle` occurs in `haystack`, compared byte for byte.
    public static func contains(_ haystack: String, _ needle: String) -> Bool {
        var haystack = haystack
        var needle = needle
        return haystack.withUTF8 { hay in needle.withUTF8 { contains(hay, $0) } }
    }

    /// Whether `text` holds a NUL byte: `memchr` over its UTF-8 (the generic `utf8.contains(0)` walks
    /// the bytes one by one, and every label of every alert is checked).
    public static func containsNUL(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in bytes.baseAddress.map { memchr($0, 0, bytes.count) != nil } ?? false }
    }
}
