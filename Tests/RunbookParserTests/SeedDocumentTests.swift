import RunbookModel
import RunbookParser
import XCTest

/// The seeds are real runbook documents in the layouts users have; these tests pin what is read from them.
final class SeedDocumentTests: XCTestCase {
    let parser = RunbookDocumentParser()

    func testQuickReferenceDocumentYieldsSevenUnitsWithTableTargets() throws {
        let document = parser.parse(path: SharedFiles.seed("002_"))
        let runbooks = document.runbooks
        XCTAssertEqual(runbooks.map(\.id), ["RB-001", "RB-002", "RB-003", "RB-004", "RB-005", "RB-006", "RB-007"])
        XCTAssertEqual(
            runbooks.first?.title, "Service Startup and Deployment", "status decorations are not part of titles")
        XCTAssertEqual(runbooks.map { $0.metadata.mttr?.seconds ?? -1 }, [300, 600, 900, 1_800, 1_800, 600, 1_200])
        XCTAssertEqual(
            runbooks.map { $0.metadata.severity }, [.critical, .high, .high, .medium, .medium, .high, .high])
        XCTAssertEqual(runbooks[0].metadata.extra["scenario"], "Service down")
        // Steps come from `#### Step N:` headings.
        XCTAssertEqual(
            runbooks[0].steps.prefix(6).map(\.title),
            [
                "Verify Prerequisites", "Build Release Binary", "Initialize Storage", "Start Service",
                "Verify Service Health", "Monitor Startup",
            ])
        let kinds = Set(runbooks[0].sections.compactMap(\.kind))
        XCTAssertTrue(kinds.isSuperset(of: [.prerequisites, .rollback, .verification]), "\(kinds)")
    }

    func testAlternativesInStartServiceBlockAreThreeOptions() throws {
        let document = parser.parse(path: SharedFiles.seed("002_"))
        let runbook = try XCTUnwrap(document.runbooks.first)
        let step = try XCTUnwrap(runbook.steps.first { $0.title == "Start Service" })
        let block = runbook.blocks[try XCTUnwrap(step.blockIndexes.first)]
        XCTAssertEqual(
            block.alternatives.map(\.label),
            ["Option 1: Direct execution", "Option 2: Systemd service", "Option 3: Docker"])
        XCTAssertEqual(Set(block.alternatives.map(\.group)), [0])
        let scriptLines = block.script.split(separator: "\n", omittingEmptySubsequences: false)
        let systemd = block.alternatives[1].scriptLines
        XCTAssertTrue(scriptLines[systemd].joined(separator: "\n").contains("systemctl start"))
        XCTAssertFalse(scriptLines[systemd].joined(separator: "\n").contains("docker"))
    }

    func testOrAlternativeEndsAtItsParagraph() throws {
        let document = parser.parse(path: SharedFiles.seed("002_"))
        let runbook = try XCTUnwrap(document.runbooks.first { $0.id == "RB-002" })
        let block = try XCTUnwrap(runbook.blocks.first { $0.script.contains("docker-compose stop") })
        let lines = block.script.split(separator: "\n", omittingEmptySubsequences: false)
        let second = try XCTUnwrap(block.alternatives.last)
        XCTAssertTrue(lines[second.scriptLines].contains { $0.contains("docker-compose stop") })
        XCTAssertFalse(
            lines[second.scriptLines].contains { $0.contains("tail -f") },
            "the monitoring command after the choice runs either way")
    }

    func testDoubleEncodedTextIsReportedWithItsRepair() {
        let document = parser.parse(path: SharedFiles.seed("002_"))
        let mojibake = document.diagnostics.filter { $0.kind == .encoding }
        XCTAssertFalse(mojibake.isEmpty)
        XCTAssertTrue(mojibake.allSatisfy { !$0.isError })
        XCTAssertTrue(
            mojibake.contains { $0.message.contains("'âœ…' should read '✅'") && $0.location.line == 9 },
            "\(mojibake.prefix(2))")
    }

    func testIssueUnitsWithBoldLabelSections() throws {
        let document = parser.parse(path: SharedFiles.seed("003_"))
        XCTAssertEqual(
            document.runbooks.map(\.id), ["high-consumer-lag", "query-timeout", "schema-registry-unavailable"])
        XCTAssertEqual(
            document.runbooks.map(\.title), ["High Consumer Lag", "Query Timeout", "Schema Registry Unavailable"])
        let first = try XCTUnwrap(document.runbooks.first)
        XCTAssertEqual(first.sections.compactMap(\.kind), [.symptoms, .resolution, .diagnosis])
        XCTAssertTrue(first.section(.symptoms)?.text.contains("10,000 messages") ?? false)
        XCTAssertEqual(first.steps.count, 1)
        XCTAssertEqual(first.blocks.first?.language, .shell)
    }

    func testSingleDocumentRunbookWithScenarioSteps() throws {
        let document = parser.parse(path: SharedFiles.seed("000_"))
        XCTAssertEqual(document.runbooks.count, 1)
        let runbook = try XCTUnwrap(document.runbooks.first)
        XCTAssertEqual(runbook.title, "Phase 12.4.3: Operational Runbooks")
        XCTAssertEqual(runbook.blocks.map(\.language), [.shell, .shell, .shell, .shell, .yaml, .other("markdown")])
        XCTAssertTrue(runbook.text.contains("UNAVAILABLE"))
        // Links into a docs tree that is not here: kept with their line.
        XCTAssertTrue(
            document.links.contains { $0.target == "../runbooks/circuit-breaker-open.md" && $0.location.line == 19 })
        let labelled = runbook.sections.filter { $0.level == 0 }.compactMap(\.kind)
        XCTAssertTrue(
            labelled.starts(with: [.symptoms, .diagnosis, .diagnosis, .resolution, .verification, .prevention]),
            "\(labelled)")
    }
}
