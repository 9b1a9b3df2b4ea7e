import Foundation

/// Where run events go: the run log file, standard output as JSON lines, a server, memory (tests).
///
/// `record` is called for every event in order; `flush` at each step end and at the run's end, so a
/// sink may buffer in between. Sinks never fail a run: they report trouble through `warnings`.
public protocol RunEventSink: AnyObject, Sendable {
    /// Takes one event (already redacted).
    func record(_ event: RunEvent)
    /// Makes buffered events durable or delivered.
    func flush() async
}

/// Keeps events in memory; for tests and for callers that want the events after the run.
public final class MemoryRunEventSink: RunEventSink, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [RunEvent] = []
    private var flushes = 0

    /// Creates an empty sink.
    public init() {}

    /// Appends `event` to ``events``.
    public func record(_ event: RunEvent) { lock.withLock { stored.append(event) } }
    /// Counts the flush in ``flushCount``; events stay in memory.
    public func flush() async { lock.withLock { flushes += 1 } }

    /// Everything recorded so far.
    public var events: [RunEvent] { lock.withLock { stored } }
    /// How many times the session flushed.
    public var flushCount: Int { lock.withLock { flushes } }
}

/// Writes each event as one JSON line to a file handle (standard output for `--json`).
public final class JSONLinesRunEventSink: RunEventSink, @unchecked Sendable {
    private let lock = NSLock()
    private let handle: FileHandle
    private let encoder = RunEvent.makeEncoder()
    private var buffer = Data()
    private let flushEachEvent: Bool

    /// Writes to `handle`; `flushEachEvent` writes every line at once (live output), else per flush.
    public init(handle: FileHandle, flushEachEvent: Bool = true) {
        self.handle = handle
        self.flushEachEvent = flushEachEvent
    }

    /// Adds `event` as one JSON line, written at once when `flushEachEvent` is set; an event that cannot be
    /// encoded is dropped.
    public func record(_ event: RunEvent) {
        guard let data = try? encoder.encode(event) else { return }
        lock.withLock {
            buffer.append(data)
            buffer.append(0x0A)
            if flushEachEvent { writeBuffer() }
        }
    }

    /// Writes the buffered lines to the handle.
    public func flush() async { lock.withLock { writeBuffer() } }

    private func writeBuffer() {
        guard !buffer.isEmpty else { return }
        try? handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
