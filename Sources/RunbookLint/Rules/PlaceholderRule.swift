import RunbookModel
import ShellAnalysis

/// `placeholder`: text the reader must replace before running (`<pod-name>`, `YOUR_ROUTING_KEY`, `{{ $labels.x }}`).
struct PlaceholderRule: DocumentLintRule {
    static let description = LintRuleDescription(
        id: "placeholder", defaultSeverity: .warning, summary: "Unfilled placeholder in a command",
        help: "Placeholders get pasted verbatim at 3 a.m. Use a variable instead (`\"$POD_NAME\"`) and declare it in "
            + "front matter `params:`; `firebreak run` then asks for it or takes it from the alert's labels.")

    func check(_ document: AnalyzedDocument, _ context: LintContext) -> [Finding] {
        var findings: [Finding] = []
        for (block, runbook, _) in document.allBlocks {
            do {
                let placeholders: [Placeholder]
                let lineOf: (Int) -> Int
                if block.language.isShell {
                    placeholders = document.blocks[block.location.line]?.placeholders ?? []
                    lineOf = { block.sourceLine(ofScriptLine: $0) }
                } else if block.language == .yaml {
                    // `{{ $labels.x }}` in YAML is an alert template, filled in by Prometheus, not by the reader.
                    placeholders = Placeholders.find(in: block.content).filter { $0.kind != .template }
                    lineOf = { block.location.line + 1 + $0 }
                } else {
                    continue
                }
                var seen = Set<String>()
                for placeholder in placeholders where seen.insert(placeholder.text).inserted {
                    findings.append(
                        finding(
                            SourceLocation(
                                file: block.location.file, line: lineOf(placeholder.line), column: placeholder.column),
                            "placeholder `\(placeholder.text)` must be replaced by hand; use `\"$\(placeholder.variable)\"` "
                                + "and declare `\(placeholder.variable)` under `params:`",
                            runbook: runbook))
                }
            }
        }
        return findings
    }
}
