import FirebreakTesting
import Foundation
import RunbookModel
import XCTest

@testable import FirebreakServer

/// Text the server writes by hand on hot paths equals what `JSONEncoder` writes, and random ids
/// have the documented shape.
final class HandWrittenJSONTests: XCTestCase {
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    func testQuotedStringsMatchJSONEncoderForEveryASCIICharacterAndUnicode() throws {
        for byte in UInt8(0)...UInt8(0x7F) {
            let string = "a" + String(UnicodeScalar(byte)) + "b"
            let expected = String(decoding: try encoder.encode([string]), as: UTF8.self).dropFirst().dropLast()
            XCTAssertEqual(JSONText.quoted(string), String(expected), "byte \(byte)")
        }
        let unicode = "ünï 日本 🔥 /path"
        XCTAssertEqual(
            JSONText.quoted(unicode),
            String(String(decoding: try encoder.encode([unicode]), as: UTF8.self).dropFirst().dropLast()))
    }

    func testTheIngestAnswerIsWhatJSONEncoderWrites() throws {
        let views = [
            IngestView(incidentID: 42, opened: true, deliveryID: 7, requestID: "req-1"),
            IngestView(
                incidentID: nil, opened: false, deliveryID: Int64.max, requestID: #"a "quoted" \ id/with/slashes"#),
            IngestView(incidentID: -1, opened: false, deliveryID: 0, requestID: ""),
        ]
        for view in views {
            XCTAssertEqual(view.json, String(decoding: try encoder.encode(view), as: UTF8.self))
        }
    }

    func testRandomIDsAreVersion4UUIDsInLowercaseAndDoNotRepeat() {
        var seen = Set<String>()
        for _ in 0..<2000 {
            let id = RandomID.uuid()
            XCTAssertEqual(UUID(uuidString: id)?.uuidString.lowercased(), id)
            let characters = Array(id)
            XCTAssertEqual(characters[14], "4", id)
            XCTAssertTrue("89ab".contains(characters[19]), id)
            XCTAssertTrue(seen.insert(id).inserted, "repeated \(id)")
            let hex = RandomID.hex32()
            XCTAssertEqual(hex.count, 32)
            XCTAssertTrue(hex.allSatisfy { "0123456789abcdef".contains($0) }, hex)
        }
    }

    func testBearerSecretsAreReadWithAnyCaseOfTheSchemeAndBlanksAroundTheSecret() {
        XCTAssertEqual(TokenAuthenticator.bearerSecret("Bearer fbk_abc"), "fbk_abc")
        XCTAssertEqual(TokenAuthenticator.bearerSecret("bEARER   fbk_abc \t"), "fbk_abc")
        XCTAssertEqual(TokenAuthenticator.bearerSecret("BEARER fbk_é"), "fbk_é")
        for header in [
            "Bearer", "Bearer ", "Bearer  \t ", "Basic fbk_abc", "Bearerx fbk_abc", "fbk_abc", "", "Bearär fbk",
        ] {
            XCTAssertNil(TokenAuthenticator.bearerSecret(header), header)
        }
    }
}
