/// The canonical kinds of runbook section; documents name them in many ways
/// (`Investigation`, `Triage` and `Possible checks` are all `diagnosis`).
public enum SectionKind: String, Sendable, Codable, CaseIterable {
    case symptoms, summary, impact, diagnosis, resolution, verification, rollback, prevention,
        escalation, monitoring, prerequisites, toggles
}
