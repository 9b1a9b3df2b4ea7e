import Foundation
import XCTest

@testable import FirebreakConfig

final class FirebreakConfigErrorTests: XCTestCase {
    private func error(_ yaml: String, file: String = "firebreak.yml") -> FirebreakConfigError? {
        do {
            _ = try FirebreakConfig.parse(yaml: yaml, file: file, baseDirectory: URL(fileURLWithPath: "/srv/ledger"))
            XCTFail("expected an error for:\n\(yaml)")
            return nil
        } catch let error as FirebreakConfigError {
            return error
        } catch {
            XCTFail("unexpected error type: \(error)")
            return nil
        }
    }

    func testUnknownNestedKeyNamesPathLineAndKnownKeys() {
        let yaml = """
            runbooks: [runbooks/]
            lint:
              rulez:
                stale: error
            """
        let failure = error(yaml)
        XCTAssertEqual(failure?.line, 3)
        XCTAssertEqual(failure?.keyPath, "lint.rulez")
        XCTAssertEqual(
            failure?.description,
            "firebreak.yml:3: unknown key 'lint.rulez'; known keys: rules, review_every, shellcheck, endpoint_timeout; did you mean 'rules'?"
        )
    }

    func testUnknownTopLevelKey() {
        let failure = error("runbook: [runbooks/]\n")
        XCTAssertEqual(failure?.line, 1)
        XCTAssertTrue(failure?.description.contains("unknown key 'runbook'") == true)
        XCTAssertTrue(failure?.description.contains("did you mean 'runbooks'?") == true)
    }

    func testUnknownSectionKindInRequiredList() {
        let failure = error(
            """
            sections:
              required:
                - symptoms
                - diagnosis
                - foo
            """)
        XCTAssertEqual(failure?.line, 5)
        XCTAssertEqual(failure?.keyPath, "sections.required[2]")
        XCTAssertTrue(
            failure?.description.hasPrefix("firebreak.yml:5: sections.required[2] must be one of symptoms, summary, ")
                == true,
            failure?.description ?? "")
        XCTAssertTrue(failure?.description.contains("(got 'foo')") == true)
    }

    func testAlternativeWithUnknownKind() {
        let failure = error("sections:\n  required: [\"resolution|rollbak\"]\n")
        XCTAssertTrue(failure?.description.contains("did you mean 'rollback'?") == true, failure?.description ?? "")
    }

    func testWrongTypes() {
        XCTAssertEqual(
            error("runbooks:\n  dir: runbooks\n")?.description,
            "firebreak.yml:2: runbooks must be a list of strings (got a mapping)")
        XCTAssertTrue(error("lint: [stale]\n")?.description.contains("lint must be a mapping") == true)
        XCTAssertTrue(
            error("url_maps: https://x.example.com/\n")?.description.contains("url_maps must be a list") == true)
        XCTAssertTrue(
            error("runbooks: [[a, b]]\n")?.description.contains("runbooks[0] must be a string (got a list)") == true)
    }

    func testLintRuleIdsAreValidatedWithSuggestion() {
        let failure = error("lint:\n  rules:\n    stael: error\n")
        XCTAssertEqual(failure?.line, 3)
        XCTAssertTrue(
            failure?.description.contains("unknown rule 'stael'; did you mean 'stale'?") == true,
            failure?.description ?? "")
    }

    func testRuleLevelMustBeKnown() {
        let failure = error("lint:\n  rules:\n    stale: fatal\n")
        XCTAssertEqual(failure?.keyPath, "lint.rules.stale")
        XCTAssertTrue(failure?.description.contains("must be one of off, info, warning, error (got 'fatal')") == true)
    }

    func testDurationsMustParse() {
        XCTAssertTrue(
            error("lint:\n  review_every: soon\n")?.description.contains(
                "lint.review_every must be a positive duration") == true)
        XCTAssertTrue(error("lint:\n  endpoint_timeout: 0s\n")?.description.contains("lint.endpoint_timeout") == true)
    }

    func testShellcheckMode() {
        XCTAssertTrue(
            error("lint:\n  shellcheck: maybe\n")?.description.contains("must be one of auto, on, off") == true)
    }

    func testURLMapsNeedAbsolutePrefixAndRelativePath() {
        XCTAssertTrue(
            error("url_maps:\n  - prefix: runbooks.example.com\n    path: runbooks/\n")?.description.contains(
                "must be an absolute URL") == true)
        XCTAssertTrue(
            error("url_maps:\n  - prefix: https://r.example.com/\n    path: /abs\n")?.description.contains(
                "must be relative") == true)
        XCTAssertTrue(
            error("url_maps:\n  - prefix: https://r.example.com/\n")?.description.contains("needs both 'prefix'")
                == true)
        XCTAssertTrue(
            error("url_maps:\n  - prefix: https://r.example.com/\n    dir: x\n")?.description.contains(
                "unknown key 'url_maps[0].dir'") == true)
    }

    func testCommandEntries() {
        let empty = error("commands:\n  - program: ledgerctl\n    subcommands: [purge]\n")
        XCTAssertEqual(empty?.line, 2)
        XCTAssertTrue(empty?.description.contains("set 'class'") == true, empty?.description ?? "")
        XCTAssertTrue(error("commands:\n  - class: destructive\n")?.description.contains("needs 'program'") == true)
        XCTAssertTrue(
            error("commands:\n  - program: ledgerctl\n    class: dangerous\n")?.description.contains(
                "commands[0].class must be one of read-only, mutating, destructive, unknown") == true)
        XCTAssertTrue(
            error("commands:\n  - program: ledgerctl\n    interactive: sometimes\n")?.description.contains(
                "must be true or false") == true)
    }

    func testSynonymKindsAreChecked() {
        let failure = error("synonyms:\n  diagnosys: [Look around]\n")
        XCTAssertTrue(failure?.description.contains("unknown key 'synonyms.diagnosys'") == true)
        XCTAssertTrue(failure?.description.contains("did you mean 'diagnosis'?") == true)
    }

    func testInvalidYAMLReportsLine() {
        let failure = error("runbooks: [runbooks/]\nrules: [alerts/\nlint:\n  shellcheck: on\n")
        XCTAssertNotNil(failure?.line)
        XCTAssertTrue(failure?.description.contains("not valid YAML") == true)
    }

    func testTabsInIndentationGetAHint() {
        let failure = error("lint:\n\tshellcheck: on\n")
        XCTAssertEqual(failure?.line, 2)
        XCTAssertTrue(failure?.description.contains("spaces") == true, failure?.description ?? "")
    }

    func testDuplicateKeys() {
        let failure = error("rules: [a/]\nrules: [b/]\n")
        XCTAssertTrue(failure?.description.contains("duplicate key 'rules'") == true, failure?.description ?? "")
    }

    func testTopLevelMustBeAMapping() {
        XCTAssertTrue(error("- runbooks/\n")?.description.contains("the config must be a mapping") == true)
    }

    func testErrorUsesGivenFileName() {
        XCTAssertTrue(
            error("bogus: 1\n", file: "ops/firebreak.yaml")?.description.hasPrefix("ops/firebreak.yaml:1: ") == true)
    }
}
