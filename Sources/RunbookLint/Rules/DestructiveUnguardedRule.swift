import Foundation
import RunbookModel
import RunbookParser
import ShellAnalysis

/// `destructive-unguarded`: a destructive command (`kubectl delete`, `rm -rf`, `FLUSHDB`, `pkill -9`) with no
/// warning in its step, its section or the comments above it.
struct DestructiveUnguardedRule: DocumentLintRule {
    static let description = LintRuleDescription(
        id: "destructive-unguarded", defaultSeverity: .error, summary: "Destructive command without a warning",
        help: "Commands that lose data or capacity need a visible warning where they stand: a `> **Warning:** …` "
            + "line in the step, or a `# WARNING: …` comment above the command, saying what is lost and when it is safe."
    )

    func check(_ document: AnalyzedDocument, _ context: LintContext) -> [Finding] {
        var findings: [Finding] = []
        for (block, runbook, index) in document.allBlocks {
            if block.language.isShell {
                guard let analysis = document.blocks[block.location.line] else { continue }
                let destructive = analysis.commands.filter { $0.assessment.safety == .destructive }
                guard !destructive.isEmpty else { continue }
                if isGuarded(block: block, index: index, runbook: runbook, sharedText: document.document.sharedText) {
                    continue
                }
                let scriptLines = TextLines.split(block.script)
                for (command, assessment) in destructive {
                    // A `# WARNING: …` comment above the command, or after it on its own line.
                    let upTo = scriptLines.prefix(min(scriptLines.count, command.line + 1))
                    if upTo.contains(where: { line in
                        line.firstIndex(of: "#").map { Caution.isWarning(String(line[$0...])) } ?? false
                    }) {
                        continue
                    }
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

    /// A warning in the title of the block's step or section, or in prose between their start and the block.
    /// Blocks outside every runbook (a document's shared preamble) are guarded by a warning in that preamble.
    private func isGuarded(block: CommandBlock, index: Int, runbook: Runbook?, sharedText: String) -> Bool {
        if block.attributes["destructive"] != nil || block.attributes["confirm"] != nil { return true }
        guard let runbook else { return Caution.isWarning(sharedText) }
        let step = runbook.step(holdingBlock: index)
        let section = runbook.section(containing: block.location.line)
        if let step, Caution.isWarning(step.title) { return true }
        if let section, Caution.isWarning(section.title) { return true }
        let start = [step?.location.line, section?.location.line].compactMap { $0 }.min() ?? runbook.lines.start
        return runbook.cautions.contains { $0 >= start && $0 < block.location.line }
    }
}
