import StepExecution
import XCTest

final class ScriptSplitterTests: XCTestCase {
    private func lines(_ script: String) -> [ClosedRange<Int>] { ScriptSplitter.split(script).map(\.lines) }

    func testOneCommandPerLineAndCommentsDropped() {
        XCTAssertEqual(lines("kubectl get pods\n# a comment\n\nkubectl get svc"), [0...0, 3...3])
    }

    func testContinuationsPipesAndAndOrJoinLines() {
        XCTAssertEqual(
            lines("kubectl get pods \\\n  -n prod\nps aux |\n  grep nginx\ntrue &&\n  echo ok"), [0...1, 2...3, 4...5])
    }

    func testCompoundCommandsStayWhole() {
        let script =
            "for p in a b; do\n  echo $p\ndone\nif true; then\n  echo yes\nfi\ncase $x in\n  a) echo a ;;\nesac\necho end"
        XCTAssertEqual(lines(script), [0...2, 3...5, 6...8, 9...9])
    }

    func testQuotesSubstitutionsAndHeredocsSpanLines() {
        let script = "echo 'one\ntwo'\nX=$(\n  date\n)\ncat <<EOF\nbody ) ( \"\nEOF\necho after"
        XCTAssertEqual(lines(script), [0...1, 2...4, 5...7, 8...8])
        XCTAssertEqual(ScriptSplitter.split(script)[2].text, "cat <<EOF\nbody ) ( \"\nEOF")
    }

    func testBracesOfAFunctionStayWhole() {
        XCTAssertEqual(lines("f() {\n  echo hi\n}\nf"), [0...2, 3...3])
    }
}
