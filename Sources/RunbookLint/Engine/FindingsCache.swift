import Foundation
import RunbookModel

/// Findings of the rules that depend on a file's content alone, kept per file by content fingerprint, with the
/// outline of the file that the other rules read (runbook ids, dates and alerts, headings' anchors, links): a re-run
/// on an unchanged tree reads and fingerprints the files but parses none of them again (links, staleness and the
/// tree rules are still computed fresh, from the outlines).
///
/// The cache is one file, `.firebreak/cache/findings`, valid for one `fingerprint` (configuration, tool versions
/// and analyzer version); anything unreadable or from another fingerprint is ignored and rewritten. It is a line
/// format (tab-separated, escaped), because decoding thousands of findings with JSONDecoder cost more than the rules.
final class FindingsCache: @unchecked Sendable {
    /// What is kept of one file.
    struct Entry {
        var hash: String
        var findings: [Finding]
        /// The parsed document reduced to what links, staleness, duplicate ids and alert coverage read.
        var outline: RunbookDocument
        /// Terminated shell blocks in the file, for the summary's counts.
        var shellBlocks: Int
    }

    /// Bump when a rule changes what it reports, or the parser what it builds.
    static let analyzerVersion = "findings-2"

    private let fileURL: URL
    private let fingerprint: String
    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private var changed = false

    init(directory: URL, fingerprint: String) {
        fileURL = directory.appendingPathComponent("findings")
        self.fingerprint = fingerprint + "; " + Self.analyzerVersion
        if let data = try? Data(contentsOf: fileURL) {
            entries = Self.decode([UInt8](data), fingerprint: self.fingerprint) ?? [:]
        }
    }

    /// The entry for `file` if it was stored for the same content.
    func lookup(file: String, hash: String) -> Entry? {
        lock.lock()
        defer { lock.unlock() }
        guard let entry = entries[file], entry.hash == hash else { return nil }
        return entry
    }

    /// Keeps the content-only findings of a freshly parsed `document`, with its outline.
    func store(_ document: RunbookDocument, findings: [Finding]) {
        let shellBlocks = document.allBlocks.filter { $0.block.language.isShell && !$0.block.unterminated }.count
        let entry = Entry(
            hash: document.contentHash, findings: findings, outline: Self.outline(of: document),
            shellBlocks: shellBlocks)
        lock.lock()
        entries[document.file] = entry
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
        try FileManager.default.createDirectory(
            at: fileURL.deletingLastPathComponent(), withIntermediateDirectories: true)
        var text = Self.escape(fingerprint) + "\n"
        for (file, entry) in entries.sorted(by: { $0.key < $1.key }) { Self.encode(entry, file: file, into: &text) }
        try Data(text.utf8).write(to: fileURL, options: .atomic)
    }
}
