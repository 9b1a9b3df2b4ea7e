import Foundation
import XCTest

@testable import RunbookLint

final class ShellSyntaxStreamTests: XCTestCase {
    private let oracle = ShellSyntaxOracle(parallelism: 3, batchSize: 400)

    /// Scripts with errors of every kind the resolver handles, spread so that some jobs hold several.
    private func scripts(_ count: Int) -> [String] {
        var scripts = (0..<count).map { index in
            "echo \"checking ledger shard \(index)\"\nkubectl -n payments get pods -l shard=\(index)\n# it's routine"
        }
        for index in stride(from: 7, to: count, by: 41) {
            scripts[index] = "echo start\necho 'unterminated quote \(index)\necho end"
        }
        for index in stride(from: 20, to: count, by: 53) {
            scripts[index] = "kubectl -n payments get pods \(index)\n}\necho after"
        }
        for index in stride(from: 33, to: count, by: 97) {
            scripts[index] = "cat <<EOF\nledger report \(index)\necho still inside"
        }
        for index in stride(from: 50, to: count, by: 89) {
            scripts[index] = "declare -a shards=(a b\necho \(index) )\nfi"
        }
        return scripts
    }

    func testResultsMatchTheOracleWhateverOrderSubmissionsArriveIn() throws {
        let all = scripts(700)
        let expected = try oracle.check(all)
        let parts = stride(from: 0, to: all.count, by: 23).map { Array(all[$0..<min($0 + 23, all.count)]) }

        let stream = ShellSyntaxStream(oracle: oracle, cache: nil)
        let order = Array(parts.indices).shuffled()
        DispatchQueue.concurrentPerform(iterations: order.count) { step in
            stream.submit(parts[order[step]], number: order[step])
        }
        let (results, cacheHits) = try stream.finish()

        XCTAssertEqual(results, expected)
        XCTAssertEqual(cacheHits, 0)
        XCTAssertFalse(results.allSatisfy(\.isEmpty))
    }

    func testEmptySubmissionsAndDuplicates() throws {
        let stream = ShellSyntaxStream(oracle: oracle, cache: nil)
        stream.submit([], number: 0)
        stream.submit(["echo ok\nfi", "echo ok\nfi", "echo fine"], number: 2)
        stream.submit([], number: 1)
        let (results, _) = try stream.finish()
        XCTAssertEqual(results.count, 3)
        XCTAssertEqual(results[0].map(\.message), ["syntax error near unexpected token `fi'"])
        XCTAssertEqual(results[1], results[0])
        XCTAssertEqual(results[2], [])
    }

    func testNothingSubmittedStartsNothing() throws {
        let stream = ShellSyntaxStream(
            oracle: .failure(ShellSyntaxError.bashNotFound("/nonexistent/bash")), openCache: nil)
        stream.submit([], number: 0)
        let (results, cacheHits) = try stream.finish()
        XCTAssertEqual(results.count, 0)
        XCTAssertEqual(cacheHits, 0)
    }

    func testAFailedOracleIsThrownOnceScriptsCome() {
        let stream = ShellSyntaxStream(
            oracle: .failure(ShellSyntaxError.bashNotFound("/nonexistent/bash")), openCache: nil)
        stream.submit(["echo ok"], number: 0)
        XCTAssertThrowsError(try stream.finish())

        let missingBash = ShellSyntaxStream(oracle: ShellSyntaxOracle(bashPath: "/nonexistent/bash"), cache: nil)
        missingBash.submit(["echo ok"], number: 0)
        XCTAssertThrowsError(try missingBash.finish()) { error in
            XCTAssertTrue("\(error)".contains("/nonexistent/bash"))
        }
    }

    func testCacheHitsAreCountedAndFreshResultsStored() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fb-stream-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let cache = ShellSyntaxCache(directory: directory, toolKey: "k")
        cache.store(ContentHash.sha256Hex("echo cached"), [])

        let stream = ShellSyntaxStream(oracle: oracle, cache: cache)
        stream.submit(["echo cached", "echo fresh\nfi", "echo cached"], number: 0)
        stream.submit(["echo fresh\nfi"], number: 1)
        let (results, cacheHits) = try stream.finish()

        XCTAssertEqual(cacheHits, 2)
        XCTAssertEqual(results.map(\.isEmpty), [true, false, true, false])
        XCTAssertEqual(cache.lookup(ContentHash.sha256Hex("echo fresh\nfi")), results[1])
    }
}
