import FirebreakConfig
import Foundation

extension RunbookLinkMapper {
    /// Whether `text` starts with a URL scheme (`https:`, `mailto:`); single letters are not schemes.
    static func isAbsoluteURL(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":") else { return false }
        let scheme = text[..<colon]
        guard scheme.count >= 2, let first = scheme.first, first.isASCII, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+.-".contains($0)) }
    }

    /// The path a URL stands for under the longest matching configured prefix.
    func mapConfigured(_ url: String) -> String? {
        var best: (prefixLength: Int, path: String)?
        for map in urlMaps {
            let prefix = map.prefix
            let candidates = [url, url + "/"]
            for candidate in candidates {
                guard let range = candidate.range(of: prefix, options: [.caseInsensitive, .anchored]) else { continue }
                let rest = candidate[range.upperBound...]
                // `https://x/runbooks` must not claim `https://x/runbooks-old/…`.
                if !prefix.hasSuffix("/"), !rest.isEmpty, !rest.hasPrefix("/") { continue }
                let remainder = String(rest.drop { $0 == "/" })
                let decoded = remainder.removingPercentEncoding ?? remainder
                let directory = map.path.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
                let path = directory.isEmpty ? decoded : (decoded.isEmpty ? directory : directory + "/" + decoded)
                if best == nil || prefix.count > best?.prefixLength ?? 0 { best = (prefix.count, path) }
                break
            }
        }
        return best?.path
    }

    /// `PATH` of `https://github.com/ORG/REPO/blob|tree/REF/PATH` (empty for the repository root).
    static func gitHubPath(_ url: String) -> String? {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "https" || scheme == "http" else { return nil }
        let parts = url[schemeEnd.upperBound...].split(separator: "/", omittingEmptySubsequences: false).map(
            String.init)
        guard parts.count >= 5, ["github.com", "www.github.com"].contains(parts[0].lowercased()),
            parts[3] == "blob" || parts[3] == "tree", !parts[4].isEmpty
        else { return nil }
        let path = parts.dropFirst(5).joined(separator: "/")
        return path.removingPercentEncoding ?? path
    }

    /// Resolves `.` and `..` and drops empty segments; nil when `..` climbs above the base directory.
    static func normalize(_ path: String) -> String? {
        var segments: [Substring] = []
        for segment in path.split(separator: "/") {
            switch segment {
            case ".": continue
            case "..":
                guard !segments.isEmpty else { return nil }
                segments.removeLast()
            default: segments.append(segment)
            }
        }
        return segments.joined(separator: "/")
    }

    /// Whether `path` holds a Go-template action (`{{ … }}`).
    static func hasTemplate(_ path: String) -> Bool {
        guard let open = path.range(of: "{{") else { return false }
        return path[open.upperBound...].contains("}}")
    }

    /// `runbooks/{{ $labels.alertname }}.md` → `runbooks/*.md`, with glob characters of the literal
    /// parts escaped so that they match only themselves.
    static func globPattern(forTemplated path: String) -> String {
        var result = ""
        var rest = Substring(path)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            result += escapeGlob(rest[..<open.lowerBound])
            if !result.hasSuffix("*") { result += "*" }
            rest = rest[close.upperBound...]
        }
        return result + escapeGlob(rest)
    }

    private static func escapeGlob(_ text: Substring) -> String {
        var escaped = ""
        for char in text {
            if "*?[]\\".contains(char) { escaped.append("\\") }
            escaped.append(char)
        }
        return escaped
    }
}
