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

    public init() {}

    /// The plain slug of `text`, without the uniqueness suffix.
    public static func baseSlug(_ text: String) -> String {
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
