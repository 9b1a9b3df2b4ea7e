/// One message bash printed while parsing, with its `<file>: line N: ` prefix split off.
struct BashDiagnostic: Equatable, Sendable {
    /// The line bash names (in the parsed text), nil when the message has none.
    var line: Int?
    /// The message after the prefix.
    var message: String

    /// Splits bash's stderr into messages. The line that quotes the offending source after a
    /// `syntax error near …` message (`` `fi' ``) repeats the script and is dropped.
    static func parse(_ output: String, fileName: String) -> [BashDiagnostic] {
        let prefix = fileName + ": "
        var result: [BashDiagnostic] = []
        for rawLine in output.split(separator: "\n", omittingEmptySubsequences: true) {
            var rest = Substring(rawLine)
            if rest.hasPrefix(prefix) { rest = rest.dropFirst(prefix.count) }
            var diagnostic = BashDiagnostic(line: nil, message: String(rest))
            if rest.hasPrefix("line ") {
                let afterWord = rest.dropFirst(5)
                let digits = afterWord.prefix(while: { $0.isASCII && $0.isNumber })
                let remainder = afterWord.dropFirst(digits.count)
                if let number = Int(digits), remainder.hasPrefix(": ") {
                    diagnostic = BashDiagnostic(line: number, message: String(remainder.dropFirst(2)))
                }
            }
            if let previous = result.last, previous.line == diagnostic.line,
                previous.message.hasPrefix("syntax error near"),
                diagnostic.message.hasPrefix("`"), diagnostic.message.hasSuffix("'")
            {
                continue
            }
            result.append(diagnostic)
        }
        return result
    }

    /// The diagnostic as an issue of a script parsed on its own, starting `lineOffset` lines
    /// into the parsed text; its line is clamped into the script's `lineCount` lines (bash
    /// reports a missing `fi` on the line after the last).
    func issue(lineOffset: Int, lineCount: Int) -> ShellSyntaxIssue {
        var line = (self.line ?? 1 + lineOffset) - lineOffset
        var message = self.message
        // `here-document at line 3 delimited by end-of-file`: bash reports the end of the input;
        // the line that needs fixing is where the here-document starts.
        if let range = message.range(of: "here-document at line ") {
            let digits = message[range.upperBound...].prefix(while: { $0.isASCII && $0.isNumber })
            if let start = Int(digits) {
                line = start - lineOffset
                message.replaceSubrange(range.upperBound..<digits.endIndex, with: String(line))
            }
        }
        return ShellSyntaxIssue(
            line: min(max(1, line), max(1, lineCount)), message: message, tool: "bash", level: "error")
    }
}
