import Foundation

/// Wall-clock time and elapsed time for a run, injected so that sessions are testable without waiting.
public protocol RunClock: Sendable {
    /// The current time, for event timestamps.
    func now() -> Date
}

/// The system's clocks.
public struct SystemRunClock: RunClock {
    /// Creates the system clock.
    public init() {}
    /// The system's current wall-clock time.
    public func now() -> Date { Date() }
}
