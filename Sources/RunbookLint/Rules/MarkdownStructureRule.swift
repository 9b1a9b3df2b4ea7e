import RunbookModel

/// `markdown-structure`: Markdown that parses but is broken as a document — a code fence that is never closed
/// (it swallows the rest of its section), lists or quotes nested absurdly deep.
struct MarkdownStructureRule: DocumentLintRule {
    static let description = LintRuleDescription(
        id: "markdown-structure", defaultSeverity: .error, summary: "Markdown structure is broken",
        help: "A fence opened with ``` or ~~~ must be closed with the same characters, otherwise everything after it "
            + "is read as code; lists and block quotes nested more than 64 levels deep are reported as corrupt.")

    func check(_ document: AnalyzedDocument, _ context: LintContext) -> [Finding] {
        var seen = Set<Int>()
        var findings = document.document.diagnostics.filter { $0.kind == .structure }.map {
            finding($0.location, $0.message)
        }
        for (block, runbook, _) in document.allBlocks {
            if block.unterminated && seen.insert(block.location.line).inserted {
                findings.append(
                    finding(
                        block.location,
                        "code fence opened here is never closed (it runs to line \(block.endLine)); add the closing fence",
                        runbook: runbook))
            }
        }
        return findings
    }
}
