import Foundation
import XCTest

/// `list`, `show` and `coverage` driven as processes, with their documented JSON shapes.
final class CatalogCommandTests: XCTestCase {
    private func json(_ result: FirebreakBinary.Result) throws -> Any {
        XCTAssertLessThanOrEqual(result.status, 1, result.stderr)
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    func testListJSON() throws {
        let rows = try XCTUnwrap(
            try json(FirebreakBinary.run(["list", "--config", "examples/firebreak.yml", "--json"])) as? [[String: Any]])
        XCTAssertEqual(rows.count, 7)
        let api = try XCTUnwrap(rows.first { $0["id"] as? String == "LED-API-001" })
        XCTAssertEqual(Set(api.keys), ["id", "title", "severity", "mttr", "service", "alerts", "file", "line", "lint"])
        XCTAssertEqual(api["severity"] as? String, "critical")
        XCTAssertEqual(api["mttr"] as? String, "15m")
        XCTAssertEqual((api["lint"] as? [String: Int])?["errors"], 0)
        let redis = try XCTUnwrap(rows.first { $0["id"] as? String == "redis-cache-degraded" })
        XCTAssertEqual((redis["lint"] as? [String: Int])?["errors"], 1, "the unguarded DEL loop")
    }

    func testShowClassifiesCommands() throws {
        let view = try XCTUnwrap(
            try json(FirebreakBinary.run(["show", "led-001", "--config", "examples/firebreak.yml", "--json"]))
                as? [String: Any])
        XCTAssertEqual(view["id"] as? String, "LED-001")
        let steps = try XCTUnwrap(view["steps"] as? [[String: Any]])
        let commands = steps.flatMap { ($0["commands"] as? [[String: Any]]) ?? [] }
        XCTAssertTrue(
            commands.contains {
                $0["class"] as? String == "read-only"
                    && ($0["text"] as? String)?.hasPrefix("kubectl -n ledger get pods") == true
            })
        XCTAssertTrue(
            commands.contains {
                $0["class"] as? String == "mutating"
                    && ($0["text"] as? String)?.contains("settlement-ctl retry") == true
            })
        let text = try FirebreakBinary.run(["show", "LED-001", "--config", "examples/firebreak.yml"])
        XCTAssertTrue(text.stdout.contains("[mutating] kubectl -n ledger exec"), text.stdout)
        let source = try FirebreakBinary.run(["show", "LED-001", "--config", "examples/firebreak.yml", "--markdown"])
        XCTAssertTrue(source.stdout.hasPrefix("## LED-001: Settlement batch stuck"), source.stdout)
        let missing = try FirebreakBinary.run(["show", "LED-99", "--config", "examples/firebreak.yml"])
        XCTAssertEqual(missing.status, 2)
    }

    func testCoverageOfKubePrometheusMatchesLint() throws {
        let repository = FirebreakBinary.packageRoot.deletingLastPathComponent().appendingPathComponent(
            "shared/corpus/prometheus-operator__runbooks")
        let result = try FirebreakBinary.run(
            [
                "coverage", "--rules", "../prometheus-operator__kube-prometheus/manifests",
                "--url-map", "https://runbooks.prometheus-operator.dev/runbooks/=content/runbooks/", "--json",
            ],
            in: repository)
        let document = try XCTUnwrap(try json(result) as? [String: Any])
        let alerts = try XCTUnwrap(document["alerts"] as? [[String: Any]])
        XCTAssertEqual(alerts.count, 139)
        let unresolved = Set(
            alerts.filter { $0["status"] as? String == "unresolved" }.compactMap { $0["alert"] as? String })
        XCTAssertEqual(unresolved.count, 26)
        XCTAssertTrue(unresolved.contains("KubeJobNotCompleted"))
        let without = (document["runbooksWithoutAlert"] as? [[String: Any]])?.compactMap { $0["file"] as? String } ?? []
        XCTAssertEqual(without.count, 10)
    }

    /// The alert rules shown in a seed link to `github.com/…/blob/main/docs/runbooks/*.md`: unresolved while the files
    /// are absent, resolved once they exist.
    func testSeedAlertRulesResolveOnceTheirRunbooksExist() throws {
        let seed = FirebreakBinary.packageRoot.deletingLastPathComponent().appendingPathComponent(
            "shared/seeds/000_bb1e40e5d6ff817b.md")
        let text = try String(contentsOf: seed, encoding: .utf8)
        let start = try XCTUnwrap(text.range(of: "```yaml\n"))
        let end = try XCTUnwrap(text.range(of: "\n```", range: start.upperBound..<text.endIndex))
        let yaml = String(text[start.upperBound..<end.lowerBound])
        let scratch = try Scratch()
        try scratch.write("alerts/rules.yml", yaml)
        try scratch.write("docs/index.md", "# Index\n")

        let before = try XCTUnwrap(
            try json(FirebreakBinary.run(["coverage", "--rules", "alerts", "--json"], in: scratch.url))
                as? [String: Any])
        let beforeAlerts = try XCTUnwrap(before["alerts"] as? [[String: Any]])
        XCTAssertEqual(beforeAlerts.count, 7)
        XCTAssertTrue(beforeAlerts.allSatisfy { $0["status"] as? String == "unresolved" }, "\(beforeAlerts)")

        let names = Set(beforeAlerts.compactMap { ($0["link"] as? String).map { ($0 as NSString).lastPathComponent } })
        XCTAssertEqual(names.count, 6)
        for name in names { try scratch.write("docs/runbooks/\(name)", "# \(name)\n\n## Symptoms\n") }
        let after = try XCTUnwrap(
            try json(FirebreakBinary.run(["coverage", "--rules", "alerts", "--json"], in: scratch.url))
                as? [String: Any])
        let afterAlerts = try XCTUnwrap(after["alerts"] as? [[String: Any]])
        XCTAssertTrue(afterAlerts.allSatisfy { $0["status"] as? String == "resolved" }, "\(afterAlerts)")
        XCTAssertEqual(Set(afterAlerts.flatMap { ($0["runbooks"] as? [String]) ?? [] }).count, 6)
    }
}

/// `search` driven as a process: ranked hits in the documented JSON shape; query syntax is never interpreted.
final class SearchCommandTests: XCTestCase {
    func testSearchFindsTheRunbookBySymptomAndSurvivesHostileQueries() throws {
        let scratch = try Scratch()
        let examples = FirebreakBinary.packageRoot.appendingPathComponent("examples/runbooks")
        for name in try FileManager.default.contentsOfDirectory(atPath: examples.path) {
            try scratch.write("runbooks/\(name)", try Data(contentsOf: examples.appendingPathComponent(name)))
        }
        let result = try FirebreakBinary.run(
            ["search", "replica replay lag", "--path", "runbooks", "--json"], in: scratch.url)
        XCTAssertEqual(result.status, 0, result.stderr)
        let hits = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(hits.first?["id"] as? String, "LED-DB-002", result.stdout)
        XCTAssertTrue(
            Set(hits.first?.keys ?? [:].keys).isSuperset(of: ["id", "title", "file", "line", "score", "snippet"]))
        XCTAssertTrue(
            FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent(".firebreak/search.sqlite").path))
        let hostile = try FirebreakBinary.run(
            ["search", "NEAR( \"x* OR AND ))", "--path", "runbooks"], in: scratch.url)
        XCTAssertEqual(hostile.status, 0, hostile.stderr)
    }
}
