import Foundation
import XCTest

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A small JSON client for the servers the integration tests start on 127.0.0.1.
struct JSONHTTP {
    struct Response {
        var status: Int
        var body: Data
        var json: Any? { try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) }
        var object: [String: Any] { json as? [String: Any] ?? [:] }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    let base: String
    var token: String?

    /// Sends `method path` with `json` (any JSONSerialization value) as the body.
    func send(
        _ method: String, _ path: String, json: Any? = nil, headers: [String: String] = [:]
    ) async throws -> Response {
        guard let url = URL(string: base + path) else { throw IntegrationError("bad URL \(base + path)") }
        var request = URLRequest(url: url, timeoutInterval: 15)
        request.httpMethod = method
        if let json {
            request.httpBody = try JSONSerialization.data(withJSONObject: json)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        return Response(status: (response as? HTTPURLResponse)?.statusCode ?? 0, body: data)
    }

    /// GET `path`, failing the test unless it answers 200.
    func get(_ path: String, file: StaticString = #filePath, line: UInt = #line) async throws -> Response {
        let response = try await send("GET", path)
        XCTAssertEqual(response.status, 200, "GET \(path): \(response.text)", file: file, line: line)
        return response
    }
}

/// Polls `probe` every 200 ms until it returns a value or `seconds` pass; the failure message
/// includes the last thing `probe` saw.
func eventually<T>(_ what: String, seconds: Double = 30, _ probe: () async throws -> (T?, String)) async throws -> T {
    let deadline = Date().addingTimeInterval(seconds)
    var last = ""
    while Date() < deadline {
        let (value, seen) = try await probe()
        if let value { return value }
        last = seen
        try await Task.sleep(for: .milliseconds(200))
    }
    throw IntegrationError("\(what) did not happen within \(Int(seconds)) s; last seen: \(last)")
}
