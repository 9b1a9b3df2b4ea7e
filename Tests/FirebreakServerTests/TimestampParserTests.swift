import Foundation
import XCTest

@testable import FirebreakServer

final class TimestampParserTests: XCTestCase {
    func testRFC3339FormsGiveTheInstantFoundationGives() throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let plain = ISO8601DateFormatter()
        for text in [
            "2026-01-13T10:00:00Z", "2026-01-13T10:00:00.5Z", "2026-12-31T23:59:59.123Z", "2024-02-29T00:00:00+02:00",
            "1999-07-01T12:30:45-05:30", "2026-03-01T08:00:00.250+00:00",
        ] {
            let expected = try XCTUnwrap(formatter.date(from: text) ?? plain.date(from: text), text)
            let parsed = try XCTUnwrap(TimestampParser.parse(text), text)
            XCTAssertEqual(parsed.timeIntervalSince1970, expected.timeIntervalSince1970, accuracy: 0.0005, text)
        }
        // Lower-case and space separators are RFC 3339 too.
        XCTAssertEqual(TimestampParser.parse("2026-01-13t10:00:00z"), TimestampParser.parse("2026-01-13T10:00:00Z"))
        XCTAssertEqual(TimestampParser.parse("2026-01-13 10:00:00Z"), TimestampParser.parse("2026-01-13T10:00:00Z"))
        // Alertmanager's zero time means "not set".
        XCTAssertEqual(TimestampParser.parse("0001-01-01T00:00:00Z"), .distantPast)
    }

    func testAnythingElseIsRefused() {
        for text in [
            "", "2026-01-13", "2026-01-13T10:00:00", "2026-13-01T00:00:00Z", "2026-01-32T00:00:00Z",
            "2026-01-13T24:00:00Z",
            "2026-01-13T10:60:00Z", "2026-01-13T10:00:00.Z", "2026-01-13T10:00:00Z ", "2026-01-13T10:00:00+0200",
            "２０２６-01-13T10:00:00Z", "yesterday",
        ] {
            XCTAssertNil(TimestampParser.parse(text), text)
        }
        // A string not stored as contiguous UTF-8 takes the same path.
        let bridged = NSString(string: "2026-01-13T10:00:00Z") as String
        XCTAssertEqual(TimestampParser.parse(bridged), TimestampParser.parse("2026-01-13T10:00:00Z"))
    }
}
