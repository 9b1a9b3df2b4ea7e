import RunbookModel
import ShellAnalysis

/// `never-terminates`: a command that runs until interrupted (`kubectl logs -f`, `watch`, `tail -f`).
struct NeverTerminatesRule: DocumentLintRule {
    static let description = LintRuleDescription(
        id: "never-terminates", defaultSeverity: .warning, summary: "Command never terminates",
        help: "Followers and monitors (`kubectl logs -f`, `tail -f`, `watch`, `top`, `--watch`, `redis-cli MONITOR`, "
            + "`iostat 1`) never return, which stalls copy-paste and automated runs. Bound them (`--since=5m`, "
            + "`timeout 30 …`, `-n 1`) or set a block attribute `{timeout=30s}`.")

    func check(_ document: AnalyzedDocument, _ context: LintContext) -> [Finding] {
        var findings: [Finding] = []
        for (block, runbook, _) in document.allBlocks {
            if block.language.isShell && block.attributes["timeout"] == nil {
                for (command, assessment) in document.blocks[block.location.line]?.commands ?? []
                where assessment.neverTerminates && !command.wrappers.contains("timeout") {
                    let reason = CommandText.reason(assessment.reasons)
                    findings.append(
                        finding(
                            BlockLocation.of(command, in: block),
                            "`\(CommandText.render(command))` never terminates\(reason); "
                                + "bound it with `timeout 30 …`, a count or `--since`, or give the block `{timeout=30s}`",
                            runbook: runbook))
                }
            }
        }
        return findings
    }
}

/// Source locations and short renderings of commands inside blocks.
enum BlockLocation {
    static func of(_ command: SimpleCommand, in block: CommandBlock) -> SourceLocation {
        SourceLocation(
            file: block.location.file, line: block.sourceLine(ofScriptLine: command.line), column: command.column)
    }
}

enum CommandText {
    /// The command as written, cut to a readable length.
    static func render(_ command: SimpleCommand) -> String {
        let text = command.words.map(\.raw).joined(separator: " ")
        return text.count > 80 ? String(text.prefix(77)) + "…" : text
    }

    /// The reason that explains this rule (classifier reasons also say why a command is read-only or mutating).
    static func reason(_ reasons: [String]) -> String {
        let words = [
            "follow", "forever", "until", "repeat", "stream", "interactive", "terminal", "prompt", "editor", "session",
            "watch", "monitor", "interval", "shell",
        ]
        guard let reason = reasons.last(where: { reason in words.contains { reason.lowercased().contains($0) } }) else {
            return ""
        }
        return " (\(reason))"
    }
}
