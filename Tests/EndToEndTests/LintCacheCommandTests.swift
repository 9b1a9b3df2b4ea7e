import Foundation
import XCTest

/// `firebreak lint` with its cache: a second run, and runs after edits, deletions and configuration changes,
/// print what `--no-cache` prints (only the summary's "from cache" count may differ).
final class LintCacheCommandTests: XCTestCase {
    private func lint(_ scratch: Scratch, cached: Bool) throws -> String {
        let arguments = ["lint", "rb", "--shellcheck", "off"] + (cached ? [] : ["--no-cache"])
        let result = try FirebreakBinary.run(arguments, in: scratch.url)
        XCTAssertLessThanOrEqual(result.status, 1, result.stderr)
        return result.stdout.replacingOccurrences(of: #", \d+ from cache:"#, with: ":", options: .regularExpression)
    }

    private func assertCachedRunMatches(_ scratch: Scratch, file: StaticString = #filePath, line: UInt = #line) throws {
        let cold = try lint(scratch, cached: false)
        XCTAssertEqual(try lint(scratch, cached: true), cold, file: file, line: line)
        XCTAssertEqual(try lint(scratch, cached: true), cold, file: file, line: line)
    }

    func testCachedRunsPrintWhatUncachedRunsPrint() throws {
        let scratch = try Scratch()
        try scratch.write(
            "rb/disk.md",
            "---\nid: disk\nlast_reviewed: 2020-01-01\n---\n# Disk full\n\nSee [cleanup](cleanup.md#purge).\n\n```bash\nrm -rf /var/tmp/cache\n```\n"
        )
        try scratch.write("rb/cleanup.md", "# Cleanup\n\n## Purge\n\n```bash\nif true; then\n```\n")
        try scratch.write("rb/other.md", "---\nid: disk\n---\n# Disk again\n")
        try assertCachedRunMatches(scratch)
        XCTAssertTrue(
            FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent(".firebreak/cache/findings").path)
        )

        try scratch.write("rb/cleanup.md", "# Cleanup\n\n## Vacuum\n\n```bash\necho ok\n```\n")
        let edited = try lint(scratch, cached: true)
        XCTAssertTrue(edited.contains("rb/disk.md:7:5: error: broken-link: anchor `#purge`"), edited)
        try assertCachedRunMatches(scratch)

        try FileManager.default.removeItem(at: scratch.url.appendingPathComponent("rb/other.md"))
        let deleted = try lint(scratch, cached: true)
        XCTAssertFalse(deleted.contains("duplicate-id"), deleted)
        try assertCachedRunMatches(scratch)

        try scratch.write("firebreak.yml", "lint:\n  rules:\n    stale: error\n")
        let configured = try lint(scratch, cached: true)
        XCTAssertTrue(configured.contains("error: stale:"), configured)
        try assertCachedRunMatches(scratch)
    }
}
