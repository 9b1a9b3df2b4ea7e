import Foundation

/// The run logs in `DIR/runs/*.jsonl`: listing runs and reading one.
///
/// ```swift
/// let log = RunLog(directory: ".firebreak/runs")
/// for run in try log.list() { print(run.id, run.runbook ?? "", run.status ?? "running") }
/// ```
public struct RunLog: Sendable {
    /// One run, summarised from its events.
    public struct Entry: Codable, Sendable, Equatable {
        /// Run id.
        public var id: String
        /// Runbook id.
        public var runbook: String?
        /// When it started.
        public var started: Date?
        /// Final status, nil when the run has not finished (or was killed).
        public var status: String?
        /// Incident, when given.
        public var incident: String?
        /// Commands by outcome.
        public var counts: [String: Int]
        /// The log file.
        public var file: String
    }

    /// The directory holding `RUN_ID.jsonl` files.
    public let directory: String

    /// Creates a reader for `directory`.
    public init(directory: String) { self.directory = directory }

    /// Every run, newest first.
    public func list() throws -> [Entry] {
        guard FileManager.default.fileExists(atPath: directory) else { return [] }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".jsonl") }
        return try names.map { try summary(of: String($0.dropLast(6))) }.sorted {
            ($0.started ?? .distantPast, $0.id) > ($1.started ?? .distantPast, $1.id)
        }
    }

    /// The events of run `id` (a unique prefix is enough).
    public func events(of id: String) throws -> [RunEvent] {
        let path = try file(of: id)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RunError.io("cannot read \(path); check its permissions")
        }
        let decoder = RunEvent.makeDecoder()
        var events: [RunEvent] = []
        for (index, line) in data.split(separator: 0x0A).enumerated() where !line.isEmpty {
            do {
                events.append(try decoder.decode(RunEvent.self, from: Data(line)))
            } catch {
                throw RunError.io(
                    "\(path):\(index + 1): not a run event (\(error)); the log is damaged, move the file away")
            }
        }
        return events
    }

    /// Summary of run `id`.
    public func summary(of id: String) throws -> Entry {
        let events = try events(of: id)
        let finished = events.last { $0.kind == .runFinished }
        let started = events.first { $0.kind == .runStarted }
        return Entry(
            id: events.first?.runID ?? id, runbook: started?.runbook ?? events.first?.runbook,
            started: started?.time ?? events.first?.time,
            status: finished?.status, incident: started?.incident, counts: finished?.counts ?? [:],
            file: try file(of: id))
    }

    private func file(of id: String) throws -> String {
        let exact = (directory as NSString).appendingPathComponent("\(id).jsonl")
        if FileManager.default.fileExists(atPath: exact) { return exact }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let matches = names.filter { $0.hasPrefix(id) && $0.hasSuffix(".jsonl") }
        guard matches.count == 1 else {
            throw RunError.usage(
                matches.isEmpty
                    ? "no run '\(id)' in \(directory); `firebreak runs` lists them"
                    : "run id '\(id)' is ambiguous (\(matches.count) runs); give more of it")
        }
        return (directory as NSString).appendingPathComponent(matches[0])
    }
}
