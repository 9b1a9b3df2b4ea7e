import RunbookModel
import StepExecution
import XCTest

final class SafetyGateTests: XCTestCase {
    func testAutomaticReadOnlyRunsOnlyReadOnly() {
        let gate = SafetyGate(mode: .automatic(allowMutating: false, allowDestructive: false))
        XCTAssertEqual(gate.verdict(for: .readOnly), .run)
        for safety in [SafetyClass.mutating, .unknown, .destructive] {
            guard case .skip = gate.verdict(for: safety) else { return XCTFail("\(safety) must be skipped") }
        }
    }

    func testDestructiveNeedsBothFlags() {
        let yesOnly = SafetyGate(mode: .automatic(allowMutating: true, allowDestructive: false))
        XCTAssertEqual(yesOnly.verdict(for: .mutating), .run)
        XCTAssertEqual(yesOnly.verdict(for: .unknown), .run)
        guard case .skip(let reason) = yesOnly.verdict(for: .destructive) else {
            return XCTFail("destructive ran with --yes alone")
        }
        XCTAssertTrue(reason.contains("--allow-destructive"), reason)
        XCTAssertEqual(
            SafetyGate(mode: .automatic(allowMutating: true, allowDestructive: true)).verdict(for: .destructive), .run)
    }

    func testInteractiveAsksByClass() {
        let gate = SafetyGate(mode: .interactive)
        XCTAssertEqual(gate.verdict(for: .readOnly), .confirmEnter)
        XCTAssertEqual(gate.verdict(for: .mutating), .confirmYes)
        XCTAssertEqual(gate.verdict(for: .unknown), .confirmYes)
        XCTAssertEqual(gate.verdict(for: .destructive), .confirmTypedID)
    }
}
