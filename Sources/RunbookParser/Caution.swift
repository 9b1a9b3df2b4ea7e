import Foundation
import RunbookModel

/// Recognises text that warns the reader before a dangerous step: `> **Warning:** …`, `⚠️`, GitHub's
/// `[!CAUTION]` alerts, "this cannot be undone".
public enum Caution {
    static let words = [
        "warning", "caution", "danger", "destructive", "irreversible", "cannot be undone", "can't be undone",
        "data loss", "lose data", "loses data", "permanently", "⚠", "[!warning]", "[!caution]", "be careful",
        "use with care", "last resort", "nuclear option",
    ]
    private static let needles: [[UInt8]] = words.map { Array($0.utf8) }
    /// The needles by their first byte.
    private static let needlesByFirstByte: [[[UInt8]]] = (0..<256).map { byte in
        needles.filter { $0.first == UInt8(byte) }
    }

    /// Whether `text` warns the reader. Runs on every paragraph of every runbook, so it searches bytes
    /// (ASCII-lowercased) with `memmem` rather than going through Foundation's string search.
    public static func isWarning(_ text: String) -> Bool {
        var bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return false }
        for index in bytes.indices where bytes[index] >= 0x41 && bytes[index] <= 0x5A { bytes[index] |= 0x20 }
        // One pass: at each byte, only the needles that start with it are compared.
        return bytes.withUnsafeBufferPointer { haystack in
            for start in haystack.indices {
                for needle in needlesByFirstByte[Int(haystack[start])] where needle.count <= haystack.count - start {
                    var matched = 1
                    while matched < needle.count, haystack[start + matched] == needle[matched] { matched += 1 }
                    if matched == needle.count { return true }
                }
            }
            return false
        }
    }
}
