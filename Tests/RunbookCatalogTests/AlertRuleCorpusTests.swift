import Foundation
import XCTest

@testable import RunbookCatalog

/// Real rule files from public repositories, read in place and counted independently by a line scan.
final class AlertRuleCorpusTests: XCTestCase {
    static var corpus: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("../shared/corpus").standardizedFileURL
    }

    private func directory(_ name: String) throws -> URL {
        let url = Self.corpus.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else { throw XCTSkip("corpus \(name) not present") }
        return url
    }

    /// Values of lines `- alert: X` and `runbook_url: Y`, by plain text scanning.
    private func scan(_ url: URL) throws -> (alerts: [String], runbooks: [String]) {
        let text = try String(contentsOf: url, encoding: .utf8)
        var alerts: [String] = []
        var runbooks: [String] = []
        for line in text.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("- alert:") {
                alerts.append(trimmed.dropFirst(8).trimmingCharacters(in: .whitespaces))
            }
            if trimmed.hasPrefix("runbook_url:") {
                runbooks.append(trimmed.dropFirst(12).trimmingCharacters(in: .whitespaces))
            }
        }
        return (alerts, runbooks)
    }

    func testKubePrometheusManifestsFileByFile() throws {
        let manifests = try directory("prometheus-operator__kube-prometheus/manifests")
        let files = try FileManager.default.contentsOfDirectory(atPath: manifests.path).filter {
            $0.hasSuffix("prometheusRule.yaml")
        }
        XCTAssertFalse(files.isEmpty)
        for name in files {
            let url = manifests.appendingPathComponent(name)
            let expected = try scan(url)
            let (rules, errors) = AlertRuleLoader.load(file: url.path)
            XCTAssertEqual(errors, [], name)
            XCTAssertEqual(rules.map(\.name), expected.alerts, name)
            XCTAssertEqual(rules.compactMap(\.runbookURL), expected.runbooks, name)
            XCTAssertTrue(rules.allSatisfy { $0.runbookAnnotationKey == "runbook_url" && $0.runbookLine != nil }, name)
            XCTAssertTrue(rules.allSatisfy { $0.group != nil }, name)
        }
    }

    func testKubePrometheusManifestsDirectory() throws {
        let repository = try directory("prometheus-operator__kube-prometheus")
        let manifests = repository.appendingPathComponent("manifests")
        var expectedAlerts = 0
        var expectedRunbooks = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: manifests.path)
        where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            let counts = try scan(manifests.appendingPathComponent(name))
            expectedAlerts += counts.alerts.count
            expectedRunbooks += counts.runbooks.count
        }
        let (rules, errors) = AlertRuleLoader.load(paths: ["manifests"], baseDirectory: repository)
        XCTAssertEqual(errors, [], "non-rule manifests in a directory are skipped silently")
        XCTAssertGreaterThan(expectedAlerts, 0)
        XCTAssertEqual(rules.count, expectedAlerts)
        XCTAssertEqual(rules.filter { $0.runbookURL != nil }.count, expectedRunbooks)
        XCTAssertTrue(rules.allSatisfy { $0.file.hasPrefix("manifests/") })

        let line = try XCTUnwrap(rules.first { $0.name == "KubeStateMetricsListErrors" })
        XCTAssertEqual(line.file, "manifests/kubeStateMetrics-prometheusRule.yaml")
        XCTAssertEqual(line.severity, "critical")
        XCTAssertEqual(line.group, "kube-state-metrics")
        let source = try String(contentsOf: repository.appendingPathComponent(line.file), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertTrue(source[line.line - 1].contains("alert: KubeStateMetricsListErrors"))
        XCTAssertEqual(
            source[line.line - 1].distance(
                from: source[line.line - 1].startIndex,
                to: try XCTUnwrap(source[line.line - 1].range(of: "alert:")).lowerBound) + 1, line.column)
        XCTAssertTrue(source[try XCTUnwrap(line.runbookLine) - 1].contains("runbook_url:"))
    }

    func testOpenShiftRunbooksHaveNoRuleFiles() throws {
        let repository = try directory("openshift__runbooks")
        let yamlFiles = AlertRuleLoader.yamlFiles(under: repository)
        var expected = 0
        for path in yamlFiles { expected += try scan(repository.appendingPathComponent(path)).alerts.count }
        let (rules, errors) = AlertRuleLoader.load(paths: ["."], baseDirectory: repository)
        XCTAssertEqual(rules.count, expected)
        XCTAssertEqual(errors, [])
        for path in yamlFiles where try scan(repository.appendingPathComponent(path)).alerts.isEmpty {
            let explicit = AlertRuleLoader.load(file: repository.appendingPathComponent(path).path)
            XCTAssertEqual(explicit.errors.first?.isNotAlertRuleFile, true, "\(path): \(explicit.errors)")
        }
    }
}
