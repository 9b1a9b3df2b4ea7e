import Foundation
import RunbookModel

/// `broken-link`: a relative link or `#anchor` that points nowhere (GitHub's heading-slug rules).
struct BrokenLinkRule: DocumentLintRule {
    static let description = LintRuleDescription(
        id: "broken-link", defaultSeverity: .error, summary: "Link points nowhere",
        help: "Relative links must name an existing file, and `#anchors` an existing heading (lowercase, punctuation "
            + "dropped, spaces as `-`, as GitHub renders them). External URLs are not fetched.")

    func check(_ document: AnalyzedDocument, _ context: LintContext) -> [Finding] {
        let doc = document.document
        let directory = Self.directory(of: doc.file)
        let ownAnchors = doc.anchors
        var findings: [Finding] = []
        for link in doc.links {
            let target = link.target.trimmedASCII(" \t")
            guard !target.isEmpty, !Self.isExternal(target), !ByteSearch.contains(target, "{{"),
                !ByteSearch.contains(target, "{%")
            else { continue }
            let parts = Self.splitAnchor(target)
            let rawPath = String(parts[0])
            let anchor =
                parts.count > 1
                ? (parts[1].utf8.contains(UInt8(ascii: "%"))
                    ? String(parts[1]).removingPercentEncoding ?? String(parts[1]) : String(parts[1])) : nil
            let pathPart = Self.beforeQuery(rawPath)
            if pathPart.isEmpty {
                if let anchor, !anchor.isEmpty, !ownAnchors.contains(anchor.lowercased()), !ownAnchors.contains(anchor)
                {
                    findings.append(
                        finding(
                            link.location,
                            "anchor `#\(anchor)` matches no heading in this file; " + Self.suggest(anchor, ownAnchors)))
                }
                continue
            }
            let decoded =
                pathPart.utf8.contains(UInt8(ascii: "%")) ? (pathPart.removingPercentEncoding ?? pathPart) : pathPart
            let resolved = Self.normalize(
                decoded.hasPrefix("/")
                    ? String(decoded.dropFirst()) : directory.isEmpty ? decoded : directory + "/" + decoded)
            guard context.fileExists(resolved) else {
                findings.append(
                    finding(
                        link.location,
                        "link target `\(pathPart)` does not exist (looked for \(resolved)); fix the path or remove the link"
                    ))
                continue
            }
            if let anchor, !anchor.isEmpty, let anchors = context.anchorsOfFile(resolved),
                !anchors.contains(anchor.lowercased()),
                !anchors.contains(anchor)
            {
                findings.append(
                    finding(
                        link.location,
                        "anchor `#\(anchor)` matches no heading in \(pathPart); " + Self.suggest(anchor, anchors)))
            }
        }
        return findings
    }

    /// The directory part of `file`, for resolving its links: only the components count, as the
    /// result is joined with a link and passed through ``normalize(_:)``.
    private static func directory(of file: String) -> String {
        guard let slash = file.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return slash == file.startIndex ? "/" : String(file[..<slash])
    }

    /// `path#anchor` split at the first `#`: on bytes when ASCII, where a byte is a character.
    private static func splitAnchor(_ target: String) -> [Substring] {
        guard target.utf8.allSatisfy({ $0 < 0x80 }) else {
            return target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        }
        return target.utf8.split(separator: UInt8(ascii: "#"), maxSplits: 1, omittingEmptySubsequences: false)
            .map { Substring($0) }
    }

    /// `path?query` without the query (empty when the path is).
    private static func beforeQuery(_ path: String) -> String {
        guard path.utf8.allSatisfy({ $0 < 0x80 }) else {
            return path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
        }
        return path.utf8.split(separator: UInt8(ascii: "?"), maxSplits: 1).first.map { String(Substring($0)) } ?? ""
    }

    static func isExternal(_ target: String) -> Bool {
        if target.hasPrefix("//") { return true }
        if target.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII: a byte is a character, so the scheme is checked on bytes.
            guard let colon = target.utf8.firstIndex(of: UInt8(ascii: ":")) else { return false }
            let scheme = target.utf8[..<colon]
            return !scheme.isEmpty
                && scheme.allSatisfy { byte in
                    (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
                        || (byte >= 0x30 && byte <= 0x39)
                        || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
                }
        }
        guard let colon = target.firstIndex(of: ":") else { return false }
        let scheme = target[..<colon]
        return !scheme.isEmpty
            && scheme.allSatisfy { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }
    }

    /// `a/./b/../c` → `a/c`, keeping leading `../`.
    static func normalize(_ path: String) -> String {
        if isNormal(path) { return path }
        var parts: [Substring] = []
        let absolute = path.hasPrefix("/")
        for part in path.utf8.split(separator: UInt8(ascii: "/")).map({ Substring($0) }) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        let joined = TextLines.join(parts, separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    /// Whether ``normalize(_:)`` would return `path` unchanged: not empty, and no empty, `.` or `..` component
    /// (a leading `/` aside). Most paths are, and are then not split and joined again.
    private static func isNormal(_ path: String) -> Bool {
        var length = 0
        var dots = 0
        var first = true
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/") {
                if length == 0 && !first { return false }
                if length > 0 && dots == length && length <= 2 { return false }
                first = false
                length = 0
                dots = 0
            } else {
                length += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
            }
        }
        return length > 0 && !(dots == length && length <= 2)
    }

    private static func suggest(_ anchor: String, _ anchors: Set<String>) -> String {
        let slug = GitHubSlugger.baseSlug(anchor)
        if anchors.contains(slug) { return "did you mean `#\(slug)`?" }
        let close = anchors.filter { $0.hasPrefix(String(slug.prefix(4))) }.sorted().prefix(3)
        return close.isEmpty
            ? "check the heading's text" : "headings nearby: " + close.map { "#\($0)" }.joined(separator: ", ")
    }
}
