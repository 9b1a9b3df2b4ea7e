import RunbookModel
import ShellAnalysis

/// `hardcoded-secret`: a credential written into a runbook (access keys, tokens, private keys, passwords).
struct HardcodedSecretRule: DocumentLintRule {
    static let description = LintRuleDescription(
        id: "hardcoded-secret", defaultSeverity: .error, summary: "Secret written into the runbook",
        help: "Runbooks live in git and get pasted into chats. Reference secrets through variables (`$API_TOKEN`) or a "
            + "secret store, and rotate any credential that was committed.")

    func check(_ document: AnalyzedDocument, _ context: LintContext) -> [Finding] {
        var findings: [Finding] = []
        var seen = Set<Int>()
        for (block, runbook, _) in document.allBlocks {
            if seen.insert(block.location.line).inserted {
                for match in SecretScanner.find(in: block.content) {
                    findings.append(
                        finding(
                            SourceLocation(
                                file: block.location.file, line: block.location.line + 1 + match.line,
                                column: match.column),
                            "\(match.kind) is written in the runbook; replace it with a variable and rotate the credential",
                            runbook: runbook))
                }
            }
        }
        return findings
    }
}
