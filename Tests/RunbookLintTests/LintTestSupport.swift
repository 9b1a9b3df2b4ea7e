import Foundation
import RunbookLint
import XCTest

/// A temporary directory of runbooks written by a test, linted in-process.
final class LintSandbox {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("firebreak-lint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    @discardableResult
    func write(_ relative: String, _ text: String) throws -> URL {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url
    }

    func lint(
        _ paths: [String] = [], rules: [String] = [], preset: String? = "none", useCache: Bool = false,
        reuseParses: Bool = false, now: Date = Date(timeIntervalSince1970: 1_795_000_000)
    ) throws -> LintReport {
        try LintEngine(
            options: LintOptions(
                paths: paths, ruleFiles: rules, preset: preset, useCache: useCache, reuseParses: reuseParses, now: now,
                workingDirectory: root)
        ).run()
    }
}

extension LintReport {
    /// `rule@file:line` for each finding, to compare with expectations written in the test.
    var keys: [String] { findings.map { "\($0.rule)@\($0.location.file):\($0.location.line)" } }

    func findings(_ rule: String) -> [Finding] { findings.filter { $0.rule == rule } }
}

enum SharedPaths {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
}
