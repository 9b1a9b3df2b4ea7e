import Foundation
import XCTest

@testable import RunbookLint

final class ShellSyntaxCacheTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("fb-cache-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private let awkward = ShellSyntaxIssue(
        line: 3, column: 9, message: "tab\there, newline\nthere, back\\slash, unit\u{1F}sep, ünïcode `}'",
        tool: "shellcheck", code: "SC2086", level: "info")

    func testRoundTripThroughTheFile() throws {
        let hashA = ContentHash.sha256Hex("echo a")
        let hashB = ContentHash.sha256Hex("fi")
        let bashIssue = ShellSyntaxIssue(
            line: 1, message: "syntax error near unexpected token `fi'", tool: "bash", level: "error")
        let writer = ShellSyntaxCache(directory: directory, toolKey: "tools-1")
        XCTAssertNil(writer.lookup(hashA))
        writer.store(hashA, [])
        writer.store(hashB, [bashIssue, awkward])
        try writer.save()

        let reader = ShellSyntaxCache(directory: directory, toolKey: "tools-1")
        XCTAssertFalse(reader.discardedExistingFile)
        XCTAssertEqual(reader.count, 2)
        XCTAssertEqual(reader.lookup(hashA), [])
        XCTAssertEqual(reader.lookup(hashB), [bashIssue, awkward])
        XCTAssertNil(reader.lookup(ContentHash.sha256Hex("echo c")))
        XCTAssertNil(reader.lookup("not a hash"))
        reader.store("not a hash", [bashIssue])
        XCTAssertNil(reader.lookup("not a hash"))
    }

    func testToolKeyChangeMissesEverything() throws {
        let hash = ContentHash.sha256Hex("echo a")
        let writer = ShellSyntaxCache(directory: directory, toolKey: "bash 5.2; analyzer 1")
        writer.store(hash, [])
        try writer.save()

        let other = ShellSyntaxCache(directory: directory, toolKey: "bash 5.3; analyzer 1")
        XCTAssertNil(other.lookup(hash))
        XCTAssertTrue(other.discardedExistingFile)
        other.store(hash, [awkward])
        try other.save()
        XCTAssertEqual(ShellSyntaxCache(directory: directory, toolKey: "bash 5.3; analyzer 1").lookup(hash), [awkward])
    }

    func testDamagedFilesAreIgnoredAndRebuilt() throws {
        let hashes = (0..<20).map { ContentHash.sha256Hex("echo \($0)") }
        let writer = ShellSyntaxCache(directory: directory, toolKey: "k")
        for hash in hashes { writer.store(hash, [awkward]) }
        try writer.save()
        let good = try Data(contentsOf: writer.fileURL)

        var damaged: [Data] = [
            good.prefix(good.count / 2),  // truncated
            good.dropLast(1),  // missing final newline
            Data("garbage\n".utf8),
            Data([0xFF, 0xFE, 0x00, 0x0A]),
            Data(),
        ]
        var flipped = good
        flipped[flipped.count / 2] = UInt8(ascii: "\n")
        damaged.append(flipped)
        for (index, bytes) in damaged.enumerated() {
            try bytes.write(to: writer.fileURL)
            let reader = ShellSyntaxCache(directory: directory, toolKey: "k")
            XCTAssertEqual(reader.count, 0, "damage \(index)")
            XCTAssertTrue(reader.discardedExistingFile, "damage \(index)")
            XCTAssertNil(reader.lookup(hashes[0]))
            reader.store(hashes[0], [])
            try reader.save()
            XCTAssertEqual(
                ShellSyntaxCache(directory: directory, toolKey: "k").lookup(hashes[0]), [], "damage \(index)")
        }
    }

    func testLargeCacheLoads() throws {
        let writer = ShellSyntaxCache(directory: directory, toolKey: "k")
        let hashes = (0..<18_000).map { ContentHash.sha256Hex("kubectl -n payments get pods -l shard=\($0)") }
        for (index, hash) in hashes.enumerated() { writer.store(hash, index % 50 == 0 ? [awkward] : []) }
        try writer.save()
        let reader = ShellSyntaxCache(directory: directory, toolKey: "k")
        XCTAssertEqual(reader.count, 18_000)
        XCTAssertEqual(reader.lookup(hashes[100]), [awkward])
        XCTAssertEqual(reader.lookup(hashes[101]), [])
    }

    func testCachedCheckerAnswersFromTheCacheWithoutBash() throws {
        let key = CachedShellChecker.toolKey(bashPath: "/bin/bash", shellcheckPath: nil)
        let scripts = ["echo ok", "fi", "echo ok"]
        let first = CachedShellChecker(
            oracle: ShellSyntaxOracle(), cache: ShellSyntaxCache(directory: directory, toolKey: key))
        let fresh = try first.check(scripts)
        XCTAssertEqual(fresh[1].map(\.line), [1])
        XCTAssertEqual(fresh[0], [])
        try first.cache?.save()

        // A bash that does not exist proves the second run never starts one.
        let cache = ShellSyntaxCache(directory: directory, toolKey: key)
        XCTAssertEqual(cache.count, 2)
        let second = CachedShellChecker(oracle: ShellSyntaxOracle(bashPath: "/nonexistent/bash"), cache: cache)
        XCTAssertEqual(try second.check(scripts), fresh)
        XCTAssertThrowsError(try second.check(["echo new"]))
    }

    func testToolKeyNamesTheTools() {
        let key = CachedShellChecker.toolKey(bashPath: "/bin/bash", shellcheckPath: "/usr/bin/shellcheck")
        XCTAssertTrue(key.contains("GNU bash"), key)
        XCTAssertTrue(key.contains("/usr/bin/shellcheck"), key)
        XCTAssertTrue(key.contains(CachedShellChecker.analyzerVersion), key)
        XCTAssertNotEqual(key, CachedShellChecker.toolKey(bashPath: "/bin/bash", shellcheckPath: nil))
        XCTAssertNotEqual(
            key,
            CachedShellChecker.toolKey(
                bashPath: "/bin/bash", shellcheckPath: "/usr/bin/shellcheck", shellcheckSeverity: "style"))
    }
}
