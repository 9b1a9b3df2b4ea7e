import Foundation
import XCTest

@testable import RunbookLint

final class ShellSyntaxOracleTests: XCTestCase {
    private let oracle = ShellSyntaxOracle(parallelism: 2, batchSize: 400)

    func testBatchAttributesEachErrorToItsScriptAndLine() throws {
        var scripts = (0..<50).map { index in
            "echo \"checking ledger shard \(index)\"\nkubectl -n payments get pods -l shard=\(index)\n# it's routine"
        }
        scripts[7] = "echo start\necho 'unterminated quote\necho end"
        scripts[20] = "kubectl -n payments get pods\n}\necho after"
        scripts[33] = "cat <<EOF\nledger report\necho still inside"
        // Later scripts contain what could close the broken ones silently.
        scripts[40] = "cat <<EOF\nbalance\nEOF\necho 'quoted'"
        scripts[45] = "echo \"it's\" 'done'"

        let results = try oracle.check(scripts)

        XCTAssertEqual(results.count, 50)
        let flagged = results.indices.filter { !results[$0].isEmpty }
        XCTAssertEqual(flagged, [7, 20, 33])
        XCTAssertEqual(results[7].map(\.line), [2])
        XCTAssertEqual(results[7].first?.message, "unexpected EOF while looking for matching `''")
        XCTAssertEqual(results[20].map(\.line), [2])
        XCTAssertEqual(results[20].first?.message, "syntax error near unexpected token `}'")
        XCTAssertEqual(results[33].map(\.line), [1])
        XCTAssertEqual(
            results[33].first?.message, "warning: here-document at line 1 delimited by end-of-file (wanted `EOF')")
        for issue in results.joined() {
            XCTAssertEqual(issue.tool, "bash")
            XCTAssertEqual(issue.level, "error")
            XCTAssertEqual(issue.column, 1)
            XCTAssertNil(issue.code)
        }
    }

    func testStrayKeywords() throws {
        let results = try oracle.check([
            "echo one\nfi\necho two",
            "echo one\ndo echo two",
            "for shard in a b; do echo $shard; done",
        ])
        XCTAssertEqual(
            results[0],
            [
                ShellSyntaxIssue(
                    line: 2, message: "syntax error near unexpected token `fi'", tool: "bash", level: "error")
            ])
        XCTAssertEqual(
            results[1],
            [
                ShellSyntaxIssue(
                    line: 2, message: "syntax error near unexpected token `do'", tool: "bash", level: "error")
            ])
        XCTAssertEqual(results[2], [])
    }

    func testCRLFLineEndingsAreReadAsLF() throws {
        let results = try oracle.check([
            "if true; then\r\n  echo ledger\r\nfi\r\n",
            "echo ok\r\nfi\r\n",
        ])
        XCTAssertEqual(results[0], [])
        XCTAssertEqual(results[1].map(\.line), [2])
        XCTAssertEqual(results[1].first?.message, "syntax error near unexpected token `fi'")
    }

    func testEmptyAndCommentOnlyScriptsAreClean() throws {
        let results = try oracle.check([
            "", "\n\n", "# only a comment\n# and another: don't (worry)", "# end each case with ;; then esac",
            "echo ok",
        ])
        XCTAssertEqual(results, [[], [], [], [], []])
    }

    func testEmptyInputStartsNothing() throws {
        let missingBash = ShellSyntaxOracle(bashPath: "/nonexistent/bash")
        XCTAssertEqual(try missingBash.check([]), [])
    }

    func testMissingBashIsAClearError() {
        let missingBash = ShellSyntaxOracle(bashPath: "/nonexistent/bash")
        XCTAssertThrowsError(try missingBash.check(["echo ok"])) { error in
            let text = String(describing: error)
            XCTAssertTrue(text.contains("/nonexistent/bash"), text)
            XCTAssertTrue(text.contains("install bash"), text)
        }
    }

    func testScriptsAreNeverExecuted() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fb-noexec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let marker = directory.appendingPathComponent("ran").path
        let scripts = [
            "touch \(marker)",
            "echo $(touch \(marker))",
            "fi\ntouch \(marker)",
            "exit 0\ntouch \(marker)",
            "cat <<EOF\n$(touch \(marker))\nEOF",
        ]
        _ = try oracle.check(scripts)
        XCTAssertFalse(FileManager.default.fileExists(atPath: marker))
    }

    func testIdenticalScriptsShareOneResult() throws {
        let results = try oracle.check(["fi", "echo ok", "fi"])
        XCTAssertEqual(results[0], results[2])
        XCTAssertEqual(results[0].count, 1)
        XCTAssertEqual(results[1], [])
    }

    /// The framing must stop every kind of script that ends inside an open construct from
    /// swallowing the next one, including when the next one holds the matching closer.
    func testOpenEndingsNeverSwallowTheNextScript() throws {
        let closers = ["EOF", "'", "\"", "`", "))", "}", ")", "fi", "done", "]", "' }", "\" }", "esac", "'\n}\n'"]
        var scripts: [String] = []
        let nested = [
            "echo ${HOME\necho $'abc", "echo ${LEDGER:-'abc", "echo ${LEDGER:-\"abc", "echo \"${LEDGER",
            "echo $(echo 'abc", "echo \"$(echo \\\"abc\"", "echo ${LEDGER:-`date", "echo $'it\\'s",
        ]
        for broken in ShellFixtures.broken + nested {
            for closer in closers {
                scripts.append(broken)
                scripts.append("echo before\n\(closer)\necho after")
                scripts.append("kubectl -n payments get pods")
            }
        }
        let results = try ShellSyntaxOracle(parallelism: 2, batchSize: 90).check(scripts)
        let reference = try ReferenceBash.check(scripts)
        for index in scripts.indices {
            XCTAssertEqual(
                ReferenceBash.findings(results[index]), reference[index],
                "script \(index): \(scripts[index].debugDescription)")
        }
    }

    func testScriptsThatCannotShareASegmentAreCheckedAlone() throws {
        let scripts = [
            "cat <<\"END OF REPORT\"\nledger\nEND OF REPORT",
            "cat <<\"END OF REPORT\"\nledger never ends",
            "cat <<$DELIM\nbody",
            "echo __FB_G__\nfi",
            "echo __FB_G__",
            "kubectl -n payments get pods",
        ]
        let results = try oracle.check(scripts)
        let reference = try ReferenceBash.check(scripts)
        for index in scripts.indices {
            XCTAssertEqual(ReferenceBash.findings(results[index]), reference[index], "script \(index)")
        }
        XCTAssertEqual(results.map(\.isEmpty), [true, false, false, false, true, true])
    }

    func testLargeBatchAgreesWithOneByOne() throws {
        let scripts = ShellFixtures.mixture(count: 5_000, brokenShare: 10, seed: 42)
        let results = try ShellSyntaxOracle(parallelism: 2, batchSize: 400).check(scripts)
        XCTAssertEqual(results.count, scripts.count)
        var generator = ShellFixtures.Generator(state: 7)
        var sample = Set((0..<150).map { _ in generator.next(scripts.count) })
        // Every broken one in the first 300 too, so errors are well represented.
        for index in 0..<300 where !results[index].isEmpty { sample.insert(index) }
        let sampled = sample.sorted()
        let reference = try ReferenceBash.check(sampled.map { scripts[$0] })
        for (position, index) in sampled.enumerated() {
            XCTAssertEqual(
                ReferenceBash.findings(results[index]), reference[position],
                "script \(index): \(scripts[index].debugDescription)")
        }
        XCTAssertGreaterThan(results.filter { !$0.isEmpty }.count, 100)
    }

    func testErrorDenseInputAgreesWithOneByOne() throws {
        let scripts = ShellFixtures.mixture(count: 400, brokenShare: 60, seed: 9)
        let results = try ShellSyntaxOracle(parallelism: 2, batchSize: 100).check(scripts)
        let reference = try ReferenceBash.check(scripts)
        for index in scripts.indices {
            XCTAssertEqual(
                ReferenceBash.findings(results[index]), reference[index],
                "script \(index): \(scripts[index].debugDescription)")
        }
    }
}

/// Real runbooks: every shell block of the shared corpus, batched, against `bash -n` one by one.
final class ShellSyntaxCorpusTests: XCTestCase {
    func testCorpusBlocksAgreeWithOneByOne() throws {
        let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/corpus")
        guard let files = FileManager.default.enumerator(at: corpus, includingPropertiesForKeys: nil) else {
            throw XCTSkip("no corpus at \(corpus.path)")
        }
        var blocks: [String] = []
        for case let file as URL in files where file.pathExtension == "md" {
            let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
            blocks.append(contentsOf: Self.shellBlocks(text))
        }
        guard blocks.count > 100 else { throw XCTSkip("corpus too small at \(corpus.path)") }
        let results = try ShellSyntaxOracle(parallelism: 2, batchSize: 100).check(blocks)
        let reference = try ReferenceBash.check(blocks)
        for index in blocks.indices {
            XCTAssertEqual(
                ReferenceBash.findings(results[index]), reference[index],
                "block: \(blocks[index].prefix(300).debugDescription)")
        }
    }

    /// Fenced blocks labelled as shell (or unlabelled), found line by line.
    static func shellBlocks(_ markdown: String) -> [String] {
        var blocks: [String] = []
        var fence: Substring?
        var keep = false
        var body: [Substring] = []
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop(while: { $0 == " " })
            if let open = fence {
                if trimmed.hasPrefix(open) {
                    if keep { blocks.append(body.joined(separator: "\n")) }
                    fence = nil
                } else {
                    body.append(line)
                }
            } else if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                let marker = trimmed.prefix(while: { $0 == "`" || $0 == "~" })
                let label = trimmed.dropFirst(marker.count).trimmingCharacters(in: .whitespaces).lowercased()
                fence = marker
                keep = ["", "bash", "sh", "shell", "console", "zsh"].contains(label)
                body = []
            }
        }
        return blocks
    }
}
