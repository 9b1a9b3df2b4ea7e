import RunbookModel

/// `encoding`: invalid UTF-8, binary content, and double-encoded UTF-8 (`âœ…`). Unreadable and
/// over-large files are reported here too: the file could not be read as text.
struct EncodingRule: DocumentLintRule {
    static let description = LintRuleDescription(
        id: "encoding", defaultSeverity: .error, summary: "File is not clean UTF-8 text",
        help: "Invalid UTF-8 and binary content are errors; double-encoded UTF-8 (mojibake such as `âœ…` for `✅`) is a "
            + "warning. Save files as UTF-8; `firebreak import --fix-encoding` repairs double encoding.")

    func check(_ document: AnalyzedDocument, _ context: LintContext) -> [Finding] {
        document.document.diagnostics.filter { $0.kind == .encoding || $0.kind == .input }.map {
            finding($0.location, $0.message, severity: $0.isError ? .error : .warning)
        }
    }
}
