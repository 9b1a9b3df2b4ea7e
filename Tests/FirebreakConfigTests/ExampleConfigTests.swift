import Foundation
import XCTest

@testable import FirebreakConfig

/// The shipped example documents every key; it must stay loadable and say what it claims.
final class ExampleConfigTests: XCTestCase {
    private var exampleURL: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("examples/firebreak.yml")
    }

    func testExampleLoads() throws {
        let config = try FirebreakConfig.load(from: exampleURL)
        XCTAssertEqual(config.runbooks, ["runbooks/"])
        XCTAssertEqual(config.rules, ["alerts/"])
        XCTAssertEqual(config.urlMaps.first?.path, "runbooks/")
        XCTAssertEqual(config.sections.required.count, 4)
        XCTAssertFalse(config.commands.isEmpty)
        XCTAssertEqual(config.baseDirectory.lastPathComponent, "examples")
    }

    func testExampleMentionsEveryKeyAndRule() throws {
        let text = try String(contentsOf: exampleURL, encoding: .utf8)
        let keys =
            ConfigDecoder.topLevelKeys + [
                "prefix:", "path:", "preset:", "required:", "review_every:", "shellcheck:", "endpoint_timeout:",
                "program:",
                "subcommands:", "when_any:", "class:", "never_terminates:", "interactive:",
            ]
        for key in keys { XCTAssertTrue(text.contains(key), "example does not document \(key)") }
        for rule in LintRuleIDs.all { XCTAssertTrue(text.contains(rule), "example does not list rule \(rule)") }
        for kind in [
            "symptoms", "summary", "impact", "prevention", "escalation", "monitoring", "prerequisites", "toggles",
        ] {
            XCTAssertTrue(text.contains(kind), "example does not list section kind \(kind)")
        }
    }
}
