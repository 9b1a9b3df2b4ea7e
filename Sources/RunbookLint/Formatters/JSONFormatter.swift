import Foundation

/// `{"findings":[{"rule","severity","file","line","column","message","runbook"}],"summary":{…}}`.
public enum JSONFormatter {
    private struct Output: Encodable {
        struct Item: Encodable {
            var rule: String
            var severity: String
            var file: String
            var line: Int
            var column: Int
            var message: String
            var runbook: String?
        }

        var findings: [Item]
        var summary: LintSummary
    }

    /// The findings and summary of `report` as pretty-printed JSON with sorted keys, ending in a newline.
    public static func format(_ report: LintReport) throws -> String {
        let output = Output(
            findings: report.findings.map {
                Output.Item(
                    rule: $0.rule, severity: $0.severity.rawValue, file: $0.location.file, line: $0.location.line,
                    column: $0.location.column, message: $0.message, runbook: $0.runbook)
            }, summary: report.summary)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(output), as: UTF8.self) + "\n"
    }
}
