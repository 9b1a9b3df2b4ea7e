import Foundation

/// SARIF 2.1.0, the format code-scanning UIs read: one run, the rule table, one result per finding.
public enum SARIFFormatter {
    /// The `$schema` URL written at the top of every SARIF log.
    public static let schema = "https://json.schemastore.org/sarif-2.1.0.json"

    /// `report` as a pretty-printed SARIF log, naming `toolVersion` as the version of the firebreak driver.
    ///
    /// ```swift
    /// let sarif = try SARIFFormatter.format(report, toolVersion: "1.4.0")
    /// try sarif.write(toFile: "firebreak.sarif", atomically: true, encoding: .utf8)
    /// ```
    public static func format(_ report: LintReport, toolVersion: String) throws -> String {
        let ruleIndex = Dictionary(uniqueKeysWithValues: report.rules.enumerated().map { ($1.id, $0) })
        let rules: [[String: Any]] = report.rules.map { rule in
            [
                "id": rule.id,
                "name": rule.id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(),
                "shortDescription": ["text": rule.summary],
                "fullDescription": ["text": rule.help],
                "help": ["text": rule.help, "markdown": "**\(rule.id)**: \(rule.help)"],
                "defaultConfiguration": ["level": level(rule.defaultSeverity)],
            ]
        }
        let results: [[String: Any]] = report.findings.map { finding in
            var result: [String: Any] = [
                "ruleId": finding.rule,
                "level": level(finding.severity),
                "message": ["text": finding.message],
                "locations": [
                    [
                        "physicalLocation": [
                            "artifactLocation": ["uri": uri(finding.location.file)],
                            "region": ["startLine": finding.location.line, "startColumn": finding.location.column],
                        ]
                    ]
                ],
            ]
            if let index = ruleIndex[finding.rule] { result["ruleIndex"] = index }
            if let runbook = finding.runbook { result["properties"] = ["runbook": runbook] }
            return result
        }
        let document: [String: Any] = [
            "$schema": schema,
            "version": "2.1.0",
            "runs": [
                [
                    "tool": [
                        "driver": [
                            "name": "firebreak",
                            "version": toolVersion,
                            "rules": rules,
                        ]
                    ],
                    "results": results,
                    "columnKind": "unicodeCodePoints",
                ]
            ],
        ]
        let data = try JSONSerialization.data(
            withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private static func level(_ severity: FindingSeverity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    /// A relative URI with forward slashes and percent-encoding, as SARIF's artifactLocation wants.
    private static func uri(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ":")
        let trimmed = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
        return trimmed.addingPercentEncoding(withAllowedCharacters: allowed) ?? trimmed
    }
}
