import RunbookModel

extension SectionKind {
    /// The heading `firebreak import` writes for a section of this kind. Each name maps back to its kind
    /// through the built-in synonym table, so an imported file imports again unchanged.
    ///
    /// | kind | heading |
    /// |------|---------|
    /// | symptoms | Symptoms |
    /// | summary | Summary |
    /// | impact | Impact |
    /// | diagnosis | Diagnosis |
    /// | resolution | Resolution |
    /// | verification | Verification |
    /// | rollback | Rollback |
    /// | prevention | Prevention |
    /// | escalation | Escalation |
    /// | monitoring | Monitoring |
    /// | prerequisites | Prerequisites |
    /// | toggles | Configuration |
    public var canonicalHeading: String {
        switch self {
        case .symptoms: "Symptoms"
        case .summary: "Summary"
        case .impact: "Impact"
        case .diagnosis: "Diagnosis"
        case .resolution: "Resolution"
        case .verification: "Verification"
        case .rollback: "Rollback"
        case .prevention: "Prevention"
        case .escalation: "Escalation"
        case .monitoring: "Monitoring"
        case .prerequisites: "Prerequisites"
        // "Toggles" alone reads oddly as a heading; "Configuration" is the name most documents use.
        case .toggles: "Configuration"
        }
    }
}
