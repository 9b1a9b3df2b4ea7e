import Foundation

/// Substring search on UTF-8 bytes. Foundation's `String.contains(_:)` bridges through NSString and UTF-16,
/// which dominated classification time on large trees.
enum UTF8Search {
    static func contains(_ haystack: String, _ needle: String) -> Bool {
        var haystack = haystack
        var needle = needle
        return haystack.withUTF8 { hay in
            needle.withUTF8 { pin in
                guard let base = hay.baseAddress, let pinBase = pin.baseAddress, let first = pin.first, pin.count <= hay.count else {
                    return pin.isEmpty
                }
                var offset = 0
                let last = hay.count - pin.count
                while offset <= last, let found = memchr(base + offset, Int32(first), last - offset + 1) {
                    let position = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + position, pinBase, pin.count) == 0 { return true }
                    offset = position + 1
                }
                return false
            }
        }
    }
}
