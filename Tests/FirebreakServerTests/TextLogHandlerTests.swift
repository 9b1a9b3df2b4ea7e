import Foundation
import Logging
import Synchronization
import XCTest

@testable import FirebreakServer

/// The server's log handler writes what `StreamLogHandler` writes, with its metadata formatted only
/// when a line is written.
final class TextLogHandlerTests: XCTestCase {
    func testLinesMatchStreamLogHandlerApartFromTheTime() {
        let ours = Lines()
        let theirs = Lines()
        var fast = Logger(label: "firebreak") { label in
            TextLogHandler(label: label, level: .debug, write: ours.append, now: { Date(timeIntervalSince1970: 0) })
        }
        var reference = Logger(label: "firebreak") { label in
            var handler = StreamLogHandler(label: label, stream: theirs)
            handler.logLevel = .debug
            return handler
        }
        for logger in [fast, reference] {
            logger.info("plain line")
        }
        fast[metadataKey: "hb.request.id"] = "7f3a"
        reference[metadataKey: "hb.request.id"] = "7f3a"
        fast[metadataKey: "a.first"] = .array(["x", "y"])
        reference[metadataKey: "a.first"] = .array(["x", "y"])
        for logger in [fast, reference] {
            logger.error(
                "request failed", metadata: ["route": "/api/v1/alerts/alertmanager", "hb.request.id": "override"])
            logger.debug("request", metadata: ["status": "200"])
            logger.trace("not written at debug")
        }
        var unlabeled = Logger(label: "") { label in TextLogHandler(label: label, write: ours.append) }
        unlabeled[metadataKey: "k"] = "v"
        unlabeled.info("no label")
        var unlabeledReference = Logger(label: "") { label in StreamLogHandler(label: label, stream: theirs) }
        unlabeledReference[metadataKey: "k"] = "v"
        unlabeledReference.info("no label")

        XCTAssertEqual(ours.lines.count, 4)
        XCTAssertEqual(ours.lines.map(Self.withoutTime), theirs.lines.map(Self.withoutTime))
    }

    func testTimesAreLocalWithTheirOffset() {
        let date = Date(timeIntervalSince1970: 1_800_000_000)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone.current
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ssZ"
        XCTAssertEqual(TextLogHandler.timestamp(date), formatter.string(from: date))
    }

    private static func withoutTime(_ line: String) -> String {
        String(line.drop { $0 != " " })
    }
}

/// Collected lines, shared with a log handler.
private final class Lines: TextOutputStream, Sendable {
    private let storage = Mutex<[String]>([])

    var lines: [String] { storage.withLock { $0 } }

    func write(_ string: String) {
        storage.withLock { $0.append(string) }
    }

    var append: TextLogHandler.Write { { [self] line in write(line) } }
}
