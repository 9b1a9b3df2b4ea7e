import RunbookModel
import ShellAnalysis

/// `wrong-language`: a block marked as shell that holds SQL, TOML, YAML or JSON.
struct WrongLanguageRule: DocumentLintRule {
    static let description = LintRuleDescription(
        id: "wrong-language", defaultSeverity: .warning, summary: "Shell block holds another language",
        help: "A `bash` block is run as shell. Configuration (TOML, YAML, INI) or SQL inside it fails or, worse, runs "
            + "something else. Put it in its own block with the right info string (```toml, ```sql).")

    func check(_ document: AnalyzedDocument, _ context: LintContext) -> [Finding] {
        var findings: [Finding] = []
        for (block, runbook, _) in document.allBlocks {
            if block.language.isShell {
                guard let analysis = document.blocks[block.location.line],
                    let foreign = LanguageSniffer.foreignLanguage(in: analysis.parse, script: block.script)
                else { continue }
                let line = block.sourceLine(ofScriptLine: foreign.line)
                findings.append(
                    finding(
                        SourceLocation(file: block.location.file, line: line),
                        "this \(block.infoLanguage ?? "shell") block contains \(foreign.language), which is not shell; "
                            + "move it to its own block "
                            + (foreign.language == "configuration"
                                ? "with the configuration's language" : "(```\(foreign.language.lowercased()))"),
                        runbook: runbook))
            }
        }
        return findings
    }
}
