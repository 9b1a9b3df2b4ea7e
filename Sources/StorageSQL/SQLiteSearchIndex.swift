import Foundation
import RunbookCatalog
import SQLiteKit

/// A ``RunbookCatalog/RunbookSearchIndex`` on SQLite FTS5, kept in a file between runs (or in memory).
///
/// One FTS5 table holds the six ``RunbookCatalog/SearchField``s as columns and ranks with `bm25()` using
/// ``RunbookCatalog/SearchField/weight`` as column weights; a side table maps each document key to its
/// content hash, so a refresh rewrites only what changed, in one transaction. A file from another schema
/// version, or one that is not a database, is deleted and rebuilt: the index is a cache of the runbooks.
///
/// ```swift
/// let index = try await SQLiteSearchIndex(path: base + "/.firebreak/search.sqlite")
/// _ = try await index.refresh(tree.runbooks.map(SearchDocument.init(runbook:)))
/// let hits = try await index.search("UNAVAILABLE", limit: 10)
/// try await index.close()
/// ```
public actor SQLiteSearchIndex: RunbookSearchIndex {
    /// Bumped when the tables or the tokenizer change; older files are rebuilt.
    public static let schemaVersion = 1

    let path: String?
    var connection: SQLiteConnection?
    /// Document frequencies read from the index, cleared whenever a refresh changes it.
    var statistics = TermStatistics()

    /// Opens (creating when needed) the index at `path`, or an in-memory one when `path` is nil.
    public init(path: String?) async throws {
        self.path = path
        if let path {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                do {
                    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                } catch {
                    throw StorageSQLError.cannotCreateDirectory(directory, cause: error)
                }
            }
        }
        connection = try await Self.openPrepared(path: path)
    }

    /// Closes the database; later calls throw.
    public func close() async throws {
        guard let connection else { return }
        self.connection = nil
        try await connection.close()
    }

    deinit {
        // A forgotten close() must not leave the handle open (SQLiteNIO asserts on that); closing twice is harmless.
        if let connection { _ = connection.close() as EventLoopFuture<Void> }
    }

    /// Number of documents held.
    public func count() async throws -> Int {
        let rows = try await run("SELECT count(*) AS n FROM documents", [], operation: "count")
        return rows.first?.column("n")?.integer ?? 0
    }

    /// Brings the index to exactly `documents`: new and changed ones are (re)indexed, missing ones dropped.
    public func refresh(_ documents: [SearchDocument]) async throws -> RefreshStats {
        do {
            return try await write(SearchDocument.uniqueByKey(documents))
        } catch let error as StorageSQLError where error.isDamage {
            // A file damaged since it was opened: start over from the runbooks rather than fail every run.
            try await reset()
            return try await write(SearchDocument.uniqueByKey(documents))
        }
    }

    /// The best `limit` runbooks for `query`, ranked by the index's full-text score.
    public func search(_ query: String, limit: Int) async throws -> [SearchHit] {
        let parsed = SearchQuery(query)
        guard !parsed.isEmpty, limit > 0 else { return [] }
        try await loadStatistics(for: parsed.terms)
        var ranked = try await rankTier(parsed.terms, requireAll: true, limit: limit, excluding: [])
        if ranked.count < limit, parsed.terms.count > 1 {
            let partial = SearchRanking.partialMatchTerms(
                parsed.terms, documentFrequency: { self.statistics.documentFrequency($0) },
                documentCount: statistics.documentCount)
            ranked += try await rankTier(
                partial, requireAll: false, limit: limit - ranked.count, excluding: Set(ranked.map(\.rowid)))
        }
        return try await hits(for: ranked, terms: parsed.terms)
    }

    /// Runs one statement on the open connection, mapping SQLite's errors to ``StorageSQLError``.
    func run(_ sql: String, _ binds: [SQLiteData], operation: String) async throws -> [SQLiteRow] {
        guard let connection else { throw StorageSQLError.closed }
        do {
            return try await connection.query(sql, binds)
        } catch let error as SQLiteError where Self.isDamage(error) {
            throw StorageSQLError.corrupt(path ?? ":memory:", cause: error)
        } catch {
            throw StorageSQLError.queryFailed(operation, cause: error)
        }
    }

    static func isDamage(_ error: SQLiteError) -> Bool {
        switch error.reason {
        case .corrupt, .notADatabase: true
        default: false
        }
    }
}
