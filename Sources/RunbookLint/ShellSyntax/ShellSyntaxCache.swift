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

    let maximumEntries: Int
    private let lock = NSLock()
    var entries: [Key: [ShellSyntaxIssue]]
    var touched: Set<Key> = []
    private var needsWrite: Bool

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
        needsWrite = discardedExistingFile || entries.count > self.maximumEntries
    }

    /// Number of results held.
    public var count: Int { lock.withLock { entries.count } }

    /// The stored result for a script hash (``ContentHash/sha256Hex(_:)`` of the script), or
    /// nil when the script was never checked with these tools or the hash is not 64 hex digits.
    public func lookup(_ scriptHash: String) -> [ShellSyntaxIssue]? {
        guard let key = Key(hex: scriptHash) else { return nil }
        return lock.withLock {
            guard let found = entries[key] else { return nil }
            touched.insert(key)
            return found
        }
    }

    /// Records the result for a script hash (64 hex digits; anything else is not stored).
    public func store(_ scriptHash: String, _ issues: [ShellSyntaxIssue]) {
        guard let key = Key(hex: scriptHash) else { return }
        lock.withLock {
            if entries[key] != issues {
                entries[key] = issues
                needsWrite = true
            }
            touched.insert(key)
        }
    }

    /// Writes the cache if anything changed: to a temporary file first, then renamed over the
    /// old one, so a reader never sees half a file.
    public func save() throws {
        let text: String? = lock.withLock {
            guard needsWrite else { return nil }
            needsWrite = false
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
            lock.withLock { needsWrite = true }
            throw CacheError(fileURL: fileURL, detail: "\(error)")
        }
        guard rename(temporary.path, fileURL.path) == 0 else {
            let code = errno
            try? FileManager.default.removeItem(at: temporary)
            lock.withLock { needsWrite = true }
            throw CacheError(fileURL: fileURL, detail: "rename failed with errno \(code)")
        }
    }

    /// Why the cache could not be written.
    public struct CacheError: Error, Sendable, CustomStringConvertible {
        /// The cache file that was being written.
        public let fileURL: URL
        let detail: String

        /// Which cache file failed and why, with what to do about it.
        public var description: String {
            "could not write the shell check cache \(fileURL.path) (\(detail)): check that its directory is "
                + "writable, or delete the directory to start afresh"
        }
    }

    /// A SHA-256 digest held as four words: cheaper to hash and compare than its hex text,
    /// which keeps loading a large cache fast.
    struct Key: Hashable {
        var words: (UInt64, UInt64, UInt64, UInt64)

        init?(hex: String) {
            guard let key = Array(hex.utf8).withUnsafeBufferPointer({ Key(hex: $0) }) else { return nil }
            self = key
        }

        /// Nibble values of the lowercase hex digits; 0xFF for every other byte.
        private static let nibbles: [UInt8] = (0..<256).map { byte in
            switch byte {
            case 48...57: UInt8(byte - 48)
            case 97...102: UInt8(byte - 87)
            default: 0xFF
            }
        }

        init?(hex bytes: UnsafeBufferPointer<UInt8>) {
            guard bytes.count == 64 else { return nil }
            let parsed = Self.nibbles.withUnsafeBufferPointer { table -> (UInt64, UInt64, UInt64, UInt64)? in
                var words: [UInt64] = [0, 0, 0, 0]
                var invalid: UInt8 = 0
                for index in 0..<64 {
                    let nibble = table[Int(bytes[index])]
                    invalid |= nibble & 0xF0
                    words[index >> 4] = words[index >> 4] << 4 | UInt64(nibble & 0x0F)
                }
                return invalid == 0 ? (words[0], words[1], words[2], words[3]) : nil
            }
            guard let parsed else { return nil }
            words = parsed
        }

        var hex: String {
            let digits = Array("0123456789abcdef".utf8)
            var out: [UInt8] = []
            out.reserveCapacity(64)
            for word in [words.0, words.1, words.2, words.3] {
                for shift in stride(from: 60, through: 0, by: -4) {
                    out.append(digits[Int((word >> UInt64(shift)) & 0xf)])
                }
            }
            return String(decoding: out, as: UTF8.self)
        }

        static func == (lhs: Key, rhs: Key) -> Bool { lhs.words == rhs.words }

        func hash(into hasher: inout Hasher) {
            hasher.combine(words.0)
            hasher.combine(words.1)
        }
    }
}
