import Foundation
import XCTest

@testable import RunbookLint

/// `bash -n` run the slow, obvious way: one process per script on a file of its own. The
/// batched oracle must agree with it.
enum ReferenceBash {
    struct Finding: Equatable, CustomStringConvertible {
        var line: Int
        var message: String
        var description: String { "\(line): \(message)" }
    }

    static func check(_ script: String) throws -> [Finding] {
        try check([script])[0]
    }

    /// One `bash -n` process per script; a shell loop starts them, so that a thousand scripts
    /// take seconds rather than minutes.
    static func check(_ scripts: [String]) throws -> [[Finding]] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fb-ref-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var lineCounts: [Int] = []
        for (index, script) in scripts.enumerated() {
            var text = script.replacingOccurrences(of: "\r\n", with: "\n")
            if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
            try Data(text.utf8).write(to: directory.appendingPathComponent("ref\(index).sh"))
            lineCounts.append(max(1, text.split(separator: "\n", omittingEmptySubsequences: false).count - 1))
        }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments =
            ["-c", "for f in \"$@\"; do /bin/bash -n \"$f\"; printf '\\036%d\\n' \"$?\" >&2; done", "ref"]
            + scripts.indices.map { "ref\($0).sh" }
        process.environment = ["LC_ALL": "C"]
        process.currentDirectoryURL = directory
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()

        var results: [[Finding]] = []
        var findings: [Finding] = []
        for raw in output.split(separator: "\n") {
            let index = results.count
            if raw.hasPrefix("\u{1E}") {
                let status = Int(raw.dropFirst()) ?? -1
                if findings.isEmpty, status != 0 { findings.append(Finding(line: 1, message: "status \(status)")) }
                results.append(findings)
                findings = []
                continue
            }
            let prefix = "ref\(index).sh: line "
            guard raw.hasPrefix(prefix) else { continue }
            let rest = raw.dropFirst(prefix.count)
            let digits = rest.prefix(while: \.isNumber)
            guard var line = Int(digits) else { continue }
            let message = String(rest.dropFirst(digits.count + 2))
            if message.hasPrefix("`"), message.hasSuffix("'"),
                findings.last?.message.hasPrefix("syntax error near") == true
            {
                continue
            }
            if let range = message.range(of: "here-document at line ") {
                line = Int(message[range.upperBound...].prefix(while: \.isNumber)) ?? line
            }
            let finding = Finding(line: min(line, lineCounts[index]), message: message)
            if !findings.contains(finding) { findings.append(finding) }
        }
        guard results.count == scripts.count else {
            throw NSError(domain: "ReferenceBash", code: 1, userInfo: [NSLocalizedDescriptionKey: output])
        }
        return results
    }

    static func findings(_ issues: [ShellSyntaxIssue]) -> [Finding] {
        issues.filter { $0.tool == "bash" }.map { Finding(line: $0.line, message: $0.message) }
    }
}

/// Script fragments for a fictional payments service, valid and broken.
enum ShellFixtures {
    static let valid: [String] = [
        "kubectl -n payments get pods -l app=ledger",
        "echo \"it's fine\"",
        "# don't restart twice\nkubectl -n payments rollout status deploy/ledger",
        "cat <<EOF\nledger is $STATE\nEOF",
        "cat <<'EOF' > /tmp/ledger.json\n{ \"replicas\": 3 }\nEOF",
        "for pod in $(kubectl -n payments get pods -o name); do\n  kubectl -n payments logs \"$pod\" --tail=20\ndone",
        "if curl -fsS http://ledger:8080/health; then\n  echo healthy\nfi",
        "LEDGER=$(kubectl -n payments get deploy ledger -o name)\necho \"$LEDGER\"",
        "echo `hostname`",
        "{\n  \"status\": \"ok\"\n}",
        "echo $((3 * 2))",
        "echo ${HOME}/ledger",
        "restart_ledger() { kubectl -n payments rollout restart deploy/ledger; }",
        "curl -s http://ledger:8080/metrics | grep ledger_",
        "(cd /tmp && ls)",
        "replicas=(a b c)\necho \"${replicas[@]}\"",
        "cat <<-EOT\n\tledger\n\tEOT",
        "kubectl -n payments scale deploy/ledger --replicas=3 && \\\n  kubectl -n payments get pods",
        "case \"$MODE\" in\n  drain) echo draining;;\n  *) echo normal;;\nesac",
    ]

    static let broken: [String] = [
        "echo 'unterminated", "echo \"unterminated", "cat <<EOF\nledger body", "if true; then\n  echo half",
        "for pod in a b; do", "{ echo open", "( echo open", "echo $(date", "echo ${HOME", "echo $((1 +",
        "echo `date", "kubectl get pods |", "kubectl get pods &&", "fi", "done", "}", ")", "esac", "then",
        "kubectl -n payments logs <pod-name>", "case $x in\n  a) echo", "arr=(a b", "f() {", "while true",
        "cat <<EOF\n$(date)", "echo }\n}", "))", "cat <<\"END\"\nbody", "echo 'a\nEOF", "echo a |&",
        "echo $'abc", "[[ -f /etc/ledger", "echo \"${x", "x=$[1 +", ";;", "select x in a; do",
    ]

    /// A deterministic generator (a linear congruential one), so failures reproduce.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    /// `count` scripts, about `brokenShare` percent of them with a broken fragment.
    static func mixture(count: Int, brokenShare: Int, seed: UInt64) -> [String] {
        var generator = Generator(state: seed)
        return (0..<count).map { _ in
            var parts = [valid[generator.next(valid.count)]]
            if generator.next(100) < brokenShare {
                parts.append(broken[generator.next(broken.count)])
                if generator.next(100) < 25 { parts.append(broken[generator.next(broken.count)]) }
            }
            if generator.next(2) == 0 { parts.append(valid[generator.next(valid.count)]) }
            return parts.joined(separator: "\n")
        }
    }
}

/// The reference itself must read bash the way the assertions assume.
final class ShellSyntaxReferenceTests: XCTestCase {
    func testReferenceReadsBashMessages() throws {
        let findings = try ReferenceBash.check(["echo ok", "echo ok\nfi", "cat <<EOF\nbody", "if true; then\n  echo"])
        XCTAssertEqual(findings[0], [])
        XCTAssertEqual(findings[1], [.init(line: 2, message: "syntax error near unexpected token `fi'")])
        XCTAssertEqual(
            findings[2],
            [.init(line: 1, message: "warning: here-document at line 1 delimited by end-of-file (wanted `EOF')")])
        XCTAssertEqual(findings[3], [.init(line: 2, message: "syntax error: unexpected end of file")])
    }
}
