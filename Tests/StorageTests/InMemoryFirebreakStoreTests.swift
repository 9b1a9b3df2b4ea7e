import FirebreakTesting
import Storage
import XCTest

/// The in-memory store keeps the promises the SQL store keeps: the shared conformance suite.
final class InMemoryFirebreakStoreTests: XCTestCase {
    func testConformance() async throws {
        try await FirebreakStoreConformance(makeStore: { InMemoryFirebreakStore() }).run()
    }
}
