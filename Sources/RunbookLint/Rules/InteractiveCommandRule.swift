import RunbookModel

/// `interactive-command`: a command that waits for a person (`kubectl exec -it`, bare `psql`, an editor).
struct InteractiveCommandRule: DocumentLintRule {
    static let description = LintRuleDescription(
        id: "interactive-command", defaultSeverity: .warning, summary: "Command needs an interactive terminal",
        help: "Interactive commands (`kubectl exec -it`, `psql` without `-c`, `redis-cli` without a command, editors) "
            + "cannot be run step by step or automated. Pass the command to run (`psql -c '…'`, `kubectl exec … -- cmd`)."
    )

    func check(_ document: AnalyzedDocument, _ context: LintContext) -> [Finding] {
        var findings: [Finding] = []
        for (block, runbook, _) in document.allBlocks {
            if block.language.isShell {
                for (command, assessment) in document.blocks[block.location.line]?.commands ?? []
                where assessment.interactive {
                    let reason = CommandText.reason(assessment.reasons)
                    findings.append(
                        finding(
                            BlockLocation.of(command, in: block),
                            "`\(CommandText.render(command))` is interactive\(reason); give it the command to run so it "
                                + "returns on its own",
                            runbook: runbook))
                }
            }
        }
        return findings
    }
}
