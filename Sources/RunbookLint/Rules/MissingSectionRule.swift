import RunbookModel

/// `missing-section`: a required section (by the configured preset or list) is absent.
struct MissingSectionRule: DocumentLintRule {
    static let description = LintRuleDescription(
        id: "missing-section", defaultSeverity: .warning, summary: "Runbook lacks a required section",
        help: "Every runbook needs the sections its template requires (preset `default`: Symptoms, Diagnosis, "
            + "Resolution, Verification). Names are matched through the synonym table, so `Investigation` counts "
            + "as Diagnosis; add names with `synonyms:` in firebreak.yml.")

    func check(_ document: AnalyzedDocument, _ context: LintContext) -> [Finding] {
        var findings: [Finding] = []
        for runbook in document.document.runbooks {
            let present = Set(runbook.sections.compactMap(\.kind))
            for requirement in context.requiredSections where !requirement.contains(where: present.contains) {
                let names = requirement.map(\.rawValue).joined(separator: " or ")
                findings.append(
                    finding(
                        runbook.location,
                        "runbook '\(runbook.id)' has no \(names) section; add a `## \(Self.heading(requirement[0]))` heading",
                        runbook: runbook))
            }
        }
        return findings
    }

    static func heading(_ kind: SectionKind) -> String {
        switch kind {
        case .summary: "Meaning"
        case .resolution: "Resolution"
        default: kind.rawValue.prefix(1).uppercased() + kind.rawValue.dropFirst()
        }
    }
}
