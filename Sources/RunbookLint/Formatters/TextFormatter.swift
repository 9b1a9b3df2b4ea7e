/// `file:line:col: severity: rule-id: message`, one finding per line, then a summary line.
public enum TextFormatter {
    /// `report` as text: one line per finding, in report order, then the totals line.
    public static func format(_ report: LintReport) -> String {
        var output = ""
        output.reserveCapacity(report.findings.count * 160)
        // Appended piece by piece: an interpolated line per finding would build each line twice.
        for finding in report.findings {
            let location = finding.location
            output += location.file
            output += ":"
            output += String(location.line)
            output += ":"
            output += String(location.column)
            output += ": "
            output += finding.severity.rawValue
            output += ": "
            output += finding.rule
            output += ": "
            output += finding.message
            output += "\n"
        }
        let summary = report.summary
        let cached = summary.shellBlocksCached > 0 ? ", \(summary.shellBlocksCached) from cache" : ""
        output +=
            "\(summary.files) files, \(summary.runbooks) runbooks, \(summary.alerts) alerts, "
            + "\(summary.shellBlocks) shell blocks\(cached): "
            + "\(summary.errors) errors, \(summary.warnings) warnings, \(summary.infos) notes\n"
        return output
    }
}
