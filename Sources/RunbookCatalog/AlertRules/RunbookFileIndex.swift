import Foundation

/// The files of a runbook tree, for resolving links to them without touching the disk again.
public protocol RunbookFileIndex: Sendable {
    /// The actual path of the file at `relativePath` (relative to the tree's base directory),
    /// matched case-insensitively, or nil when there is none.
    func lookup(relativePath: String) -> String?
    /// Every file of the tree, relative to its base directory.
    func allPaths() -> [String]
}

/// An in-memory ``RunbookFileIndex`` over a list of relative paths (all files of the tree, any extension).
///
/// ```swift
/// let index = RunbookFileSet(baseDirectory: root, relativePaths: ["runbooks/Ledger-Drift.md"])
/// index.lookup(relativePath: "runbooks/ledger-drift.md")  // "runbooks/Ledger-Drift.md"
/// ```
public struct RunbookFileSet: RunbookFileIndex {
    /// The directory the paths are relative to.
    public let baseDirectory: URL
    private let paths: [String]
    private let exact: Set<String>
    private let folded: [String: String]

    /// Indexes `relativePaths`. When two paths differ only in letter case, an exact match wins and
    /// otherwise the first in sorted order.
    public init(baseDirectory: URL, relativePaths: [String]) {
        self.baseDirectory = baseDirectory
        let cleaned = Array(Set(relativePaths.map(Self.clean))).filter { !$0.isEmpty }.sorted()
        paths = cleaned
        exact = Set(cleaned)
        var folded: [String: String] = [:]
        for path in cleaned where folded[path.lowercased()] == nil { folded[path.lowercased()] = path }
        self.folded = folded
    }

    /// Indexes every regular file below `baseDirectory`, skipping `.git` and `node_modules` directories.
    public static func scanning(_ baseDirectory: URL) -> RunbookFileSet {
        let base = baseDirectory.standardizedFileURL
        var found: [String] = []
        if let enumerator = FileManager.default.enumerator(
            at: base, includingPropertiesForKeys: [.isDirectoryKey, .isRegularFileKey])
        {
            for case let url as URL in enumerator {
                let values = try? url.resourceValues(forKeys: [.isDirectoryKey, .isRegularFileKey])
                if values?.isDirectory == true {
                    if url.lastPathComponent == ".git" || url.lastPathComponent == "node_modules" {
                        enumerator.skipDescendants()
                    }
                    continue
                }
                let path = url.standardizedFileURL.path
                guard values?.isRegularFile == true, path.hasPrefix(base.path + "/") else { continue }
                found.append(String(path.dropFirst(base.path.count + 1)))
            }
        }
        return RunbookFileSet(baseDirectory: base, relativePaths: found)
    }

    /// The actual path of `relativePath`: the exact path when indexed, else a case-insensitive match.
    public func lookup(relativePath: String) -> String? {
        let path = Self.clean(relativePath)
        if exact.contains(path) { return path }
        return folded[path.lowercased()]
    }

    /// Every indexed path, sorted.
    public func allPaths() -> [String] { paths }

    /// `./a//b/` → `a/b`.
    static func clean(_ path: String) -> String {
        path.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
    }
}
