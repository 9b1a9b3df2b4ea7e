import Foundation
import RunbookModel
import Yams

/// YAML front matter between `---` lines at the top of a file.
struct FrontMatter {
    /// Number of lines the front matter takes (including both `---` lines); 0 when absent.
    var lineCount = 0
    /// Metadata read from it.
    var metadata = RunbookMetadata()
    var id: String?
    var title: String?
    /// Whether a front-matter block was present and parsed.
    var isPresent = false
    var diagnostics: [ParseDiagnostic] = []

    /// Yams's default encoding, read once: `Parser.Encoding.default` consults the environment on every use.
    /// An enum of two cases, never mutated: safe to share.
    nonisolated(unsafe) private static let yamlEncoding = Parser.Encoding.default

    /// Splits front matter off `text`. Returns the front matter and the Markdown that follows.
    static func split(_ text: String, file: String) -> (FrontMatter, Substring) {
        var result = FrontMatter()
        guard text.hasPrefix("---\n") || text.hasPrefix("---\r\n") else { return (result, text[...]) }
        var lines: [Substring] = []
        var index = text.startIndex
        var closingEnd: String.Index?
        var lineNumber = 0
        while index < text.endIndex {
            let lineEnd = text[index...].firstIndex(of: "\n") ?? text.endIndex
            let line = text[index..<lineEnd]
            lineNumber += 1
            let next = lineEnd < text.endIndex ? text.index(after: lineEnd) : text.endIndex
            let bare = line.hasSuffix("\r") ? line.dropLast() : line
            if lineNumber > 1, bare == "---" || bare == "..." {
                closingEnd = next
                break
            }
            if lineNumber > 1 { lines.append(bare) }
            index = next
            if lineNumber > 2_000 { break }
        }
        guard let closingEnd else {
            result.diagnostics.append(
                ParseDiagnostic(
                    kind: .frontMatter, isError: true,
                    message: "front matter opened with `---` on line 1 is never closed; add a `---` line after it",
                    location: SourceLocation(file: file, line: 1)))
            return (result, text[...])
        }
        result.lineCount = lineNumber
        result.isPresent = true
        result.read(yaml: lines.joined(separator: "\n"), file: file)
        return (result, text[closingEnd...])
    }

    private mutating func fail(_ message: String, line: Int, file: String) {
        diagnostics.append(
            ParseDiagnostic(
                kind: .frontMatter, isError: true, message: message,
                location: SourceLocation(file: file, line: line)))
    }

    private mutating func read(yaml: String, file: String) {
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml, .default, .default, Self.yamlEncoding)
        } catch let error as YamlError {
            let (line, problem) = Self.describe(error)
            fail(
                "front matter is not valid YAML: \(problem); fix the YAML between the `---` lines", line: line + 1,
                file: file)
            return
        } catch {
            fail("front matter could not be read: \(error)", line: 1, file: file)
            return
        }
        guard let node else { return }
        guard let mapping = node.mapping else {
            fail(
                "front matter must be a YAML mapping of keys (`id:`, `title:` …), not a \(node.kindName)",
                line: (node.mark?.line ?? 1) + 1, file: file)
            return
        }
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else { continue }
            let line = (keyNode.mark?.line ?? 0) + 1
            apply(key: key, value: value, line: line, file: file)
        }
    }

    private mutating func apply(key: String, value: Node, line: Int, file: String) {
        func scalar() -> String? {
            if let string = value.scalar?.string { return string }
            fail("front matter `\(key)` must be a single value, not a \(value.kindName)", line: line, file: file)
            return nil
        }
        switch key {
        case "id": id = scalar()
        case "title": title = scalar()
        case "severity", "priority":
            guard let text = scalar() else { return }
            metadata.severityText = text
            metadata.severity = Severity(parsing: text)
            metadata.provenance["severity"] = "front-matter"
            if metadata.severity == nil {
                fail(
                    "front matter `\(key): \(text)` is not a severity; use critical, high, medium, low, info or P0–P3",
                    line: line, file: file)
            }
        case "mttr", "response":
            guard let text = scalar() else { return }
            guard let duration = DurationSeconds(parsing: text) else {
                fail(
                    "front matter `\(key): \(text)` is not a duration; write it like `15m`, `1h` or `30 minutes`",
                    line: line, file: file)
                return
            }
            if key == "mttr" {
                metadata.mttrText = text
                metadata.mttr = duration
            } else {
                metadata.responseText = text
                metadata.response = duration
            }
            metadata.provenance[key] = "front-matter"
        case "review_every":
            guard let text = scalar() else { return }
            metadata.reviewEvery = DurationSeconds(parsing: text)
            if metadata.reviewEvery == nil {
                fail(
                    "front matter `review_every: \(text)` is not a duration; write it like `90d` or `6 months`",
                    line: line, file: file)
            }
        case "alerts", "alert": metadata.alerts = list(value)
        case "tags": metadata.tags = list(value)
        case "service": metadata.service = scalar()
        case "owner": metadata.owner = scalar()
        case "last_reviewed", "last_updated": metadata.lastReviewed = scalar()
        case "params", "parameters": metadata.params = Self.parameters(value)
        default:
            metadata.extra[key] =
                value.scalar?.string ?? (try? Yams.serialize(node: value))?
                .trimmedASCII() ?? ""
        }
    }

    private func list(_ value: Node) -> [String] {
        if let sequence = value.sequence { return sequence.compactMap { $0.scalar?.string } }
        guard let text = value.scalar?.string else { return [] }
        return text.split(separator: ",").map { $0.trimmedASCII(" \t") }.filter { !$0.isEmpty }
    }

    /// `params:` as a list of names, a list of `{name, description, default}`, or a map of name → description.
    private static func parameters(_ value: Node) -> [RunbookParameter] {
        if let mapping = value.mapping {
            return mapping.compactMap { key, item in
                guard let name = key.string else { return nil }
                if let details = item.mapping {
                    return RunbookParameter(
                        name: name, description: details["description"]?.string,
                        defaultValue: details["default"]?.string)
                }
                return RunbookParameter(name: name, description: item.string)
            }
        }
        return value.sequence?.compactMap { item in
            if let name = item.scalar?.string { return RunbookParameter(name: name) }
            guard let details = item.mapping, let name = details["name"]?.string else { return nil }
            return RunbookParameter(
                name: name, description: details["description"]?.string, defaultValue: details["default"]?.string)
        } ?? []
    }

    /// The 0-based line and a readable problem of a Yams error.
    static func describe(_ error: YamlError) -> (line: Int, problem: String) {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return (max(0, mark.line - 1), problem)
        case .reader(let problem, _, _, _):
            return (0, problem)
        default:
            return (0, "\(error)")
        }
    }
}

extension Node {
    /// `scalar`, `mapping` or `sequence`, for messages.
    var kindName: String {
        switch self {
        case .scalar: "single value"
        case .mapping: "mapping"
        case .sequence: "list"
        case .alias: "alias"
        }
    }
}
