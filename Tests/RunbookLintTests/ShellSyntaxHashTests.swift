import Foundation
import XCTest

@testable import RunbookLint

final class ShellSyntaxHashTests: XCTestCase {
    func testKnownVectors() {
        XCTAssertEqual(ContentHash.sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(ContentHash.sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(
            ContentHash.sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(
            ContentHash.sha256Hex(String(repeating: "a", count: 1_000_000)),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func testPaddingBoundaries() throws {
        // Lengths around the 55/56/64-byte padding edges, compared with the system's sha256sum.
        let tool = "/usr/bin/sha256sum"
        guard FileManager.default.isExecutableFile(atPath: tool) else {
            return XCTFail("sha256sum is needed to cross-check the padding edges")
        }
        for length in [1, 55, 56, 57, 63, 64, 65, 119, 120, 128] {
            let text = String(repeating: "é", count: length / 2) + String(repeating: "x", count: length % 2)
            XCTAssertEqual(ContentHash.sha256Hex(text), try sha256sum(tool, Data(text.utf8)), "length \(length)")
        }
    }

    func testOneMegabyteAgreesWithSha256sum() throws {
        let tool = "/usr/bin/sha256sum"
        guard FileManager.default.isExecutableFile(atPath: tool) else {
            return XCTFail("sha256sum is needed to cross-check a large input")
        }
        var generator = ShellFixtures.Generator(state: 3)
        let bytes = (0..<(1 << 20)).map { _ in UInt8(32 + generator.next(95)) }
        let text = String(decoding: bytes, as: UTF8.self)
        XCTAssertEqual(ContentHash.sha256Hex(text), try sha256sum(tool, Data(bytes)))
        XCTAssertEqual(ContentHash.sha256Hex(bytes: bytes), ContentHash.sha256Hex(text))
    }

    private func sha256sum(_ tool: String, _ data: Data) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("fb-sha-\(UUID().uuidString)")
        try data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = [file.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return String(text.prefix(64))
    }
}
