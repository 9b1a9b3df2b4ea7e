import RunbookModel
import ShellAnalysis

/// `shell-syntax`: `bash -n` rejects a shell block (and, when installed, shellcheck's findings).
struct ShellSyntaxRule: DocumentLintRule {
    static let description = LintRuleDescription(
        id: "shell-syntax", defaultSeverity: .error, summary: "Shell block does not parse",
        help: "Every shell block must pass `bash -n` (placeholders such as `<pod-name>` are read as variables first). "
            + "When shellcheck is installed its warnings are reported too, mapped to the runbook's lines.")

    func check(_ document: AnalyzedDocument, _ context: LintContext) -> [Finding] {
        var findings: [Finding] = []
        for (block, runbook, _) in document.allBlocks {
            if block.language.isShell && !block.unterminated {
                guard let issues = document.shellIssues[block.location.line], !issues.isEmpty else { continue }
                // shellcheck cannot parse a block that holds another language; `wrong-language` already says so.
                // Only shellcheck's issues depend on it, so blocks without them skip the sniffing.
                let foreign =
                    issues.allSatisfy({ $0.tool == "bash" })
                    ? nil
                    : document.blocks[block.location.line].flatMap {
                        LanguageSniffer.foreignLanguage(in: $0.parse, script: block.script)
                    }
                for issue in issues where issue.tool == "bash" || foreign == nil {
                    let line = block.sourceLine(ofScriptLine: issue.line - 1)
                    let location = SourceLocation(file: block.location.file, line: line, column: issue.column)
                    if issue.tool == "bash" {
                        findings.append(finding(location, "bash -n: \(issue.message)", runbook: runbook))
                    } else {
                        let severity: FindingSeverity =
                            issue.level == "error" ? .error : issue.level == "warning" ? .warning : .info
                        findings.append(
                            finding(
                                location, "shellcheck \(issue.code ?? ""): \(issue.message)", runbook: runbook,
                                severity: severity))
                    }
                }
            }
        }
        return findings
    }
}
