import RunbookModel

/// `missing-title`: a runbook with neither a `title:` in front matter nor a top-level heading.
struct MissingTitleRule: DocumentLintRule {
    static let description = LintRuleDescription(
        id: "missing-title", defaultSeverity: .error, summary: "Runbook has no title",
        help: "Give the runbook a `# Title` heading or a `title:` in its front matter, so responders can find it.")

    func check(_ document: AnalyzedDocument, _ context: LintContext) -> [Finding] {
        document.document.runbooks.compactMap { runbook in
            guard (runbook.title ?? "").trimmedASCII(" \t").isEmpty else { return nil }
            return finding(
                runbook.location,
                "runbook '\(runbook.id)' has no title; add a `# Title` heading or `title:` front matter",
                runbook: runbook)
        }
    }
}
