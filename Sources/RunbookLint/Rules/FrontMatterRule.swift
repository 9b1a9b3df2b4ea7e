import RunbookModel

/// `front-matter`: YAML front matter that does not parse or has values of the wrong type.
struct FrontMatterRule: DocumentLintRule {
    static let description = LintRuleDescription(
        id: "front-matter", defaultSeverity: .error, summary: "Front matter is not valid",
        help: "The YAML between the `---` lines must parse, be a mapping, and give `severity`, `mttr` and "
            + "`review_every` values Firebreak understands (for example `severity: high`, `mttr: 15m`).")

    func check(_ document: AnalyzedDocument, _ context: LintContext) -> [Finding] {
        document.document.diagnostics.filter { $0.kind == .frontMatter }.map { finding($0.location, $0.message) }
    }
}
