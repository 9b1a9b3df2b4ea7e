import RunbookModel

/// `unterminated-fence`: a code fence that is never closed swallows the rest of its section.
struct UnterminatedFenceRule: DocumentLintRule {
    static let description = LintRuleDescription(
        id: "unterminated-fence", defaultSeverity: .error, summary: "Code fence is never closed",
        help: "A fence opened with ``` or ~~~ must be closed with the same characters; otherwise everything after it "
            + "is read as code.")

    func check(_ document: AnalyzedDocument, _ context: LintContext) -> [Finding] {
        var seen = Set<Int>()
        var findings: [Finding] = []
        for runbook in document.document.runbooks {
            for block in runbook.blocks where block.unterminated && seen.insert(block.location.line).inserted {
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
