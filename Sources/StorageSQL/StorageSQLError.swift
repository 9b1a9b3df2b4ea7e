import Foundation

/// A failure of the SQL-backed storage: what failed, why, and how to fix it.
public struct StorageSQLError: Error, Sendable, CustomStringConvertible {
    private enum Code: Sendable {
        case cannotCreateDirectory(path: String)
        case cannotOpen(path: String)
        case ftsUnavailable
        case queryFailed(operation: String)
        case corrupt(path: String)
        case notAnIndex(path: String)
        case closed
    }

    private let code: Code
    /// The underlying error's description, when there is one.
    public let cause: String?

    private init(_ code: Code, cause: (any Error)? = nil) {
        self.code = code
        self.cause = cause.map { String(describing: $0) }
    }

    static func cannotCreateDirectory(_ path: String, cause: any Error) -> Self {
        Self(.cannotCreateDirectory(path: path), cause: cause)
    }
    static func cannotOpen(_ path: String, cause: any Error) -> Self { Self(.cannotOpen(path: path), cause: cause) }
    static func ftsUnavailable(cause: any Error) -> Self { Self(.ftsUnavailable, cause: cause) }
    static func queryFailed(_ operation: String, cause: any Error) -> Self {
        Self(.queryFailed(operation: operation), cause: cause)
    }
    static func corrupt(_ path: String, cause: any Error) -> Self { Self(.corrupt(path: path), cause: cause) }
    static func notAnIndex(_ path: String) -> Self { Self(.notAnIndex(path: path)) }
    static var closed: Self { Self(.closed) }

    /// Whether the database file itself is damaged (rebuilding it helps, retrying does not).
    var isDamage: Bool {
        if case .corrupt = code { return true }
        return false
    }

    /// The failure and, where there is one, the path or statement it concerns.
    public var description: String {
        let message: String
        switch code {
        case .cannotCreateDirectory(let path):
            message =
                "cannot create the directory for the search index at \(path); check permissions, or that no file has that name"
        case .cannotOpen(let path):
            message =
                "cannot open the search index at \(path); check that the directory is writable (the index is a cache: deleting the file is safe)"
        case .ftsUnavailable:
            message =
                "this SQLite has no FTS5 full-text search; rebuild firebreak with the bundled SQLite (sqlite-nio enables FTS5)"
        case .queryFailed(let operation):
            message =
                "search index \(operation) failed; run the command again, and if it keeps failing delete the index file (it is rebuilt from the runbooks)"
        case .corrupt(let path):
            message =
                "the search index at \(path) is damaged; delete it (it is rebuilt from the runbooks on the next run)"
        case .notAnIndex(let path):
            message =
                "\(path) is an SQLite database of something else, not a search index; it was left untouched — give the index another path"
        case .closed:
            message = "the search index was used after close(); open a new SQLiteSearchIndex"
        }
        return cause.map { "\(message) (\($0))" } ?? message
    }
}
