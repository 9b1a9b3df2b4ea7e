/// GitHub's rule for heading anchors: lowercase; drop everything that is not a letter, a number,
/// a space, `-` or `_`; spaces become `-`. Repeated headings get `-1`, `-2` … in document order.
///
/// ```swift
/// var slugs = GitHubSlugger()
/// slugs.slug(for: "Step 1: Verify Prerequisites")  // "step-1-verify-prerequisites"
/// slugs.slug(for: "Overview")                      // "overview"
/// slugs.slug(for: "Overview")                      // "overview-1"
/// ```
public struct GitHubSlugger: Sendable {
    private var seen: [String: Int] = [:]

    /// Creates a slugger for one file, with no headings seen yet.
    public init() {}

    /// The plain slug of `text`, without the uniqueness suffix.
    public static func baseSlug(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return asciiBaseSlug(text) }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar == " " {
                result.append("-")
            } else if scalar == "-" || scalar == "_" {
                result.unicodeScalars.append(scalar)
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                || scalar.properties.generalCategory == .nonspacingMark
            {
                if scalar.properties.isEmojiPresentation { continue }
                result += String(scalar).lowercased()
            }
        }
        return result
    }

    /// ``baseSlug(_:)`` of ASCII text, on bytes: ASCII has no marks or emoji, its letters are A–Z and a–z
    /// and its numbers 0–9.
    private static func asciiBaseSlug(_ text: String) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case 0x20: result.append(0x2D)
            case 0x2D, 0x5F, 0x30...0x39, 0x61...0x7A: result.append(byte)
            case 0x41...0x5A: result.append(byte | 0x20)
            default: continue
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// The anchor of the next heading with this text, unique within the file.
    public mutating func slug(for text: String) -> String {
        let base = Self.baseSlug(text)
        if let count = seen[base] {
            var candidate = "\(base)-\(count)"
            var next = count
            while seen[candidate] != nil {
                next += 1
                candidate = "\(base)-\(next)"
            }
            seen[base] = next + 1
            seen[candidate] = 1
            return candidate
        }
        seen[base] = 1
        return base
    }
}
