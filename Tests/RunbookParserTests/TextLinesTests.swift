import RunbookModel
import XCTest

/// The byte-level line helpers agree with the standard library's character-level operations.
final class TextLinesTests: XCTestCase {
    func testJoinMatchesJoined() {
        let samples = [
            "", "one", "one\ntwo\n", "a\r\nb\r\n", "\n\n", "é\u{301}\nx", "tab\there\ncombining ✅\u{FE0F}",
        ]
        for sample in samples {
            let lines = TextLines.split(sample)
            XCTAssertEqual(TextLines.join(lines), lines.joined(separator: "\n"))
            XCTAssertEqual(Array(TextLines.join(lines).utf8), Array(sample.utf8))
            XCTAssertEqual(TextLines.join(lines.prefix(1), separator: " / "), lines.prefix(1).joined(separator: " / "))
            XCTAssertEqual(TextLines.join(lines.dropFirst(), separator: " "), lines.dropFirst().joined(separator: " "))
        }
        XCTAssertEqual(TextLines.join([Substring](), separator: ", "), "")
    }
}
