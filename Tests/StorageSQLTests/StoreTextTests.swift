import FirebreakTesting
import Foundation
import IncidentEngine
import XCTest

@testable import StorageSQL

/// The JSON the store writes for string maps, and the texts encoded ahead of a write.
final class StoreTextTests: XCTestCase {
    func testMapsBecomeJSONThatReadsBackEqualWhateverTheCharacters() throws {
        var random = SplitMix64(seed: 0x5EED_0005)
        let pieces = [
            "a", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1}", "\u{1F}", "\u{7F}", "/", "é", "日本", "🔥", " ", "}", "{",
            ":", ",",
        ]
        for _ in 0..<500 {
            var map: [String: String] = [:]
            for _ in 0..<Int.random(in: 0...5, using: &random) {
                let key = (0..<Int.random(in: 0...6, using: &random)).map { _ in pieces.randomElement(using: &random)! }
                    .joined()
                map[key] = (0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random)!
                }.joined()
            }
            let text = StoreText.json(map)
            let decoded = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String]
            XCTAssertEqual(decoded, map, text)
            XCTAssertEqual(try StoreText.map(text, column: "labels"), map, text)
        }
        XCTAssertEqual(StoreText.json(["b": "2", "a": "x\"y\\z\n\u{1}"]), #"{"a":"x\"y\\z\n\u0001","b":"2"}"#)
    }

    func testAlertTextsAreTheMapsOfTheLastAlertWithAFingerprintUnlessTheAlertChanged() {
        let alerts = [
            IncomingAlert(
                fingerprint: "f1", status: .firing, labels: ["alertname": "A", "x": "1"],
                annotations: ["summary": "old"]),
            IncomingAlert(fingerprint: "f2", status: .firing, labels: ["alertname": "B"]),
            IncomingAlert(
                fingerprint: "f1", status: .firing, labels: ["alertname": "A", "x": "2"],
                annotations: ["summary": "new"]),
        ]
        let texts = AlertTexts(alerts)
        let at = Date(timeIntervalSince1970: 1_800_000_000)
        func tracked(_ fingerprint: String, _ labels: [String: String], _ annotations: [String: String]) -> TrackedAlert
        {
            TrackedAlert(
                fingerprint: fingerprint, status: .firing, labels: labels, annotations: annotations, startsAt: nil,
                endsAt: nil,
                firstSeenAt: at, lastSeenAt: at)
        }
        let last = tracked("f1", ["alertname": "A", "x": "2"], ["summary": "new"])
        XCTAssertEqual(texts.texts(of: last).labels, #"{"alertname":"A","x":"2"}"#)
        XCTAssertEqual(texts.texts(of: last).annotations, #"{"summary":"new"}"#)
        XCTAssertEqual(texts.texts(of: tracked("f2", ["alertname": "B"], [:])).annotations, "{}")
        // An alert whose maps are not its notification's (kept from an earlier report) is encoded as it is.
        let kept = tracked("f1", ["alertname": "A", "x": "1"], ["summary": "old"])
        XCTAssertEqual(texts.texts(of: kept).labels, #"{"alertname":"A","x":"1"}"#)
        XCTAssertEqual(texts.texts(of: kept).annotations, #"{"summary":"old"}"#)
        XCTAssertEqual(texts.texts(of: tracked("f9", ["only": "here"], [:])).labels, #"{"only":"here"}"#)
    }
}
