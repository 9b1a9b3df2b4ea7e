import Foundation
import RunbookModel

/// Turns a fenced code block into a `CommandBlock`: language from the info string, `{key=value}`
/// attributes, `$ ` prompts stripped with their output dropped, and `# Option N:` / `# Or` alternatives.
enum BlockExtractor {
    static let shellLanguages: Set<String> = [
        "bash", "sh", "shell", "console", "zsh", "shell-session", "shellsession", "terminal", "ksh", "shell-script",
    ]

    static func extract(_ code: MarkdownOutline.CodeElement, file: String, sourceLines: [Substring]) -> CommandBlock {
        let (language, attributes) = parseInfo(code.info)
        var content = code.literal
        if content.hasSuffix("\n") { content.removeLast() }
        let contentLines = content.isEmpty ? [] : TextLines.split(content)
        let kind = blockLanguage(language, contentLines: contentLines)
        let firstContentLine = code.line + 1
        let (scriptLines, lineMap) = stripPrompts(
            contentLines, firstLine: firstContentLine, force: language == "console" || language == "shell-session")
        let unterminated = !isClosingFence(
            lineIndex: code.endLine - 1, sourceLines: sourceLines, character: code.fenceCharacter,
            length: code.fenceLength, openingLine: code.line)
        return CommandBlock(
            infoLanguage: language, language: kind, attributes: attributes, content: content,
            script: TextLines.join(scriptLines), scriptLineMap: lineMap,
            location: SourceLocation(file: file, line: code.line, column: code.column),
            endLine: code.endLine, unterminated: unterminated,
            alternatives: kind.isShell ? alternatives(in: scriptLines) : [])
    }

    /// `bash {timeout=5m name="restart api"}` → ("bash", ["timeout": "5m", "name": "restart api"]).
    static func parseInfo(_ info: String) -> (String?, [String: String]) {
        let trimmed = info.trimmedASCII(" \t")
        var language: String?
        var rest = Substring(trimmed)
        if let first = rest.first, first != "{" {
            let end = rest.firstIndex(where: { $0 == " " || $0 == "{" || $0 == "\t" }) ?? rest.endIndex
            language = rest[..<end].lowercased()
            rest = rest[end...]
        }
        var attributes: [String: String] = [:]
        guard let open = rest.firstIndex(of: "{") else { return (language, attributes) }
        let close = rest.lastIndex(of: "}") ?? rest.endIndex
        let body = rest[rest.index(after: open)..<close]
        var index = body.startIndex
        while index < body.endIndex {
            while index < body.endIndex, body[index] == " " || body[index] == "," || body[index] == "\t" {
                index = body.index(after: index)
            }
            guard index < body.endIndex else { break }
            let keyStart = index
            while index < body.endIndex, body[index] != "=", body[index] != " ", body[index] != "," {
                index = body.index(after: index)
            }
            let key = String(body[keyStart..<index]).trimmedASCII(".")
            var value = "true"
            if index < body.endIndex, body[index] == "=" {
                index = body.index(after: index)
                if index < body.endIndex, body[index] == "\"" || body[index] == "'" {
                    let quote = body[index]
                    index = body.index(after: index)
                    let valueStart = index
                    while index < body.endIndex, body[index] != quote { index = body.index(after: index) }
                    value = String(body[valueStart..<index])
                    if index < body.endIndex { index = body.index(after: index) }
                } else {
                    let valueStart = index
                    while index < body.endIndex, body[index] != " ", body[index] != "," {
                        index = body.index(after: index)
                    }
                    value = String(body[valueStart..<index])
                }
            }
            if !key.isEmpty { attributes[key] = value }
        }
        return (language, attributes)
    }

    static func blockLanguage(_ language: String?, contentLines: [Substring]) -> BlockLanguage {
        guard let language, !language.isEmpty else {
            return ShellSniff.looksLikeShell(contentLines) ? .shell : .other("text")
        }
        if shellLanguages.contains(language) { return .shell }
        switch language {
        case "sql", "postgresql", "postgres", "psql", "mysql", "plpgsql", "sqlite": return .sql
        case "promql", "prometheus", "metricsql": return .promql
        case "yaml", "yml": return .yaml
        default: return .other(language)
        }
    }

    /// Keeps commands and drops output when the block shows a terminal session (`$ cmd` lines).
    static func stripPrompts(_ lines: [Substring], firstLine: Int, force: Bool) -> ([Substring], [Int]) {
        let hasPrompts = lines.contains { Self.promptCommand($0) != nil }
        guard hasPrompts || force else { return (lines, lines.indices.map { firstLine + $0 }) }
        var script: [Substring] = []
        var map: [Int] = []
        var continuing = false
        for (index, line) in lines.enumerated() {
            if let command = promptCommand(line) {
                script.append(command)
                map.append(firstLine + index)
                continuing = command.hasSuffix("\\")
            } else if continuing {
                script.append(line)
                map.append(firstLine + index)
                continuing = line.hasSuffix("\\")
            }
        }
        return (script, map)
    }

    /// The command of a `$ cmd` line (leading spaces allowed), or nil.
    private static func promptCommand(_ line: Substring) -> Substring? {
        // On bytes while the `$` and what follows are ASCII (where bytes are characters).
        let utf8 = line.utf8
        var index = utf8.startIndex
        while index < utf8.endIndex, utf8[index] == UInt8(ascii: " ") { index = utf8.index(after: index) }
        guard index < utf8.endIndex, utf8[index] == UInt8(ascii: "$") else { return nil }
        let second = utf8.index(after: index)
        if second == utf8.endIndex { return line[second...] }
        if utf8[second] < 0x80 {
            guard utf8[second] == UInt8(ascii: " ") else { return nil }
            let third = utf8.index(after: second)
            if third == utf8.endIndex || utf8[third] < 0x80 { return line[third...] }
        }
        let trimmed = line.drop(while: { $0 == " " })
        if trimmed.hasPrefix("$ ") { return trimmed.dropFirst(2) }
        if trimmed == "$" { return trimmed.dropFirst() }
        return nil
    }

    private static func isClosingFence(
        lineIndex: Int, sourceLines: [Substring], character: UInt8, length: Int, openingLine: Int
    ) -> Bool {
        guard lineIndex + 1 > openingLine, lineIndex >= 0, lineIndex < sourceLines.count else { return false }
        let line = sourceLines[lineIndex].drop(while: { $0 == " " })
        let fence = Character(UnicodeScalar(character))
        let run = line.prefix(while: { $0 == fence })
        return run.count >= length && line.dropFirst(run.count).allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" }
    }
}
