import RunbookModel

/// `duplicate-id`: two runbooks with the same id (ids link alerts, runs and incidents to runbooks).
struct DuplicateIDRule: TreeLintRule {
    static let descriptions = [
        LintRuleDescription(
            id: "duplicate-id", defaultSeverity: .error, summary: "Two runbooks share an id",
            help: "Runbook ids must be unique across the tree: alerts, runs and incidents refer to runbooks by id. "
                + "Set a distinct `id:` in front matter.")
    ]

    func check(_ tree: AnalyzedTree, _ context: LintContext) -> [Finding] {
        var first: [String: Runbook] = [:]
        var findings: [Finding] = []
        for document in tree.documents {
            for runbook in document.document.runbooks {
                let key = runbook.id.lowercased()
                if let original = first[key] {
                    findings.append(
                        Finding(
                            rule: "duplicate-id", severity: .error, location: runbook.location,
                            message:
                                "runbook id '\(runbook.id)' is already used at \(original.location.file):\(original.location.line); "
                                + "give one of them a distinct `id:` in front matter",
                            runbook: runbook.id))
                } else {
                    first[key] = runbook
                }
            }
        }
        return findings
    }
}
