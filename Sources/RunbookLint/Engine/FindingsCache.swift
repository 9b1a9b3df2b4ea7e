import Foundation
import RunbookModel

/// Findings of the rules that depend on a file's content alone, kept per file by content fingerprint, so that a
/// re-run on an unchanged tree only parses (links, staleness and the tree rules are always computed fresh).
///
/// The cache is one file, `.firebreak/cache/findings`, valid for one `fingerprint` (configuration, tool versions
/// and analyzer version); anything unreadable or from another fingerprint is ignored and rewritten. It is a line
/// format (tab-separated, escaped), because decoding thousands of findings with JSONDecoder cost more than the rules.
final class FindingsCache: @unchecked Sendable {
    private struct Entry {
        var hash: String
        var findings: [Finding]
    }

    /// Bump when a rule changes what it reports.
    static let analyzerVersion = "findings-1"

    private let fileURL: URL
    private let fingerprint: String
    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private var changed = false

    init(directory: URL, fingerprint: String) {
        fileURL = directory.appendingPathComponent("findings")
        self.fingerprint = fingerprint + "; " + Self.analyzerVersion
        if let data = try? Data(contentsOf: fileURL) { entries = Self.decode(String(decoding: data, as: UTF8.self), fingerprint: self.fingerprint) ?? [:] }
    }

    private static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x5C }) else { return text }
        return text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    private static func unescape(_ text: Substring) -> String {
        guard text.utf8.contains(0x5C) else { return String(text) }
        var result = ""
        var escaped = false
        for character in text {
            if escaped {
                result.append(character == "t" ? "\t" : character == "n" ? "\n" : character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// `F<TAB>file<TAB>hash` starts a file; `rule<TAB>severity<TAB>line<TAB>column<TAB>runbook<TAB>message` lines follow.
    private static func decode(_ text: String, fingerprint: String) -> [String: Entry]? {
        let lines = TextLines.split(text)
        guard let header = lines.first, unescape(header) == fingerprint else { return nil }
        var entries: [String: Entry] = [:]
        var current: (file: String, entry: Entry)?
        for line in lines.dropFirst() where !line.isEmpty {
            let fields = line.utf8.split(separator: 0x09, omittingEmptySubsequences: false).map { Substring($0) }
            if fields.first == "F", fields.count == 3 {
                if let current { entries[current.file] = current.entry }
                current = (unescape(fields[1]), Entry(hash: String(fields[2]), findings: []))
            } else if fields.count == 6, current != nil, let severity = FindingSeverity(rawValue: String(fields[1])),
                let lineNumber = Int(fields[2]), let column = Int(fields[3])
            {
                let file = current?.file ?? ""
                current?.entry.findings.append(
                    Finding(
                        rule: String(fields[0]), severity: severity,
                        location: SourceLocation(file: file, line: lineNumber, column: column), message: unescape(fields[5]),
                        runbook: fields[4].isEmpty ? nil : unescape(fields[4])))
            } else {
                return nil
            }
        }
        if let current { entries[current.file] = current.entry }
        return entries
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
        var text = Self.escape(fingerprint) + "\n"
        for (file, entry) in entries.sorted(by: { $0.key < $1.key }) {
            text += "F\t\(Self.escape(file))\t\(entry.hash)\n"
            for finding in entry.findings where finding.location.file == file {
                text += "\(finding.rule)\t\(finding.severity.rawValue)\t\(finding.location.line)\t\(finding.location.column)\t"
                    + "\(Self.escape(finding.runbook ?? ""))\t\(Self.escape(finding.message))\n"
            }
        }
        try Data(text.utf8).write(to: fileURL, options: .atomic)
    }
}
