import FirebreakTesting
import XCTest

@testable import ShellAnalysis

/// Hostile and broken input must come back with a result: no trap, no stall, no stack exhaustion.
final class RobustnessTests: XCTestCase {
    private let classifier = CommandClassifier()

    /// Runs every entry point on `script`.
    private func exercise(_ script: String) {
        let parse = ShellParser.parse(script)
        _ = classifier.assess(script: script)
        _ = Placeholders.rewrite(script)
        _ = SecretScanner.redact(script, values: ["secret-value"])
        _ = LanguageSniffer.looksLikeShell(script)
        _ = LanguageSniffer.foreignLanguage(in: parse, script: script)
        _ = classifier.assessSQL(script)
    }

    func testRandomBytes() {
        var generator = SplitMix64(seed: 0x5EED)
        for _ in 0..<300 {
            let length = Int(generator.next() % 400)
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            exercise(String(decoding: bytes, as: UTF8.self))
        }
    }

    func testRandomShellSymbolSoup() {
        let alphabet = Array("$(){}[]<>|&;'\"`\\\n #=-abcEOF<<-".utf8)
        var generator = SplitMix64(seed: 42)
        for _ in 0..<500 {
            let length = Int(generator.next() % 200)
            let bytes = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            exercise(String(decoding: bytes, as: UTF8.self))
        }
    }

    func testOneMegabyteSingleLine() {
        let line = String(repeating: "kubectl get pods -n \"$NS\" <pod> 'x' && ", count: 26_000)
        XCTAssertGreaterThan(line.utf8.count, 1_000_000)
        let parse = ShellParser.parse(line)
        XCTAssertEqual(parse.commands.count, 26_000)
        XCTAssertEqual(parse.variableUses.count, 26_000)
        XCTAssertEqual(Placeholders.find(in: line).count, 26_000)
        let word = String(repeating: "a", count: 1_000_000)
        XCTAssertEqual(ShellParser.parse("echo " + word).commands.first?.arguments.first?.text.count, 1_000_000)
    }

    func testDeepNesting() {
        for opener in ["$(", "\"$(", "${x:-", "<(", "a=(", "$((", "`$("] {
            let script = String(repeating: opener, count: 10_000) + "echo hi"
            let parse = ShellParser.parse(script)
            XCTAssertFalse(parse.problems.isEmpty, opener)
            exercise(script)
        }
        let balanced = String(repeating: "$(", count: 10_000) + "echo" + String(repeating: ")", count: 10_000)
        exercise(balanced)
        let nestedShells = String(repeating: "bash -c \"", count: 200)
        exercise(nestedShells)
    }

    func testUnterminatedEverything() {
        let scripts = [
            "echo 'never closed", "echo \"never closed", "echo $(date", "echo ${HOME", "echo `date", "cat <<EOF\nbody",
            "cat <<", "cat <<'EOF", "echo $((1 +", "case $x in", "case $x in a)", "for", "for x in", "function",
            "f() {", "[[ -f x", "arr=(a b", "echo \\", "$", "${", "$(", "<<<", "2>", "|", "&&", ";;", ")", "}", "((",
            "echo $'abc", "echo <(ls", "watch", "ssh", "psql -c", "curl -X", "find . -exec", "bash -c", "sudo", "env",
            "timeout", "xargs", "kubectl exec pod --", "docker exec", "redis-cli -h", "{{", "<", "PASSWORD=",
            "-----BEGIN RSA PRIVATE KEY-----\nabc", "eyJ", "\u{0}\u{1}\u{FFFF}",
        ]
        for script in scripts {
            exercise(script)
        }
        XCTAssertEqual(ShellParser.parse("echo 'x\necho \"y").problems.count, 1)
    }

    func testManyHeredocsAndLongHeredocBody() {
        let body = String(repeating: "line with $VAR and `cmd` and $(sub)\n", count: 20_000)
        let script = "cat <<EOF\n" + body + "EOF\necho done"
        let parse = ShellParser.parse(script)
        XCTAssertEqual(parse.heredocBodies, [1...20_000])
        XCTAssertEqual(parse.commands.last?.program, "echo")
        let many = String(repeating: "cat <<A <<B\na\nA\nb\nB\n", count: 2_000)
        XCTAssertEqual(ShellParser.parse(many).heredocBodies.count, 4_000)
    }
}
