import Foundation

/// Appends events as JSON lines to `DIR/runs/RUN_ID.jsonl`, buffered in memory between flushes
/// (one write per step rather than one per event).
public final class FileRunEventSink: RunEventSink, @unchecked Sendable {
    /// The log file.
    public let path: String
    private let lock = NSLock()
    private let encoder = RunEvent.makeEncoder()
    private var buffer = Data()
    private var handle: FileHandle?
    /// Problems writing the file, as messages for standard error.
    public private(set) var warnings: [String] = []

    /// Creates `runsDirectory` when needed and opens `RUN_ID.jsonl` in it.
    public init(runsDirectory: String, runID: String) throws {
        try FileManager.default.createDirectory(atPath: runsDirectory, withIntermediateDirectories: true)
        path = (runsDirectory as NSString).appendingPathComponent("\(runID).jsonl")
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw RunError.io(
                "cannot create the run log \(path); check that the directory is writable or pass --data-dir")
        }
        handle = FileHandle(forWritingAtPath: path)
    }

    /// Adds `event` to the buffer as one JSON line; an event that cannot be encoded is dropped.
    public func record(_ event: RunEvent) {
        guard let data = try? encoder.encode(event) else { return }
        lock.withLock {
            buffer.append(data)
            buffer.append(0x0A)
        }
    }

    /// Writes the buffered lines to the log file (see ``flushNow()``).
    public func flush() async { flushNow() }

    /// Writes what is buffered; also used from signal handlers' exit paths, which cannot await.
    public func flushNow() {
        lock.withLock {
            guard !buffer.isEmpty, let handle else { return }
            do {
                try handle.write(contentsOf: buffer)
            } catch {
                warnings.append("cannot write the run log \(path): \(error)")
            }
            buffer.removeAll(keepingCapacity: true)
        }
    }
}
