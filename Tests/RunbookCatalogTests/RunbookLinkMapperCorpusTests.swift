import FirebreakConfig
import Foundation
import XCTest

@testable import RunbookCatalog

/// kube-prometheus alert links against the prometheus-operator runbooks site sources.
final class RunbookLinkMapperCorpusTests: XCTestCase {
    private let prefix = "https://runbooks.prometheus-operator.dev/runbooks/"

    func testKubePrometheusLinksResolveAgainstTheRunbooksTree() throws {
        let corpus = AlertRuleCorpusTests.corpus
        let runbooks = corpus.appendingPathComponent("prometheus-operator__runbooks")
        let manifests = corpus.appendingPathComponent("prometheus-operator__kube-prometheus/manifests")
        guard FileManager.default.fileExists(atPath: runbooks.path),
            FileManager.default.fileExists(atPath: manifests.path)
        else { throw XCTSkip("corpus not present") }

        let index = RunbookFileSet.scanning(runbooks)
        let mapper = RunbookLinkMapper(urlMaps: [URLMap(prefix: prefix, path: "content/runbooks/")], index: index)
        let (rules, errors) = AlertRuleLoader.load(paths: [manifests.path], baseDirectory: corpus)
        XCTAssertEqual(errors, [])
        XCTAssertFalse(rules.isEmpty)

        // Oracle: every file of the tree, lowercased, from a separate directory listing.
        let files = try FileManager.default.subpathsOfDirectory(atPath: runbooks.path)
        let lowered = Set(files.map { $0.lowercased() })
        var resolved = 0
        for rule in rules {
            let link = try XCTUnwrap(rule.runbookURL, rule.name)
            XCTAssertTrue(link.hasPrefix(prefix), link)
            let base = "content/runbooks/" + link.dropFirst(prefix.count).lowercased()
            let exists = [base, base + ".md", base + "/readme.md", base + "/_index.md", base + "/index.md"]
                .contains { lowered.contains($0) && !isDirectory(runbooks.appendingPathComponent($0)) }
            switch mapper.resolve(link, fromRuleFile: rule.file) {
            case .resolved(let path, let anchor):
                XCTAssertTrue(exists, "\(link) resolved to \(path) but the oracle finds nothing")
                XCTAssertTrue(files.contains(path), path)
                XCTAssertTrue(path.lowercased().hasPrefix(base), "\(path) vs \(base)")
                XCTAssertNil(anchor)
                resolved += 1
            case .missing(let tried):
                XCTAssertFalse(exists, "\(link) exists but was not found; tried \(tried)")
                XCTAssertEqual(tried.first, "content/runbooks/" + link.dropFirst(prefix.count))
            case let other:
                XCTFail("\(link): unexpected \(other)")
            }
        }
        XCTAssertGreaterThan(resolved, rules.count / 2)

        XCTAssertEqual(
            mapper.resolve(prefix + "kube-state-metrics/kubestatemetricslisterrors", fromRuleFile: "x"),
            .resolved(path: "content/runbooks/kube-state-metrics/KubeStateMetricsListErrors.md", anchor: nil))
        XCTAssertEqual(
            mapper.resolve(prefix + "prometheus-operator/prometheusoperatorsyncfailed", fromRuleFile: "x"),
            .resolved(path: "content/runbooks/prometheus-operator/PrometheusOperatorSyncFailed", anchor: nil))
        XCTAssertEqual(
            mapper.resolve(prefix + "node", fromRuleFile: "x"),
            .resolved(path: "content/runbooks/node/_index.md", anchor: nil))
    }

    private func isDirectory(_ url: URL) -> Bool {
        var flag: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &flag) && flag.boolValue
    }
}
