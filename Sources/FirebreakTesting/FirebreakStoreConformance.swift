import Foundation
import IncidentEngine
import Storage

/// The promises every ``Storage/FirebreakStore`` keeps, checked against a store factory.
///
/// Each check runs on a fresh, empty store from `makeStore` and closes it afterwards. Failures are
/// collected per check and thrown together as a ``ConformanceReport``, so one broken promise does not
/// hide the others.
///
/// ```swift
/// func testConformance() async throws {
///     try await FirebreakStoreConformance(makeStore: { try await MyStore.open() }).run()
/// }
/// ```
public struct FirebreakStoreConformance: Sendable {
    /// One named check.
    public struct Check: Sendable {
        /// The check's name, shown in failures.
        public var name: String
        /// The check itself, on an empty store.
        public var body: @Sendable (any FirebreakStore) async throws -> Void
    }

    /// Makes a fresh, empty, open store.
    public var makeStore: @Sendable () async throws -> any FirebreakStore
    /// The engine the checks ingest with.
    public var engine = IncidentEngine()

    /// Creates a suite over `makeStore`.
    public init(makeStore: @escaping @Sendable () async throws -> any FirebreakStore) {
        self.makeStore = makeStore
    }

    /// Every check, in the order `run` runs them.
    public var checks: [Check] {
        ingestChecks + transitionChecks + queryChecks + tokenChecks + robustnessChecks
    }

    /// Runs every check (or those whose name contains `filter`); throws a ``ConformanceReport``
    /// listing each failed check.
    public func run(filter: String? = nil) async throws {
        let selected = checks.filter { check in filter.map { check.name.contains($0) } ?? true }
        guard !selected.isEmpty else {
            throw ConformanceReport(
                failures: [ConformanceFailure(message: "no check matches \(filter ?? "")", location: "")], checked: 0)
        }
        var failures: [ConformanceFailure] = []
        for check in selected {
            if let failure = await run(check) { failures.append(failure) }
        }
        if !failures.isEmpty { throw ConformanceReport(failures: failures, checked: selected.count) }
    }

    /// Runs one check on a fresh store; returns its failure, if any.
    public func run(_ check: Check) async -> ConformanceFailure? {
        let store: any FirebreakStore
        do {
            store = try await makeStore()
        } catch {
            return ConformanceFailure(
                check: check.name, message: "the store could not be opened: \(error)", location: "")
        }
        var result: ConformanceFailure?
        do {
            try await check.body(store)
        } catch var failure as ConformanceFailure {
            failure.check = check.name
            result = failure
        } catch {
            result = ConformanceFailure(
                check: check.name, message: "unexpected error: \(String(reflecting: error))", location: "")
        }
        do {
            try await store.close()
        } catch {
            result = result ?? ConformanceFailure(check: check.name, message: "close failed: \(error)", location: "")
        }
        return result
    }

    /// A check named `name`.
    func check(_ name: String, _ body: @escaping @Sendable (any FirebreakStore) async throws -> Void) -> Check {
        Check(name: name, body: body)
    }
}

/// Casts `error` to ``Storage/StoreError``, or fails naming what was expected.
func storeError(
    _ error: any Error, _ what: String, file: StaticString = #filePath, line: UInt = #line
) throws -> StoreError {
    guard let storeError = error as? StoreError else {
        throw failure("\(what): expected a StoreError, got \(String(reflecting: error))", file: file, line: line)
    }
    return storeError
}
