import XCTest

@testable import FirebreakConfig

final class GlobPatternTests: XCTestCase {
    private func check(
        _ pattern: String, matches: [String], rejects: [String], file: StaticString = #filePath, line: UInt = #line
    ) {
        let glob = GlobPattern(pattern)
        for path in matches {
            XCTAssertTrue(glob.matches(path), "\(pattern) should match \(path)", file: file, line: line)
        }
        for path in rejects {
            XCTAssertFalse(glob.matches(path), "\(pattern) should not match \(path)", file: file, line: line)
        }
    }

    func testStarStaysWithinASegment() {
        check(
            "runbooks/*.md", matches: ["runbooks/a.md", "runbooks/.md", "./runbooks/x.y.md"],
            rejects: ["runbooks/db/a.md", "runbooks/a.mdx", "a.md"])
        check("*", matches: ["README.md"], rejects: ["docs/README.md"])
    }

    func testGlobstarPrefixMatchesZeroOrMoreDirectories() {
        check(
            "**/_index.md", matches: ["_index.md", "content/_index.md", "content/runbooks/node/_index.md"],
            rejects: ["content/x_index.md", "_index.mdx"])
    }

    func testGlobstarInTheMiddleAndAtTheEnd() {
        check(
            "**/node_modules/**",
            matches: ["node_modules/a.md", "web/node_modules/pkg/README.md", "web/node_modules/"],
            rejects: ["web/node_modules", "web/node_modules_old/a.md"])
        check(
            ".firebreak/**", matches: [".firebreak/cache/x.json", ".firebreak/"],
            rejects: ["runbooks/.firebreak/x", ".firebreaker/x"])
        check(
            "docs/**/draft-*.md", matches: ["docs/draft-a.md", "docs/x/y/draft-b.md"],
            rejects: ["docs/x/final.md", "other/draft-a.md"])
        check("a/**", matches: ["a/b", "a/b/c"], rejects: ["a", "b/a/c"])
    }

    func testDoubleStarInsideASegmentActsLikeStar() {
        check("a**b", matches: ["ab", "axxb"], rejects: ["a/b"])
    }

    func testQuestionMarkAndClasses() {
        check("rb-00?.md", matches: ["rb-001.md", "rb-00a.md"], rejects: ["rb-0010.md", "rb-00/.md"])
        check("rb-[0-2][abc].md", matches: ["rb-0a.md", "rb-2c.md"], rejects: ["rb-3a.md", "rb-0d.md"])
        check("[!_]*.md", matches: ["a.md", "Zed.md"], rejects: ["_index.md"])
        check("[^_]*.md", matches: ["a.md"], rejects: ["_a.md"])
        check("[]x].md", matches: ["].md", "x.md"], rejects: ["y.md"])
    }

    func testUnclosedBracketAndEscapes() {
        check("notes[1.md", matches: ["notes[1.md"], rejects: ["notes1.md"])
        check("what\\?.md", matches: ["what?.md"], rejects: ["whatx.md"])
        check("\\*.md", matches: ["*.md"], rejects: ["a.md"])
    }

    func testCaseInsensitiveOption() {
        XCTAssertTrue(GlobPattern("content/*/kube*.md", caseInsensitive: true).matches("Content/Node/KubeletDown.md"))
        XCTAssertFalse(GlobPattern("content/*/kube*.md").matches("Content/Node/KubeletDown.md"))
    }

    func testNonASCIIPathsMatchByCharacter() {
        // Precomposed é in the pattern, e + combining acute in the path: the same character.
        check("caf\u{E9}/*.md", matches: ["cafe\u{301}/menu.md", "caf\u{E9}/menu.md"], rejects: ["cafe/menu.md"])
        check("caf\u{E9}/menu.md", matches: ["cafe\u{301}/menu.md"], rejects: ["cafe/menu.md"])
        // `?` is one character, even when the character is several bytes or scalars.
        check("r?.md", matches: ["r\u{E9}.md", "re\u{301}.md", "r\u{1F6A8}.md"], rejects: ["r\u{E9}\u{E9}.md"])
        check("[\u{E0}-\u{E9}]*.md", matches: ["\u{E9}t\u{E9}.md"], rejects: ["ete.md"])
        check("*.md", matches: ["a\r\nb.md"], rejects: ["a/\u{E9}.md"])
        check("a?b.md", matches: ["a\r\nb.md"], rejects: ["a\r\n\rb.md"])
    }

    func testLongPathsAreMatchedWithoutBacktrackingBlowUp() {
        let path = String(repeating: "a/", count: 200) + "b.md"
        XCTAssertFalse(GlobPattern("**/*a*a*a*a*a*a*a*c/**/*.md").matches(path))
        XCTAssertTrue(GlobPattern("**/*.md").matches(path))
    }

    func testExcludeFilterMatchesPathOrBareNameAndPrunesDirectories() {
        let filter = ExcludeFilter(patterns: FirebreakConfig.defaultExclude + ["TEMPLATE.md", "runbooks/drafts/**"])
        XCTAssertTrue(filter.isExcluded("content/runbooks/_index.md"))
        XCTAssertTrue(filter.isExcluded("runbooks/db/TEMPLATE.md"), "a bare-name pattern matches in any directory")
        XCTAssertTrue(filter.isExcluded("runbooks/drafts/new.md"))
        XCTAssertTrue(filter.isExcluded("web/node_modules", isDirectory: true))
        XCTAssertTrue(filter.isExcluded(".git", isDirectory: true))
        XCTAssertTrue(filter.isExcluded(".firebreak", isDirectory: true))
        XCTAssertFalse(filter.isExcluded("web/node_modules"), "as a file name it is not excluded")
        XCTAssertFalse(filter.isExcluded("runbooks/db/slow-queries.md"))
        XCTAssertFalse(filter.isExcluded("runbooks", isDirectory: true))
    }
}
