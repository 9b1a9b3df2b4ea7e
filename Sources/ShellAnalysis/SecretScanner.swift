import Foundation

/// Finds hard-coded secrets (well-known token shapes and literal values of password-like settings)
/// and redacts them from output.
///
/// ```swift
/// SecretScanner.find(in: "export GITHUB_TOKEN=ghp_…").map(\.kind)          // ["GitHub token"]
/// SecretScanner.redact("login ok for hunter22", values: ["hunter22"])      // "login ok for [redacted]"
/// ```
public enum SecretScanner {
    /// Every secret in `text`, in order, without overlaps.
    public static func find(in text: String) -> [SecretMatch] {
        let bytes = Array(text.utf8)
        let spans = SecretPatterns(bytes: bytes).scan()
        var result: [SecretMatch] = []
        var lineStarts = [0]
        for (offset, byte) in bytes.enumerated() where byte == ByteClass.newline { lineStarts.append(offset + 1) }
        let utf8 = text.utf8
        for span in spans {
            var low = 0
            var high = lineStarts.count - 1
            while low < high {
                let mid = (low + high + 1) / 2
                if lineStarts[mid] <= span.range.lowerBound { low = mid } else { high = mid - 1 }
            }
            var column = 1
            for k in lineStarts[low]..<span.range.lowerBound where bytes[k] & 0xC0 != 0x80 { column += 1 }
            let start = utf8.index(utf8.startIndex, offsetBy: span.range.lowerBound)
            let end = utf8.index(utf8.startIndex, offsetBy: span.range.upperBound)
            result.append(SecretMatch(kind: span.kind, line: low, column: column, range: start..<end))
        }
        return result
    }

    /// Whether a variable name says it holds a secret (TOKEN, SECRET, PASSWORD, PASSWD, KEY, AUTH).
    public static func isSecretName(_ name: String) -> Bool {
        let upper = name.uppercased()
        return ["TOKEN", "SECRET", "PASSWORD", "PASSWD", "KEY", "AUTH"].contains { upper.contains($0) }
    }

    /// Replaces the given values (those of 4 characters or more) and every `find` match with `[redacted]`.
    public static func redact(_ text: String, values: [String]) -> String {
        var result = text
        for value in Set(values).filter({ $0.count >= 4 }).sorted(by: { $0.count > $1.count }) {
            result = result.replacingOccurrences(of: value, with: "[redacted]")
        }
        for match in find(in: result).reversed() {
            result.replaceSubrange(match.range, with: "[redacted]")
        }
        return result
    }
}
