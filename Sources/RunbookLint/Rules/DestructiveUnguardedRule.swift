import Foundation
import RunbookModel
import ShellAnalysis

/// `destructive-unguarded`: a destructive command (`kubectl delete`, `rm -rf`, `FLUSHDB`, `pkill -9`) with no
/// warning in its step, its section or the comments above it.
struct DestructiveUnguardedRule: DocumentLintRule {
    static let description = LintRuleDescription(
        id: "destructive-unguarded", defaultSeverity: .error, summary: "Destructive command without a warning",
        help: "Commands that lose data or capacity need a visible warning where they stand: a `> **Warning:** …` "
            + "line in the step, or a `# WARNING: …` comment above the command, saying what is lost and when it is safe.")

    private static let warningWords = [
        "warning", "caution", "danger", "destructive", "irreversible", "cannot be undone", "can't be undone",
        "data loss", "lose data", "loses data", "permanently", "⚠", "[!warning]", "[!caution]", "be careful",
        "use with care", "last resort", "nuclear option",
    ]

    static func isWarning(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return warningWords.contains { lowered.contains($0) }
    }

    func check(_ document: AnalyzedDocument, _ context: LintContext) -> [Finding] {
        var findings: [Finding] = []
        for runbook in document.document.runbooks {
            for (index, block) in runbook.blocks.enumerated() where block.language.isShell {
                guard let analysis = document.blocks[block.location.line] else { continue }
                let destructive = analysis.commands.filter { $0.assessment.safety == .destructive }
                guard !destructive.isEmpty else { continue }
                if isGuarded(block: block, index: index, runbook: runbook) { continue }
                let scriptLines = block.script.split(separator: "\n", omittingEmptySubsequences: false)
                for (command, assessment) in destructive {
                    let commentsAbove = scriptLines.prefix(max(0, command.line)).filter { $0.drop(while: { $0 == " " }).hasPrefix("#") }
                    if commentsAbove.contains(where: { Self.isWarning(String($0)) }) { continue }
                    let reason = assessment.reasons.first.map { " (\($0))" } ?? ""
                    findings.append(
                        finding(
                            BlockLocation.of(command, in: block),
                            "destructive command `\(CommandText.render(command))`\(reason) has no warning; add a "
                                + "`> **Warning:**` line to the step saying what it destroys and when it is safe",
                            runbook: runbook))
                }
            }
        }
        return findings
    }

    private func isGuarded(block: CommandBlock, index: Int, runbook: Runbook) -> Bool {
        if let step = runbook.step(holdingBlock: index), Self.isWarning(step.title) || Self.isWarning(step.prose) {
            return true
        }
        if let section = runbook.section(containing: block.location.line), Self.isWarning(section.title) || Self.isWarning(section.text) {
            return true
        }
        return block.attributes["destructive"] != nil || block.attributes["confirm"] != nil
    }
}
