import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A persistent cache of shell check results by script content hash, so that a re-run on an
/// unchanged tree starts no process at all.
///
/// One file, `shell-syntax.cache`, in the directory the caller names. Its first line holds the
/// tool key: results made by another bash, shellcheck or analyzer version are never used. One
/// line per script follows (its hash, then its issues), and a count line ends the file, so a
/// truncated or otherwise damaged file is recognised, ignored and rebuilt.
///
/// ```swift
/// let cache = ShellSyntaxCache(directory: configDir.appendingPathComponent(".firebreak/cache"),
///                              toolKey: CachedShellChecker.toolKey(bashPath: "/bin/bash", shellcheckPath: nil))
/// let checker = CachedShellChecker(oracle: ShellSyntaxOracle(), cache: cache)
/// let results = try checker.check(scripts)
/// try cache.save()
/// ```
public final class ShellSyntaxCache: @unchecked Sendable {
    /// The cache file.
    public let fileURL: URL
    /// The key of the tools whose results this cache holds.
    public let toolKey: String
    /// Whether a cache file existed but was unreadable, damaged or made by other tools, and
    /// was therefore ignored.
    public let discardedExistingFile: Bool

    private static let formatLine = "firebreak-shell-syntax-cache 1"
    private let maximumEntries: Int
    private let lock = NSLock()
    private var entries: [String: [ShellSyntaxIssue]]
    private var touched: Set<String> = []
    private var dirty = false

    /// Opens the cache in `directory` (created on ``save()``); a missing, damaged or foreign
    /// file starts an empty cache. At most `maximumEntries` results are kept, those used in
    /// this run first.
    public init(directory: URL, toolKey: String, maximumEntries: Int = 200_000) {
        self.fileURL = directory.appendingPathComponent("shell-syntax.cache")
        self.toolKey = toolKey
        self.maximumEntries = max(1, maximumEntries)
        if let data = try? Data(contentsOf: fileURL) {
            let loaded = Self.decode(data, toolKey: toolKey)
            entries = loaded ?? [:]
            discardedExistingFile = loaded == nil
        } else {
            entries = [:]
            discardedExistingFile = false
        }
    }

    /// Number of results held.
    public var count: Int { lock.withLock { entries.count } }

    /// The stored result for a script hash (``ContentHash/sha256Hex(_:)`` of the script), or
    /// nil when the script was never checked with these tools.
    public func lookup(_ scriptHash: String) -> [ShellSyntaxIssue]? {
        lock.withLock {
            guard let found = entries[scriptHash] else { return nil }
            touched.insert(scriptHash)
            return found
        }
    }

    /// Records the result for a script hash.
    public func store(_ scriptHash: String, _ issues: [ShellSyntaxIssue]) {
        lock.withLock {
            if entries[scriptHash] != issues {
                entries[scriptHash] = issues
                dirty = true
            }
            touched.insert(scriptHash)
        }
    }

    /// Writes the cache if anything changed: to a temporary file first, then renamed over the
    /// old one, so a reader never sees half a file.
    public func save() throws {
        let text: String? = lock.withLock {
            guard dirty || discardedExistingFile || entries.count > maximumEntries else { return nil }
            dirty = false
            return encode()
        }
        guard let text else { return }
        let directory = fileURL.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".shell-syntax.cache.\(UUID().uuidString).tmp")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw CacheError(fileURL: fileURL, detail: "\(error)")
        }
        guard rename(temporary.path, fileURL.path) == 0 else {
            let code = errno
            try? FileManager.default.removeItem(at: temporary)
            throw CacheError(fileURL: fileURL, detail: "rename failed with errno \(code)")
        }
    }

    /// Why the cache could not be written.
    public struct CacheError: Error, Sendable, CustomStringConvertible {
        /// The cache file that was being written.
        public let fileURL: URL
        let detail: String

        public var description: String {
            "could not write the shell check cache \(fileURL.path) (\(detail)): check that its directory is "
                + "writable, or delete the directory to start afresh"
        }
    }

    // MARK: - Format

    /// Called with the lock held.
    private func encode() -> String {
        var keys = entries.keys.filter { touched.contains($0) }.sorted()
        if keys.count < maximumEntries {
            let others = entries.keys.filter { !touched.contains($0) }.sorted()
            keys.append(contentsOf: others.prefix(maximumEntries - keys.count))
        } else {
            keys = Array(keys.prefix(maximumEntries))
        }
        var out = Self.formatLine + "\t" + Self.escape(toolKey) + "\n"
        out.reserveCapacity(keys.count * 70)
        for key in keys {
            out += key
            for issue in entries[key] ?? [] {
                out += "\t"
                out += [
                    String(issue.line), String(issue.column), Self.escape(issue.level), Self.escape(issue.tool),
                    Self.escape(issue.code ?? ""), Self.escape(issue.message),
                ].joined(separator: "\u{1F}")
            }
            out += "\n"
        }
        out += "end\t\(keys.count)\n"
        return out
    }

    /// The entries of a cache file, or nil when it is damaged or holds other tools' results.
    static func decode(_ data: Data, toolKey: String) -> [String: [ShellSyntaxIssue]]? {
        let bytes = [UInt8](data)
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        // A complete file ends with a newline, so the last piece is empty.
        guard lines.count >= 3, lines.removeLast().isEmpty else { return nil }
        let header = String(decoding: lines.removeFirst(), as: UTF8.self)
        guard header == formatLine + "\t" + escape(toolKey) else { return nil }
        let trailer = String(decoding: lines.removeLast(), as: UTF8.self)
        guard trailer == "end\t\(lines.count)" else { return nil }
        var entries: [String: [ShellSyntaxIssue]] = [:]
        entries.reserveCapacity(lines.count)
        for line in lines {
            guard line.count >= 64 else { return nil }
            let hashEnd = line.startIndex + 64
            guard line[line.startIndex..<hashEnd].allSatisfy(isLowerHex) else { return nil }
            let hash = String(decoding: line[line.startIndex..<hashEnd], as: UTF8.self)
            if hashEnd == line.endIndex {
                entries[hash] = []
                continue
            }
            guard line[hashEnd] == UInt8(ascii: "\t") else { return nil }
            var issues: [ShellSyntaxIssue] = []
            for record in line[(hashEnd + 1)...].split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false) {
                guard let issue = decodeIssue(record) else { return nil }
                issues.append(issue)
            }
            entries[hash] = issues
        }
        return entries
    }

    private static func decodeIssue(_ record: ArraySlice<UInt8>) -> ShellSyntaxIssue? {
        let fields = record.split(separator: 0x1F, omittingEmptySubsequences: false).map {
            unescape(String(decoding: $0, as: UTF8.self))
        }
        guard fields.count == 6, let line = Int(fields[0]), let column = Int(fields[1]) else { return nil }
        return ShellSyntaxIssue(
            line: line, column: column, message: fields[5], tool: fields[3], code: fields[4].isEmpty ? nil : fields[4],
            level: fields[2])
    }

    private static func isLowerHex(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
    }

    static func escape(_ text: String) -> String {
        guard text.contains(where: { $0 == "\\" || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{1F}" }) else {
            return text
        }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\u{1F}": out += "\\u"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func unescape(_ text: String) -> String {
        guard text.contains("\\") else { return text }
        var out = ""
        var escaping = false
        for scalar in text.unicodeScalars {
            if escaping {
                switch scalar {
                case "t": out += "\t"
                case "n": out += "\n"
                case "r": out += "\r"
                case "u": out += "\u{1F}"
                default: out.unicodeScalars.append(scalar)
                }
                escaping = false
            } else if scalar == "\\" {
                escaping = true
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
