import FirebreakTesting
import Foundation
import NIOCore
import RunbookModel
import XCTest

@testable import FirebreakServer

/// The hand-written webhook reader must accept exactly what `JSONDecoder` accepts for
/// ``AlertmanagerWebhook`` and produce the same value, and refuse the rest with a path.
final class AlertmanagerWebhookParseTests: XCTestCase {
    func testNULIsFoundInShortLongAndSlicedStrings() {
        let long = String(repeating: "label-value-", count: 40)
        for (text, expected) in [
            ("", false), ("a", false), ("\u{0}", true), ("short\u{0}", true), ("\u{0}short", true),
            (long, false), (long + "\u{0}", true), ("\u{0}" + long, true), ("é\u{0}ü", true), ("éü", false),
            (String(long.dropFirst(5).dropLast(3)), false), (String((long + "\u{0}x").dropFirst(7)), true),
        ] {
            XCTAssertEqual(
                ByteSearch.containsNUL(text), expected, "\(text.debugDescription.prefix(40))")
            XCTAssertEqual(ByteSearch.containsNUL(text), text.utf8.contains(0))
        }
    }

    private static let full = #"""
        {"version":"4","groupKey":"{}:{alertname=\"Disk\"}","truncatedAlerts":2,"status":"firing",
         "receiver":"firebreak","groupLabels":{"alertname":"Disk"},"commonLabels":{"alertname":"Disk","env":"prod"},
         "commonAnnotations":{"summary":"disk full"},"externalURL":"http://am:9093",
         "extra":{"nested":[1,2.5e3,-0.5,true,false,null,{"a":[[]]}],"s":"x\"y"},
         "alerts":[
           {"status":"firing","labels":{"alertname":"Disk","instance":"db-1","note":"caf\u00e9 \ud83d\ude00 tab\tslash\/ \\"},
            "annotations":{"summary":"disk full on db-1","runbook_url":"https://runbooks/disk.md"},
            "startsAt":"2026-11-01T10:00:00.123Z","endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prom/graph",
            "fingerprint":"abc123","unknown":{"deep":[{"x":null}]}},
           {"status":"resolved","labels":{},"annotations":null,"startsAt":null,"endsAt":null,"generatorURL":null,"fingerprint":null}
         ]}
        """#

    private func parse(_ text: String) throws -> AlertmanagerWebhook {
        try AlertmanagerWebhook.parse(ByteBuffer(string: text))
    }

    private func decode(_ text: String) throws -> AlertmanagerWebhook {
        try JSONDecoder().decode(AlertmanagerWebhook.self, from: Data(text.utf8))
    }

    private func message(_ text: String) -> String {
        message(ByteBuffer(string: text))
    }

    private func message(_ buffer: ByteBuffer) -> String {
        do {
            _ = try AlertmanagerWebhook.parse(buffer)
            return "accepted"
        } catch {
            return error.message
        }
    }

    func testAFullWebhookReadsAsJSONDecoderReadsIt() throws {
        let parsed = try parse(Self.full)
        XCTAssertEqual(parsed, try decode(Self.full))
        XCTAssertEqual(parsed.alerts.count, 2)
        XCTAssertEqual(parsed.alerts[0].labels["note"], "café 😀 tab\tslash/ \\")
        XCTAssertEqual(parsed.truncatedAlerts, 2)
        XCTAssertEqual(parsed.groupKey, #"{}:{alertname="Disk"}"#)
        XCTAssertNil(parsed.alerts[1].annotations)
    }

    /// `JSONDecoder` does not check values it skips (it takes `1.` or `"\\d"` in an unknown field);
    /// the reader does, so the reference is: valid JSON for `JSONSerialization`, and decodable.
    func testMutatedBodiesAreAcceptedOrRefusedAsJSONDecoderDoes() throws {
        var generator = SplitMix64(seed: 20261207)
        let original = Array(Self.full.utf8)
        let alphabet = Array(#"{}[]",:\"0-9.eE+ntrufalse\ud800\u0041x"#.utf8)
        var accepted = 0
        for round in 0..<3000 {
            var bytes = original
            for _ in 0..<(1 + Int(generator.next() % 3)) {
                let at = Int(generator.next() % UInt64(bytes.count))
                switch generator.next() % 3 {
                case 0: bytes.remove(at: at)
                case 1: bytes.insert(alphabet[Int(generator.next() % UInt64(alphabet.count))], at: at)
                default: bytes[at] = alphabet[Int(generator.next() % UInt64(alphabet.count))]
                }
            }
            let valid = (try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])) != nil
            let reference = valid ? try? JSONDecoder().decode(AlertmanagerWebhook.self, from: Data(bytes)) : nil
            var buffer = ByteBuffer()
            buffer.writeBytes(bytes)
            let parsed = try? AlertmanagerWebhook.parse(buffer)
            XCTAssertEqual(
                parsed, reference,
                "round \(round): \(message(buffer)) in \(String(decoding: bytes, as: UTF8.self).debugDescription)")
            if parsed != nil { accepted += 1 }
        }
        // Some mutations land in ignored or string content and must still be accepted.
        XCTAssertGreaterThan(accepted, 100)
    }

    func testRefusalsNameThePathAndWhatToDo() {
        XCTAssertEqual(message(#"{"groupKey":"k","status":"firing","alerts":[]}"#), "version is missing; add it")
        XCTAssertEqual(
            message(#"{"version":"4","groupKey":"k","status":"firing","alerts":[{"status":"firing"}]}"#),
            "alerts[0].labels is missing; add it")
        XCTAssertEqual(
            message(
                #"{"version":"4","groupKey":"k","status":"firing","alerts":[{"status":"firing","labels":{"a":1}}]}"#),
            "alerts[0].labels.a must be a string")
        XCTAssertEqual(
            message(#"{"version":null,"groupKey":"k","status":"firing","alerts":[]}"#),
            "version must be a string, not null")
        XCTAssertEqual(
            message(#"{"version":"4","groupKey":"k","status":"firing","alerts":{}}"#), "alerts must be an array")
        XCTAssertEqual(message(#"[1,2]"#), "the body must be an object")
        XCTAssertEqual(message(""), "the body is empty; send a JSON object")
        XCTAssertTrue(message("{not json").hasPrefix("the body is not valid JSON ("), message("{not json"))
        XCTAssertTrue(message(#"{"version":"4"} trailing"#).contains("after the end of the document"))
        var invalid = ByteBuffer(string: #"{"version":""#)
        invalid.writeBytes([0xff, 0xfe])
        invalid.writeString(#"","groupKey":"k","status":"firing","alerts":[]}"#)
        XCTAssertEqual(message(invalid), "the body is not valid UTF-8; send JSON encoded as UTF-8")
    }

    func testHostileNestingInAnIgnoredFieldIsRefusedWithoutExhaustingTheStack() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let text = #"{"version":"4","groupKey":"k","status":"firing","alerts":[],"x":"# + deep + "}"
        XCTAssertTrue(message(text).contains("nested more than"), message(text))
    }
}

extension Error {
    fileprivate var message: String { (self as? APIError)?.message ?? "\(self)" }
}
