import RunbookModel

/// The sections every runbook must contain.
///
/// Each element of ``required`` is a list of alternatives: `[[.resolution, .rollback]]` is satisfied
/// by a runbook with either section.
public struct SectionRequirements: Hashable, Sendable {
    /// A named set of required sections for a common runbook layout.
    public enum Preset: String, Sendable, CaseIterable {
        /// Symptoms, Diagnosis, Resolution, Verification.
        case `default`
        /// Meaning, Impact, Diagnosis, Mitigation (the prometheus-operator runbooks layout).
        case prometheusOperator = "prometheus-operator"
        /// Nothing required.
        case none
    }

    /// The preset named in the config (or the default one).
    public var preset: Preset
    /// Required sections; each inner list holds alternatives, any one of which satisfies it.
    public var required: [[SectionKind]]

    /// Creates requirements from an explicit list.
    public init(preset: Preset, required: [[SectionKind]]) {
        self.preset = preset
        self.required = required
    }

    /// The requirements of a preset.
    public static func preset(_ preset: Preset) -> SectionRequirements {
        switch preset {
        case .default:
            SectionRequirements(preset: preset, required: [[.symptoms], [.diagnosis], [.resolution], [.verification]])
        case .prometheusOperator:
            SectionRequirements(preset: preset, required: [[.summary], [.impact], [.diagnosis], [.resolution]])
        case .none:
            SectionRequirements(preset: preset, required: [])
        }
    }
}
