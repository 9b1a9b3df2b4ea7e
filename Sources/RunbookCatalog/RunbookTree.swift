import Foundation
import RunbookModel
import RunbookParser

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A problem loading the tree that stops lint from seeing what it was asked to (exit status 2).
public struct TreeLoadError: Error, Sendable, CustomStringConvertible {
    /// The root that could not be loaded, as given.
    public var path: String
    /// What went wrong, with a hint to fix it.
    public var message: String

    /// Creates an error for `path`.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// The path and the message, as `path: message`.
    public var description: String { "\(path): \(message)" }
}

/// Every Markdown file under the runbook roots, parsed; plus the list of all files, for links.
public struct RunbookTree: Sendable {
    /// Parsed documents, sorted by path.
    public var documents: [RunbookDocument]
    /// Every file under the roots (any extension), as display paths: link and `runbook_url` targets.
    public var files: [String]
    /// Roots that do not exist or cannot be listed.
    public var errors: [TreeLoadError]

    /// Markdown file extensions walked in directories; files named explicitly are parsed whatever their extension.
    public static let markdownExtensions: Set<String> = ["md", "markdown", "mdown", "mkd"]

    /// Loads `roots` (display paths: as given on the command line, or the config's resolved relative to the
    /// current directory). `isExcluded` receives a path relative to its root and the display path.
    /// `reusing` may answer a file (display path, content fingerprint) with a document built earlier from the
    /// same bytes, which is then not parsed again (see ``RunbookDocumentParser/parse(path:reportedAs:reusing:)``).
    public static func load(
        roots: [String], baseDirectory: URL, isExcluded: @Sendable (_ relative: String, _ display: String) -> Bool,
        parser: RunbookDocumentParser, progress: (@Sendable (Int, Int) -> Void)? = nil,
        reusing: (@Sendable (_ file: String, _ contentHash: String) -> RunbookDocument?)? = nil
    ) -> RunbookTree {
        let base = baseDirectory.path
        let onDisk: @Sendable (String) -> String = { display in display.hasPrefix("/") ? display : base + "/" + display
        }
        var markdown: [String] = []
        var files: [String] = []
        var walked: [(relative: String, display: String)] = []
        var errors: [TreeLoadError] = []
        let manager = FileManager.default
        for root in roots {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: onDisk(root), isDirectory: &isDirectory) else {
                errors.append(
                    TreeLoadError(
                        path: root, message: "no such file or directory; check the path or `runbooks:` in firebreak.yml"
                    ))
                continue
            }
            guard isDirectory.boolValue else {
                markdown.append(root)
                files.append(root)
                continue
            }
            guard let enumerator = manager.enumerator(atPath: onDisk(root)) else {
                errors.append(TreeLoadError(path: root, message: "cannot list the directory (permissions?)"))
                continue
            }
            let prefix = root == "." ? "" : (root.hasSuffix("/") ? root : root + "/")
            let rootOnDisk = onDisk(root)
            while let relative = enumerator.nextObject() as? String {
                let display = prefix + relative
                if isRealDirectory(rootOnDisk + "/" + relative) {
                    if isExcluded(relative + "/", display + "/") || relative.hasSuffix("/.git") || relative == ".git" {
                        enumerator.skipDescendants()
                    }
                    continue
                }
                files.append(display)
                walked.append((relative, display))
            }
        }
        // Which walked files are Markdown and not excluded: decided on all cores, as the walk itself cannot be.
        let candidates = walked
        let wanted = Parallel.map(candidates.count) { index in
            let (relative, display) = candidates[index]
            let ext = (relative as NSString).pathExtension.lowercased()
            return markdownExtensions.contains(ext) && !isExcluded(relative, display)
        }
        markdown += candidates.indices.filter { wanted[$0] }.map { candidates[$0].display }
        markdown = Array(Set(markdown)).sorted()
        let paths = markdown
        let counter = ProgressCounter(total: paths.count, report: progress)
        let documents = Parallel.map(paths.count) { index in
            let document = parser.parse(path: onDisk(paths[index]), reportedAs: paths[index], reusing: reusing)
            counter.advance()
            return document
        }
        return RunbookTree(documents: documents, files: Array(Set(files)).sorted(), errors: errors)
    }

    /// Whether `path` is a directory, not a link to one: what the enumerator's `fileAttributes` tell,
    /// from one `lstat` instead of a dictionary of every attribute.
    private static func isRealDirectory(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// All runbooks of all documents.
    public var runbooks: [Runbook] { documents.flatMap(\.runbooks) }
}

/// Counts finished items from several threads and reports at most every 50 items.
final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    private let total: Int
    private let report: (@Sendable (Int, Int) -> Void)?

    init(total: Int, report: (@Sendable (Int, Int) -> Void)?) {
        self.total = total
        self.report = report
    }

    func advance() {
        guard let report else { return }
        lock.lock()
        done += 1
        let current = done
        lock.unlock()
        if current % 50 == 0 || current == total { report(current, total) }
    }
}
