import RunbookCatalog
import RunbookModel

/// The alert ↔ runbook rules: `alert-runbook-missing`, `alert-without-runbook`, `runbook-alert-unknown`,
/// `runbook-without-alert`. They share one resolution (`AlertCoverage`), computed once per run.
struct AlertLinkRules: TreeLintRule {
    static let descriptions = [
        LintRuleDescription(
            id: "alert-runbook-missing", defaultSeverity: .error, summary: "Alert's runbook link resolves to nothing",
            help:
                "An alert's `runbook_url`/`runbook` annotation must lead to an existing runbook file (and heading, for "
                + "`#anchors`). Absolute URLs are mapped to files with `url_maps:` in firebreak.yml."),
        LintRuleDescription(
            id: "alert-without-runbook", defaultSeverity: .warning, summary: "Alert has no runbook",
            help: "Give the alert a `runbook_url` annotation, or name it in a runbook's `alerts:` front matter."),
        LintRuleDescription(
            id: "runbook-alert-unknown", defaultSeverity: .warning, summary: "Runbook names an alert no rule defines",
            help: "A runbook's `alerts:` names an alert that no rule file defines: the alert was renamed or removed."),
        LintRuleDescription(
            id: "runbook-without-alert", defaultSeverity: .info, summary: "No alert leads to this runbook",
            help:
                "No alert links to or is declared by this runbook. Fine for procedures; for incident runbooks, link an alert."
        ),
    ]

    func check(_ tree: AnalyzedTree, _ context: LintContext) -> [Finding] {
        guard context.hasRuleFiles else { return [] }
        var findings: [Finding] = []
        for entry in tree.linkage.entries {
            let alert = entry.alert
            let location = SourceLocation(file: alert.file, line: alert.runbookLine ?? alert.line, column: 1)
            switch entry.status {
            case .unresolved:
                findings.append(
                    Finding(
                        rule: "alert-runbook-missing", severity: .error, location: location,
                        message:
                            "alert \(alert.name): runbook link `\(entry.link ?? "")` resolves to nothing (\(entry.detail ?? "not found")); "
                            + "write the runbook or fix the link"))
            case .none:
                findings.append(
                    Finding(
                        rule: "alert-without-runbook", severity: .warning,
                        location: SourceLocation(file: alert.file, line: alert.line, column: alert.column),
                        message:
                            "alert \(alert.name) has no runbook; add a `runbook_url` annotation or list it in a runbook's `alerts:`"
                    ))
            default:
                break
            }
        }
        for (runbook, alert) in tree.linkage.unknownDeclaredAlerts {
            findings.append(
                Finding(
                    rule: "runbook-alert-unknown", severity: .warning,
                    location: SourceLocation(file: runbook.file, line: runbook.line),
                    message:
                        "runbook '\(runbook.id)' names alert \(alert), which no rule file defines; fix the name or remove it",
                    runbook: runbook.id))
        }
        for runbook in tree.linkage.runbooksWithoutAlert {
            findings.append(
                Finding(
                    rule: "runbook-without-alert", severity: .info,
                    location: SourceLocation(file: runbook.file, line: runbook.line),
                    message: "no alert links to runbook '\(runbook.id)'", runbook: runbook.id))
        }
        return findings
    }
}
