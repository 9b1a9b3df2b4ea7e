import Foundation

/// Recognises text that warns the reader before a dangerous step: `> **Warning:** …`, `⚠️`, GitHub's
/// `[!CAUTION]` alerts, "this cannot be undone".
public enum Caution {
    static let words = [
        "warning", "caution", "danger", "destructive", "irreversible", "cannot be undone", "can't be undone",
        "data loss", "lose data", "loses data", "permanently", "⚠", "[!warning]", "[!caution]", "be careful",
        "use with care", "last resort", "nuclear option",
    ]
    private static let needles: [[UInt8]] = words.map { Array($0.utf8) }

    /// Whether `text` warns the reader. Runs on every paragraph of every runbook, so it searches bytes
    /// (ASCII-lowercased) with `memmem` rather than going through Foundation's string search.
    public static func isWarning(_ text: String) -> Bool {
        var bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return false }
        for index in bytes.indices where bytes[index] >= 0x41 && bytes[index] <= 0x5A { bytes[index] |= 0x20 }
        return bytes.withUnsafeBufferPointer { haystack in
            needles.contains { needle in
                needle.withUnsafeBufferPointer { ByteSearch.contains(haystack, $0) }
            }
        }
    }
}

/// Substring search on bytes: `memchr` for the first byte, `memcmp` for the rest.
enum ByteSearch {
    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
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
}
