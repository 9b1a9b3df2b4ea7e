import RunbookModel

/// A check over one parsed document (its runbooks, blocks and links). One rule per file in `Rules/`.
protocol DocumentLintRule: Sendable {
    static var description: LintRuleDescription { get }
    func check(_ document: AnalyzedDocument, _ context: LintContext) -> [Finding]
}

/// A check over the whole tree (duplicate ids, alert ↔ runbook links, tools, endpoints).
protocol TreeLintRule: Sendable {
    static var descriptions: [LintRuleDescription] { get }
    func check(_ tree: AnalyzedTree, _ context: LintContext) -> [Finding]
}

extension DocumentLintRule {
    /// A finding of this rule at its default severity.
    func finding(
        _ location: SourceLocation, _ message: String, runbook: Runbook? = nil, severity: FindingSeverity? = nil
    ) -> Finding {
        Finding(
            rule: Self.description.id, severity: severity ?? Self.description.defaultSeverity, location: location,
            message: message, runbook: runbook?.id)
    }
}
