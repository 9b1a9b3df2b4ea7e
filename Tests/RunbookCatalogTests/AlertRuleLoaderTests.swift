import FirebreakTesting
import Foundation
import XCTest

@testable import RunbookCatalog

/// A scratch directory for rule-file fixtures, removed when the test ends.
final class AlertRuleScratchDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("firebreak-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> URL { try write(name, Data(text.utf8)) }

    @discardableResult
    func write(_ name: String, _ data: Data) throws -> URL {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
        return file
    }
}

final class AlertRuleLoaderTests: XCTestCase {
    private func parse(
        _ text: String, file: String = "alerts/ledger.yml"
    ) -> (
        rules: [AlertRule], errors: [AlertRuleFileError]
    ) {
        AlertRuleLoader.parse(data: Data(text.utf8), file: file)
    }

    func testPrometheusGroupsFile() {
        let (rules, errors) = parse(
            """
            groups:
              - name: ledger-availability
                rules:
                  - record: ledger:postings:rate5m
                    expr: sum(rate(ledger_postings_total[5m]))
                  - alert: LedgerPostingsStalled
                    expr: ledger:postings:rate5m == 0
                    for: 10m
                    labels:
                      severity: critical
                      team: payments
                    annotations:
                      summary: No postings for 10 minutes
                      runbook_url: https://runbooks.ledger.example.com/postings-stalled#diagnosis
              - name: ledger-consistency
                rules:
                  -   alert: LedgerBalanceDrift
                      expr: abs(ledger_balance_drift) > 0
                      labels: {severity: warning}
            """)
        XCTAssertEqual(errors, [])
        XCTAssertEqual(
            rules.map(\.name), ["LedgerPostingsStalled", "LedgerBalanceDrift"], "recording rules are skipped")
        let stalled = rules[0]
        XCTAssertEqual(stalled.file, "alerts/ledger.yml")
        XCTAssertEqual(stalled.line, 6)
        XCTAssertEqual(stalled.column, 9)
        XCTAssertEqual(stalled.group, "ledger-availability")
        XCTAssertEqual(stalled.severity, "critical")
        XCTAssertEqual(stalled.labels, ["severity": "critical", "team": "payments"])
        XCTAssertEqual(stalled.annotations["summary"], "No postings for 10 minutes")
        XCTAssertEqual(stalled.runbookURL, "https://runbooks.ledger.example.com/postings-stalled#diagnosis")
        XCTAssertEqual(stalled.runbookAnnotationKey, "runbook_url")
        XCTAssertEqual(stalled.runbookLine, 14)
        let drift = rules[1]
        XCTAssertEqual(drift.line, 17)
        XCTAssertEqual(drift.column, 11)
        XCTAssertEqual(drift.group, "ledger-consistency")
        XCTAssertEqual(drift.severity, "warning")
        XCTAssertNil(drift.runbookURL)
        XCTAssertNil(drift.runbookLine)
    }

    func testRunbookAnnotationAndPrecedence() {
        let (rules, errors) = parse(
            """
            groups:
            - name: ledger
              rules:
              - alert: LedgerJournalLag
                expr: ledger_journal_lag_seconds > 60
                annotations:
                  runbook: runbooks/journal-lag.md
              - alert: LedgerBothAnnotations
                expr: vector(1)
                annotations:
                  runbook: runbooks/second.md
                  runbook_url: runbooks/first.md
              - alert: LedgerBlankRunbook
                expr: vector(1)
                annotations:
                  runbook_url: "  "
            """)
        XCTAssertEqual(errors, [])
        XCTAssertEqual(rules.map(\.runbookURL), ["runbooks/journal-lag.md", "runbooks/first.md", nil])
        XCTAssertEqual(rules.map(\.runbookAnnotationKey), ["runbook", "runbook_url", nil])
        XCTAssertEqual(rules[0].runbookLine, 7)
    }

    func testTemplatedURLIsKeptAsWritten() {
        let (rules, _) = parse(
            """
            groups:
            - name: ledger
              rules:
              - alert: LedgerShardDown
                expr: up{job="ledger"} == 0
                annotations:
                  runbook_url: "https://runbooks.ledger.example.com/{{ $labels.alertname }}?shard={{ $labels.shard }}"
            """)
        XCTAssertEqual(
            rules.first?.runbookURL,
            "https://runbooks.ledger.example.com/{{ $labels.alertname }}?shard={{ $labels.shard }}")
    }

    func testMultiDocumentPrometheusRulesAmongOtherResources() {
        let (rules, errors) = parse(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: ledger}
            ---
            apiVersion: monitoring.coreos.com/v1
            kind: PrometheusRule
            metadata: {name: ledger-rules}
            spec:
              groups:
              - name: ledger
                rules:
                - alert: LedgerDown
                  expr: up{job="ledger"} == 0
            ---
            ---
            apiVersion: v1
            kind: List
            items:
            - kind: ConfigMap
              metadata: {name: unrelated}
            - apiVersion: monitoring.coreos.com/v1
              kind: PrometheusRule
              spec:
                groups:
                - name: ledger-extra
                  rules:
                  - alert: LedgerSlowCommits
                    expr: vector(1)
            """)
        XCTAssertEqual(errors, [])
        XCTAssertEqual(rules.map(\.name), ["LedgerDown", "LedgerSlowCommits"])
        XCTAssertEqual(rules.map(\.line), [12, 27])
        XCTAssertEqual(rules.map(\.group), ["ledger", "ledger-extra"])
    }

    func testYAMLThatIsNotARuleFile() {
        let (rules, errors) = parse("\n\nservice: ledger\nowners: [payments]\n")
        XCTAssertEqual(rules, [])
        XCTAssertEqual(errors.count, 1)
        XCTAssertEqual(errors.first?.isNotAlertRuleFile, true)
        XCTAssertEqual(errors.first?.line, 3)
        XCTAssertTrue(
            errors.first?.description.hasPrefix(
                "alerts/ledger.yml:3: not an alert rule file (expected top-level `groups:` or a PrometheusRule)")
                == true)
        XCTAssertEqual(parse("").errors.first?.isNotAlertRuleFile, true, "an empty file holds no rules either")
        XCTAssertEqual(
            parse("kind: PrometheusRule\nmetadata: {}\n").errors.first?.description.contains("no spec.groups"), true)
    }

    func testNonYAMLFileReportsTheLine() {
        let (rules, errors) = parse(
            """
            Ledger alert notes
            ==================
            Drift: check the journal: then page payments
            """, file: "alerts/NOTES.yml")
        XCTAssertEqual(rules, [])
        XCTAssertEqual(errors.count, 1)
        XCTAssertEqual(errors.first?.line, 3)
        XCTAssertEqual(errors.first?.isInvalidYAML, true)
        XCTAssertTrue(errors.first?.description.hasPrefix("alerts/NOTES.yml:3: not valid YAML: ") == true, "\(errors)")
    }

    func testTabIndentationIsExplained() {
        let (_, errors) = parse("groups:\n- name: ledger\n  rules:\n\t- alert: LedgerDown\n")
        XCTAssertEqual(errors.count, 1)
        XCTAssertEqual(errors.first?.line, 4)
        XCTAssertTrue(errors.first?.message.contains("indentation must use spaces") == true, "\(errors)")
    }

    func testMalformedRulesAreReportedAndTheRestKept() {
        let (rules, errors) = parse(
            """
            groups:
            - name: ledger
              rules:
              - expr: vector(1)
                labels: {severity: info}
              - alert: LedgerKept
                expr: vector(1)
                annotations: [not, a, mapping]
              - just a string
            - name: ledger-two
              rules: not-a-list
            - [nested]
            """)
        XCTAssertEqual(rules.map(\.name), ["LedgerKept"])
        XCTAssertEqual(errors.map(\.line), [4, 8, 9, 11, 12])
        XCTAssertTrue(errors[0].message.contains("neither `alert:` nor `record:`"))
        XCTAssertTrue(errors[1].message.contains("`annotations` of alert 'LedgerKept' must be a mapping"))
        XCTAssertTrue(errors[3].message.contains("must be a list"))
    }

    func testInvalidUTF8IsReportedWithItsLine() {
        var bytes = Data("groups:\n- name: ledger\n  rules:\n  - alert: Ledger".utf8)
        bytes.append(contentsOf: [0xC3, 0x28])
        bytes.append(contentsOf: Data("\n    expr: vector(1)\n".utf8))
        let (rules, errors) = AlertRuleLoader.parse(data: bytes, file: "alerts/latin1.yml")
        XCTAssertEqual(rules, [])
        XCTAssertEqual(errors.count, 1)
        XCTAssertEqual(errors.first?.line, 4)
        XCTAssertTrue(errors.first?.message.contains("invalid UTF-8 byte 0xC3") == true, "\(errors)")
    }

    func testBinaryDataIsReported() {
        let (_, errors) = AlertRuleLoader.parse(data: Data([0x67, 0x72, 0x0A, 0x00, 0x01]), file: "alerts/blob.yml")
        XCTAssertEqual(errors.first?.line, 2)
        XCTAssertTrue(errors.first?.message.contains("binary") == true)
    }

    func testTenMegabytesOfGarbageGiveOneErrorAndNoCrash() throws {
        let tenMegabytes = 10 * 1024 * 1024
        var generator = SplitMix64(seed: 0x1ed9e7)
        var block = [UInt8](repeating: 0, count: 64 * 1024)
        for index in stride(from: 0, to: block.count, by: 8) {
            withUnsafeBytes(of: generator.next()) { word in block.replaceSubrange(index..<index + 8, with: word) }
        }
        var random = Data(capacity: tenMegabytes)
        while random.count < tenMegabytes { random.append(contentsOf: block) }
        let directory = try AlertRuleScratchDirectory()
        try directory.write("garbage.yml", random)
        let binary = AlertRuleLoader.load(file: directory.url.appendingPathComponent("garbage.yml").path)
        XCTAssertEqual(binary.rules, [])
        XCTAssertEqual(binary.errors.count, 1)

        // Valid UTF-8 but YAML-hostile: reaches the parser.
        let alphabet = Array("abc:-[]{}#&*!|>'\"%@` \n\t,?".utf8)
        let printableBlock = block.map { alphabet[Int($0) % alphabet.count] }
        var printable = Data(capacity: tenMegabytes)
        while printable.count < tenMegabytes { printable.append(contentsOf: printableBlock) }
        let noise = AlertRuleLoader.parse(data: printable, file: "alerts/noise.yml")
        XCTAssertEqual(noise.rules, [])
        XCTAssertEqual(noise.errors.count, 1)
    }

    func testOversizedFileIsRefused() {
        let (_, errors) = AlertRuleLoader.parse(data: Data(count: AlertRuleLoader.maximumFileSize + 1), file: "big.yml")
        XCTAssertTrue(errors.first?.message.contains("limit") == true)
    }

    func testLoadingPathsWalksDirectoriesAndReportsExplicitFiles() throws {
        let directory = try AlertRuleScratchDirectory()
        let rule = "groups:\n- name: ledger\n  rules:\n  - alert: %@\n    expr: vector(1)\n"
        try directory.write("alerts/ledger.yml", rule.replacingOccurrences(of: "%@", with: "LedgerDown"))
        try directory.write("alerts/sub/journal.YAML", rule.replacingOccurrences(of: "%@", with: "LedgerJournalLag"))
        try directory.write("alerts/kustomization.yaml", "resources: [ledger.yml]\n")
        try directory.write("alerts/helm-values.yaml", "image: {{ .Values.image }}\n")
        try directory.write("alerts/broken-rules.yml", "groups:\n- name: x\n  rules: [\n")
        try directory.write("alerts/README.md", "groups:\n")
        try directory.write("alerts/.hidden/skip.yml", rule.replacingOccurrences(of: "%@", with: "Hidden"))
        try directory.write("extra/values.yml", "replicas: 2\n")

        let (rules, errors) = AlertRuleLoader.load(
            paths: ["./alerts/", "extra/values.yml", "missing/", "alerts/ledger.yml"], baseDirectory: directory.url)
        XCTAssertEqual(rules.map(\.name).sorted(), ["LedgerDown", "LedgerJournalLag"])
        XCTAssertEqual(Set(rules.map(\.file)), ["alerts/ledger.yml", "alerts/sub/journal.YAML"])
        XCTAssertEqual(errors.map(\.file), ["alerts/broken-rules.yml", "extra/values.yml", "missing"], "\(errors)")
        XCTAssertEqual(
            errors[0].isInvalidYAML, true, "a file that looks like rules is reported even inside a directory")
        XCTAssertEqual(errors[1].isNotAlertRuleFile, true, "explicitly named files are reported")
        XCTAssertTrue(errors[2].message.contains("no such file"))
    }

    func testLoadingGlobEntries() throws {
        let directory = try AlertRuleScratchDirectory()
        try directory.write("alerts/a-rules.yml", "groups:\n- name: a\n  rules:\n  - alert: A\n    expr: vector(1)\n")
        try directory.write("alerts/b-rules.yml", "groups:\n- name: b\n  rules:\n  - alert: B\n    expr: vector(1)\n")
        try directory.write("alerts/c.yml", "groups:\n- name: c\n  rules:\n  - alert: C\n    expr: vector(1)\n")
        let (rules, errors) = AlertRuleLoader.load(paths: ["alerts/*-rules.yml"], baseDirectory: directory.url)
        XCTAssertEqual(errors, [])
        XCTAssertEqual(rules.map(\.name), ["A", "B"])
    }

    func testLoadFileByPath() throws {
        let directory = try AlertRuleScratchDirectory()
        let file = try directory.write(
            "ledger.yml", "groups:\n- name: l\n  rules:\n  - alert: LedgerDown\n    expr: vector(1)\n")
        let (rules, errors) = AlertRuleLoader.load(file: file.path)
        XCTAssertEqual(errors, [])
        XCTAssertEqual(rules.first?.file, file.path)
        XCTAssertEqual(
            AlertRuleLoader.load(file: directory.url.appendingPathComponent("absent.yml").path).errors.count, 1)
    }
}
