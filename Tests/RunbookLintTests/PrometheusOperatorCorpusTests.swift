import Foundation
import RunbookLint
import XCTest

/// Lint of the real prometheus-operator runbooks against kube-prometheus' alert rules must report exactly the sets
/// an independent script (Tests/Fixtures/prometheus-operator-expected.py, reading the YAML and the tree itself) derives.
final class PrometheusOperatorCorpusTests: XCTestCase {
    struct Expected: Decodable {
        var alert_runbook_missing: [String]
        var runbooks_without_alert: [String]
        var missing_sections: [String: [String]]
    }

    private func expected() throws -> Expected {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let corpus = SharedPaths.shared.appendingPathComponent("corpus")
        process.arguments = [
            "python3",
            SharedPaths.packageRoot.appendingPathComponent("Tests/Fixtures/prometheus-operator-expected.py").path,
            corpus.appendingPathComponent("prometheus-operator__runbooks").path,
            corpus.appendingPathComponent("prometheus-operator__kube-prometheus/manifests").path,
        ]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "the oracle script failed")
        return try JSONDecoder().decode(Expected.self, from: data)
    }

    func testLintReportsExactlyTheIndependentlyDerivedSets() throws {
        let expected = try expected()
        XCTAssertEqual(expected.alert_runbook_missing.count, 26, "the corpus changed; re-derive")
        let repository = SharedPaths.shared.appendingPathComponent("corpus/prometheus-operator__runbooks")
        let report = try LintEngine(
            options: LintOptions(
                paths: ["."], ruleFiles: ["../prometheus-operator__kube-prometheus/manifests"],
                preset: "prometheus-operator",
                urlMaps: [("https://runbooks.prometheus-operator.dev/runbooks/", "content/runbooks/")], useCache: false,
                workingDirectory: repository)
        ).run()

        let missing = Set(
            report.findings("alert-runbook-missing").map {
                $0.message.components(separatedBy: ":")[0].replacingOccurrences(of: "alert ", with: "")
            })
        XCTAssertEqual(missing, Set(expected.alert_runbook_missing))

        let clean = { (path: String) in path.hasPrefix("./") ? String(path.dropFirst(2)) : path }
        let without = Set(report.findings("runbook-without-alert").map { clean($0.location.file) })
        XCTAssertEqual(without, Set(expected.runbooks_without_alert))

        var lacking: [String: Set<String>] = [:]
        for finding in report.findings("missing-section") {
            let kind = ["summary", "impact", "diagnosis", "resolution"].first {
                finding.message.contains("has no \($0) section")
            }
            lacking[clean(finding.location.file), default: []].insert(kind ?? "?")
        }
        XCTAssertEqual(lacking, expected.missing_sections.mapValues(Set.init))
        XCTAssertEqual(report.summary.alerts, 139)
    }
}
