import RunbookModel

/// `empty-section`: a section with a heading and nothing under it (before the next section).
struct EmptySectionRule: DocumentLintRule {
    static let description = LintRuleDescription(
        id: "empty-section", defaultSeverity: .warning, summary: "Section is empty",
        help: "A section heading with no text, list or code under it promises guidance that is not there. "
            + "Fill it in or remove the heading.")

    func check(_ document: AnalyzedDocument, _ context: LintContext) -> [Finding] {
        var findings: [Finding] = []
        for runbook in document.document.runbooks {
            for (index, section) in runbook.sections.enumerated() where section.kind != nil && section.isEmpty {
                // A heading followed directly by deeper headings is a parent, not an empty section.
                let hasChildren = runbook.sections[(index + 1)...].contains {
                    section.lines.contains($0.location.line)
                        && ($0.level > section.level || section.level == 0 && $0.level == 0)
                }
                if hasChildren { continue }
                findings.append(
                    finding(
                        section.location, "section '\(section.title)' is empty; add its content or remove it",
                        runbook: runbook))
            }
        }
        return findings
    }
}
