import Foundation

/// A broken promise found by ``FirebreakStoreConformance``: which check, where, and what was seen.
public struct ConformanceFailure: Error, Sendable, CustomStringConvertible {
    /// The check that failed.
    public var check: String
    /// What was expected and what the store did.
    public var message: String
    /// Where in the suite the expectation is written.
    public var location: String

    /// Creates a failure.
    public init(check: String = "", message: String, location: String) {
        self.check = check
        self.message = message
        self.location = location
    }

    /// `check: message (file:line)`.
    public var description: String { "\(check): \(message) (\(location))" }
}

/// The failures of a whole conformance run, one per failed check.
public struct ConformanceReport: Error, Sendable, CustomStringConvertible {
    /// The failed checks.
    public var failures: [ConformanceFailure]
    /// How many checks ran.
    public var checked: Int

    /// One line per failure.
    public var description: String {
        "\(failures.count) of \(checked) store conformance checks failed:\n"
            + failures.map { "  - \($0)" }.joined(separator: "\n")
    }
}

/// Throws a ``ConformanceFailure`` unless `condition` holds.
func expect(
    _ condition: @autoclosure () throws -> Bool, _ message: @autoclosure () -> String,
    file: StaticString = #filePath, line: UInt = #line
) throws {
    guard try condition() else { throw failure(message(), file: file, line: line) }
}

/// Throws a ``ConformanceFailure`` unless `actual == expected`.
func expectEqual<T: Equatable>(
    _ actual: T, _ expected: T, _ what: @autoclosure () -> String,
    file: StaticString = #filePath, line: UInt = #line
) throws {
    guard actual == expected else {
        throw failure("\(what()): expected \(expected), got \(actual)", file: file, line: line)
    }
}

/// Unwraps `value` or throws a ``ConformanceFailure``.
func expectValue<T>(
    _ value: T?, _ what: @autoclosure () -> String, file: StaticString = #filePath, line: UInt = #line
) throws -> T {
    guard let value else { throw failure("\(what()): expected a value, got nil", file: file, line: line) }
    return value
}

/// Runs `body` and returns the error it throws, or throws a ``ConformanceFailure`` when it succeeds.
func expectError<T>(
    _ what: @autoclosure () -> String, file: StaticString = #filePath, line: UInt = #line,
    _ body: () async throws -> T
) async throws -> any Error {
    do {
        let value = try await body()
        throw failure("\(what()): expected an error, got \(value)", file: file, line: line)
    } catch let error as ConformanceFailure {
        throw error
    } catch {
        return error
    }
}

func failure(_ message: String, file: StaticString, line: UInt) -> ConformanceFailure {
    ConformanceFailure(message: message, location: "\(("\(file)" as NSString).lastPathComponent):\(line)")
}
