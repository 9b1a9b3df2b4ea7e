import Foundation
import RunbookModel
import XCTest

@testable import FirebreakConfig

final class FirebreakConfigLoadingTests: XCTestCase {
    private let base = URL(fileURLWithPath: "/srv/ledger")

    private func parse(_ yaml: String) throws -> FirebreakConfig {
        try FirebreakConfig.parse(yaml: yaml, baseDirectory: base)
    }

    func testEmptyFileGivesDefaults() throws {
        let config = try parse("# nothing configured yet\n")
        XCTAssertEqual(config.runbooks, ["."])
        XCTAssertEqual(config.exclude, ["**/_index.md", "**/node_modules/**", "**/.git/**", ".firebreak/**"])
        XCTAssertEqual(config.rules, [])
        XCTAssertEqual(config.urlMaps, [])
        XCTAssertEqual(config.sections.preset, .default)
        XCTAssertEqual(config.sections.required, [[.symptoms], [.diagnosis], [.resolution], [.verification]])
        XCTAssertTrue(config.synonyms.isEmpty)
        XCTAssertEqual(config.lint.ruleLevels, [:])
        XCTAssertEqual(config.lint.reviewEvery, DurationSeconds(seconds: 180 * 86_400))
        XCTAssertEqual(config.lint.shellcheck, .auto)
        XCTAssertEqual(config.lint.endpointTimeout, DurationSeconds(seconds: 5))
        XCTAssertEqual(config.commands, [])
        XCTAssertEqual(config.baseDirectory, base)
    }

    func testFullSchema() throws {
        let config = try parse(
            """
            runbooks: [runbooks/, extra/payout.md]
            exclude: ["runbooks/drafts/**"]
            rules: [alerts/]
            url_maps:
              - prefix: https://runbooks.ledger.example.com/
                path: runbooks/
            sections:
              preset: prometheus-operator
            synonyms:
              diagnosis: [Reconcile, Look around]
              verification: Ledger balanced
            lint:
              rules:
                stale: error
                placeholder: off
                broken-link: info
              review_every: 90d
              shellcheck: off
              endpoint_timeout: 3s
            commands:
              - program: ledgerctl
                subcommands: [purge]
                when_any: [--force]
                class: destructive
              - program: ledgerctl
                subcommands: [follow]
                never_terminates: yes
            """)
        XCTAssertEqual(config.runbooks, ["runbooks/", "extra/payout.md"])
        XCTAssertEqual(config.exclude.last, "runbooks/drafts/**")
        XCTAssertEqual(config.exclude.count, FirebreakConfig.defaultExclude.count + 1)
        XCTAssertEqual(config.rules, ["alerts/"])
        XCTAssertEqual(config.urlMaps, [URLMap(prefix: "https://runbooks.ledger.example.com/", path: "runbooks/")])
        XCTAssertEqual(config.sections.preset, .prometheusOperator)
        XCTAssertEqual(config.sections.required, [[.summary], [.impact], [.diagnosis], [.resolution]])
        XCTAssertEqual(config.synonyms[.diagnosis], ["Reconcile", "Look around"])
        XCTAssertEqual(config.synonyms[.verification], ["Ledger balanced"])
        XCTAssertEqual(config.lint.ruleLevels, ["stale": .error, "placeholder": .off, "broken-link": .info])
        XCTAssertEqual(config.lint.reviewEvery.seconds, 90 * 86_400)
        XCTAssertEqual(config.lint.shellcheck, .off)
        XCTAssertEqual(config.lint.endpointTimeout.seconds, 3)
        XCTAssertEqual(
            config.commands,
            [
                CommandClassEntry(
                    program: "ledgerctl", subcommands: ["purge"], whenAny: ["--force"], safety: .destructive),
                CommandClassEntry(program: "ledgerctl", subcommands: ["follow"], neverTerminates: true),
            ])
        XCTAssertEqual(config.level(ofRule: "stale"), .error)
        XCTAssertNil(config.level(ofRule: "stale-ish"))
    }

    func testExplicitRequiredSectionsOverridePresetAndAcceptAlternatives() throws {
        let config = try parse(
            """
            sections:
              preset: none
              required: [symptoms, diagnosis, "resolution|rollback"]
            """)
        XCTAssertEqual(config.sections.preset, .none)
        XCTAssertEqual(config.sections.required, [[.symptoms], [.diagnosis], [.resolution, .rollback]])
    }

    func testPresets() {
        XCTAssertEqual(SectionRequirements.preset(.none).required, [])
        XCTAssertEqual(SectionRequirements.preset(.default).required.count, 4)
        XCTAssertEqual(SectionRequirements.preset(.prometheusOperator).required.first, [.summary])
    }

    func testRelativePathsResolveAgainstTheConfigDirectory() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("ops/firebreak.yml", "runbooks: [runbooks/]\nrules: [../alerts/ledger.yml]\n")
        let config = try FirebreakConfig.load(from: file)
        let opsDirectory = directory.url.appendingPathComponent("ops").standardizedFileURL
        XCTAssertEqual(config.baseDirectory.path, opsDirectory.path)
        XCTAssertEqual(config.resolve(config.runbooks[0]).path, opsDirectory.appendingPathComponent("runbooks").path)
        XCTAssertEqual(
            config.resolve(config.rules[0]).path,
            directory.url.appendingPathComponent("alerts/ledger.yml").standardizedFileURL.path)
        XCTAssertEqual(config.resolve("/etc/ledger/alerts.yml").path, "/etc/ledger/alerts.yml")
    }

    func testDiscoverFindsEachFileName() throws {
        for name in FirebreakConfig.fileNames {
            let directory = try TemporaryDirectory()
            let written = try directory.write(name, "rules: [alerts/]\n")
            let (config, url) = try FirebreakConfig.discover(in: directory.url)
            XCTAssertEqual(url?.lastPathComponent, written.lastPathComponent, name)
            XCTAssertEqual(config.rules, ["alerts/"], name)
        }
    }

    func testDiscoverWithoutFileGivesDefaultsRootedAtTheDirectory() throws {
        let directory = try TemporaryDirectory()
        try directory.write("nested/firebreak.yml", "rules: [alerts/]\n")
        let (config, url) = try FirebreakConfig.discover(in: directory.url)
        XCTAssertNil(url, "only the directory itself is searched, not its subdirectories")
        XCTAssertEqual(config.rules, [])
        XCTAssertEqual(config.baseDirectory.path, directory.url.standardizedFileURL.path)
    }

    func testDiscoverRejectsTwoConfigFiles() throws {
        let directory = try TemporaryDirectory()
        try directory.write("firebreak.yml", "rules: []\n")
        try directory.write(".firebreak.yml", "rules: []\n")
        XCTAssertThrowsError(try FirebreakConfig.discover(in: directory.url)) { error in
            XCTAssertTrue("\(error)".contains("keep only one"), "\(error)")
        }
    }

    func testMissingExplicitFileIsAnError() throws {
        let directory = try TemporaryDirectory()
        XCTAssertThrowsError(try FirebreakConfig.load(from: directory.url.appendingPathComponent("absent.yml"))) {
            error in
            let configError = error as? FirebreakConfigError
            XCTAssertEqual(configError?.isFileNotFound, true)
            XCTAssertTrue("\(error)".contains("absent.yml"), "\(error)")
        }
    }

    func testNonUTF8FileIsAnError() throws {
        let directory = try TemporaryDirectory()
        let file = directory.url.appendingPathComponent("firebreak.yml")
        try Data([0x72, 0x75, 0x6C, 0x65, 0x73, 0x3A, 0x20, 0xFF, 0xFE, 0x0A]).write(to: file)
        XCTAssertThrowsError(try FirebreakConfig.load(from: file)) { error in
            XCTAssertTrue("\(error)".contains("UTF-8"), "\(error)")
        }
    }
}
