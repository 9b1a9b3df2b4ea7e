import Foundation
import RunbookModel

/// Findings of the rules that depend on a file's content alone, kept per file by content fingerprint, so that a
/// re-run on an unchanged tree only parses (links, staleness and the tree rules are always computed fresh).
///
/// The cache is one JSON file, `.firebreak/cache/findings.json`, valid for one `fingerprint` (configuration,
/// tool versions and analyzer version); anything unreadable or from another fingerprint is ignored and rewritten.
final class FindingsCache: @unchecked Sendable {
    private struct Entry: Codable {
        var hash: String
        var findings: [Finding]
    }

    private struct Stored: Codable {
        var fingerprint: String
        var entries: [String: Entry]
    }

    /// Bump when a rule changes what it reports.
    static let analyzerVersion = "findings-1"

    private let fileURL: URL
    private let fingerprint: String
    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private var changed = false

    init(directory: URL, fingerprint: String) {
        fileURL = directory.appendingPathComponent("findings.json")
        self.fingerprint = fingerprint + "; " + Self.analyzerVersion
        if let data = try? Data(contentsOf: fileURL), let stored = try? JSONDecoder().decode(Stored.self, from: data),
            stored.fingerprint == self.fingerprint
        {
            entries = stored.entries
        }
    }

    func lookup(file: String, hash: String) -> [Finding]? {
        lock.lock()
        defer { lock.unlock() }
        guard let entry = entries[file], entry.hash == hash else { return nil }
        return entry.findings
    }

    func store(file: String, hash: String, findings: [Finding]) {
        lock.lock()
        entries[file] = Entry(hash: hash, findings: findings)
        changed = true
        lock.unlock()
    }

    /// Drops files that are no longer in the tree and writes the file atomically.
    func save(keeping files: Set<String>) throws {
        lock.lock()
        defer { lock.unlock() }
        let before = entries.count
        entries = entries.filter { files.contains($0.key) }
        guard changed || entries.count != before else { return }
        try FileManager.default.createDirectory(at: fileURL.deletingLastPathComponent(), withIntermediateDirectories: true)
        let data = try JSONEncoder().encode(Stored(fingerprint: fingerprint, entries: entries))
        try data.write(to: fileURL, options: .atomic)
    }
}
