/// `file:line:col: severity: rule-id: message`, one finding per line, then a summary line.
public enum TextFormatter {
    public static func format(_ report: LintReport) -> String {
        var output = ""
        for finding in report.findings {
            let location = finding.location
            output += "\(location.file):\(location.line):\(location.column): \(finding.severity.rawValue): \(finding.rule): \(finding.message)\n"
        }
        let summary = report.summary
        let cached = summary.shellBlocksCached > 0 ? ", \(summary.shellBlocksCached) from cache" : ""
        output += "\(summary.files) files, \(summary.runbooks) runbooks, \(summary.alerts) alerts, "
            + "\(summary.shellBlocks) shell blocks\(cached): "
            + "\(summary.errors) errors, \(summary.warnings) warnings, \(summary.infos) notes\n"
        return output
    }
}
