import Foundation
import XCTest

/// `firebreak lint` driven as a process: exit statuses, output formats, and hostile input.
final class LintCommandTests: XCTestCase {
    func testCleanRunbookExitsZero() throws {
        let scratch = try Scratch()
        try scratch.write(
            "ok.md",
            "# Ledger API slow\n\n## Symptoms\np99 over 2 s.\n\n## Diagnosis\n```bash\nkubectl -n ledger get pods\n```\n\n## Resolution\n```bash\nkubectl -n ledger rollout restart deploy/api\n```\n\n## Verification\n```bash\nkubectl -n ledger rollout status deploy/api --timeout=120s\n```\n"
        )
        let result = try FirebreakBinary.run(["lint", "ok.md", "--no-cache"], in: scratch.url)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.hasSuffix("0 errors, 0 warnings, 0 notes\n"), result.stdout)
    }

    func testExamplesLintWithTheExampleConfig() throws {
        let result = try FirebreakBinary.run(["lint", "--config", "examples/firebreak.yml", "--no-cache"])
        XCTAssertLessThanOrEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.isEmpty, result.stderr)
        let pattern = try NSRegularExpression(pattern: #"^[^:]+:\d+:\d+: (error|warning|info): [a-z-]+: .+$"#)
        for line in result.lines.dropLast() {
            XCTAssertNotNil(pattern.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)), line)
        }
        XCTAssertTrue(result.stdout.contains("examples/runbooks/"), result.stdout)
    }

    func testUsageAndMissingPathsExitTwo() throws {
        XCTAssertEqual(try FirebreakBinary.run(["lint", "--format", "xml"]).status, 2)
        XCTAssertEqual(try FirebreakBinary.run(["lint", "--no-such-flag"]).status, 2)
        let missing = try FirebreakBinary.run(["lint", "/nonexistent/runbooks"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("/nonexistent/runbooks: no such file or directory"), missing.stderr)
    }

    func testBadConfigNamesKeyAndLine() throws {
        let scratch = try Scratch()
        try scratch.write("firebreak.yml", "runbooks: [.]\nlint:\n  rulez: {}\n")
        let result = try FirebreakBinary.run(["lint"], in: scratch.url)
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("firebreak.yml:3"), result.stderr)
        XCTAssertTrue(result.stderr.contains("lint.rulez"), result.stderr)
    }

    func testJSONAndSARIFOutputs() throws {
        let scratch = try Scratch()
        try scratch.write("r.md", "# R\n\n```bash\nif true; then\n```\n")
        let json = try FirebreakBinary.run(["lint", "r.md", "--format", "json", "--no-cache"], in: scratch.url)
        XCTAssertEqual(json.status, 1)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let findings = try XCTUnwrap(object["findings"] as? [[String: Any]])
        XCTAssertTrue(
            findings.contains { $0["rule"] as? String == "shell-syntax" && $0["line"] as? Int == 4 }, json.stdout)
        let sarif = try FirebreakBinary.run(["lint", "r.md", "--format", "sarif", "--no-cache"], in: scratch.url)
        let log = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(log["version"] as? String, "2.1.0")
    }

    // MARK: Bad input: a finding or an error naming file and line, exit 1 or 2, never a crash or a hang.

    private func lintOne(
        _ name: String, _ data: Data, expect rule: String, line: Int, _ file: StaticString = #filePath,
        _ at: UInt = #line
    ) throws {
        let scratch = try Scratch()
        try scratch.write(name, data)
        let result = try FirebreakBinary.run(["lint", name, "--no-cache"], in: scratch.url)
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr, file: file, line: at)
        XCTAssertTrue(result.stdout.contains("\(name):\(line):"), result.stdout, file: file, line: at)
        XCTAssertTrue(result.stdout.contains(": error: \(rule): "), result.stdout, file: file, line: at)
    }

    func testBinaryFile() throws {
        try lintOne(
            "image.md", Data([0x23, 0x20, 0x54, 0x0A, 0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x1A]), expect: "encoding",
            line: 2)
    }

    func testInvalidUTF8() throws {
        try lintOne("latin1.md", Data("# Caf".utf8) + Data([0xE9]) + Data("\n\nok\n".utf8), expect: "encoding", line: 1)
    }

    func testFiftyMegabyteFile() throws {
        var data = Data("# Huge\n\n".utf8)
        let chunk = Data(String(repeating: "A paragraph of a pasted log line that goes on.\n", count: 20_000).utf8)
        while data.count < 50_000_000 { data.append(chunk) }
        try lintOne("huge.md", data, expect: "encoding", line: 1)
    }

    func testTenThousandDeepNesting() throws {
        try lintOne(
            "deep.md", Data(("# Deep\n\n" + String(repeating: "- ", count: 10_000) + "x\n").utf8),
            expect: "markdown-structure", line: 3)
        try lintOne(
            "quotes.md", Data(("# Deep\n\n" + String(repeating: "> ", count: 10_000) + "x\n").utf8),
            expect: "markdown-structure", line: 3)
    }

    func testUnterminatedFence() throws {
        try lintOne(
            "fence.md", Data("# Fence\n\n## Diagnosis\n\n```bash\nkubectl get pods\n\n## Resolution\n".utf8),
            expect: "markdown-structure", line: 5)
    }

    func testBrokenFrontMatter() throws {
        try lintOne("fm.md", Data("---\nid: a\ntitle: [oops\n---\n# A\n".utf8), expect: "front-matter", line: 3)
    }

    func testRulesFileThatIsNotYAML() throws {
        let scratch = try Scratch()
        try scratch.write("r.md", "# R\n")
        try scratch.write("rules.yml", "groups:\n  - name: x\n    rules: [\n\t- alert: A\n")
        let result = try FirebreakBinary.run(["lint", "r.md", "--rules", "rules.yml", "--no-cache"], in: scratch.url)
        XCTAssertEqual(result.status, 2, result.stdout + result.stderr)
        XCTAssertTrue(result.stderr.contains("rules.yml:"), result.stderr)
        XCTAssertTrue(result.stdout.contains("1 files"), "findings of the readable input are still reported")
    }
}
