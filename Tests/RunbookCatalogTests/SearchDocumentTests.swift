import RunbookCatalog
import RunbookModel
import RunbookParser
import XCTest

final class SearchDocumentTests: XCTestCase {
    private static let markdown = """
        ---
        title: Ledger worker crash looping
        severity: P1
        alerts: [LedgerWorkerCrashLooping]
        ---

        # LedgerWorkerCrashLooping

        ## Symptoms

        The ledger-worker pod is in `CrashLoopBackOff` and postings stop.

        ## Impact

        Month-end close is delayed.

        ## Diagnosis

        Check the worker's last state: `OOMKilled` means memory, `Error` means the journal.
        Clients see status UNAVAILABLE or HTTP 503 from the API; the CPU graph is flat.
        Logs show "connection reset by peer" and DEADLINE_EXCEEDED.

        ```console
        $ kubectl -n ledger get pods
        ledger-worker-7d9   0/1   CrashLoopBackOff   12   3m
        $ kubectl -n ledger logs deploy/ledger-worker --previous
        fatal: journal segment 0042 checksum mismatch
        ```

        ## Mitigation

        Roll back to the previous image.
        """

    private func parse(_ text: String = markdown) throws -> Runbook {
        let document = RunbookDocumentParser().parse(bytes: Array(text.utf8), file: "runbooks/ledger/worker.md")
        return try XCTUnwrap(document.runbooks.first)
    }

    func testFieldsComeFromTheirSections() throws {
        let document = SearchDocument(runbook: try parse())
        XCTAssertEqual(document.id, "worker")
        XCTAssertEqual(document.title, "Ledger worker crash looping")
        XCTAssertEqual(document.file, "runbooks/ledger/worker.md")
        XCTAssertEqual(document.severity, "high")
        XCTAssertEqual(document.alerts, ["LedgerWorkerCrashLooping"])
        XCTAssertTrue(document.symptoms.contains("postings stop"), document.symptoms)
        XCTAssertTrue(document.symptoms.contains("Month-end close"), document.symptoms)
        XCTAssertFalse(document.symptoms.contains("last state"), document.symptoms)
        XCTAssertTrue(document.body.contains("Roll back to the previous image"), document.body)
        XCTAssertFalse(document.body.contains("postings stop"), "symptoms are not indexed twice")
        XCTAssertTrue(document.commands.contains("kubectl -n ledger get pods"), document.commands)
        XCTAssertFalse(document.commands.contains("checksum mismatch"), "output is not a command")
    }

    func testErrorStringsAreExtracted() throws {
        let errors = SearchDocument(runbook: try parse()).errors.split(separator: "\n").map(String.init)
        for expected in [
            "CrashLoopBackOff", "OOMKilled", "UNAVAILABLE", "503", "connection reset by peer", "DEADLINE_EXCEEDED",
            "fatal: journal segment 0042 checksum mismatch", "Crash Loop Back Off", "OOM Killed", "DEADLINEEXCEEDED",
        ] {
            XCTAssertTrue(errors.contains(expected), "\(expected) missing from \(errors)")
        }
        XCTAssertFalse(errors.contains("CPU"), "everyday acronyms are not error strings")
        XCTAssertFalse(errors.contains("API"))
    }

    func testTitleAndAlertTextCarryNameWords() throws {
        let document = SearchDocument(runbook: try parse())
        XCTAssertTrue(document.text(of: .alerts).contains("Ledger Worker Crash Looping"))
        XCTAssertTrue(document.text(of: .title).contains("worker"), "the id is searchable")
    }

    func testHashIsStableAndFollowsContent() throws {
        let first = SearchDocument(runbook: try parse())
        let again = SearchDocument(runbook: try parse())
        XCTAssertEqual(first.contentHash, again.contentHash)
        XCTAssertEqual(first.contentHash.count, 32)
        let edited = SearchDocument(
            runbook: try parse(Self.markdown.replacingOccurrences(of: "previous image", with: "last good image")))
        XCTAssertNotEqual(first.contentHash, edited.contentHash)
        var moved = first
        moved.line += 1
        XCTAssertNotEqual(moved.computeHash(), first.contentHash)
    }

    func testRepeatedKeysKeepTheFirstDocument() {
        let a = SearchDocument(id: "LEDGER-1", title: "A", file: "a.md")
        let b = SearchDocument(id: "LEDGER-1", title: "B", file: "a.md")
        let c = SearchDocument(id: "LEDGER-1", title: "C", file: "c.md")
        XCTAssertEqual(SearchDocument.uniqueByKey([a, b, c]).map(\.title), ["A", "C"])
    }
}
