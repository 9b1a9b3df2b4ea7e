import Foundation
import RunbookCatalog
import SQLiteKit

extension SQLiteSearchIndex {
    /// The tables. Tokenizer choice: `unicode61` with its default separators, so `virt-handler`,
    /// `etcd_mvcc_db` and `app.kubernetes.io` index as their parts; queries are split by the same rules
    /// (``RunbookCatalog/SearchTokenizer``), so a pasted identifier still matches all its parts, and the
    /// in-memory index, which cannot run SQLite's tokenizer, agrees term for term. CamelCase names, which
    /// `unicode61` keeps whole, are indexed whole and as words by ``RunbookCatalog/SearchDocument/text(of:)``.
    static let schema = [
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """
        CREATE TABLE documents (
            rowid INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, content_hash TEXT NOT NULL,
            id TEXT NOT NULL, title TEXT NOT NULL, file TEXT NOT NULL, line INTEGER NOT NULL)
        """,
        """
        CREATE VIRTUAL TABLE search USING fts5(
            \(SearchField.allCases.map(\.rawValue).joined(separator: ", ")),
            tokenize = 'unicode61 remove_diacritics 2')
        """,
        "CREATE VIRTUAL TABLE search_terms USING fts5vocab(search, 'col')",
        "CREATE VIRTUAL TABLE search_rows USING fts5vocab(search, 'row')",
    ]

    /// Opens the database and makes sure it holds the current schema: an empty file gets the tables, a file
    /// of an older schema or one that is not a database is deleted and rebuilt, and a database of something
    /// else is left alone (an error), since deleting it would lose someone's data.
    static func openPrepared(path: String?) async throws -> SQLiteConnection {
        let connection = try await open(path: path)
        let state = await state(of: connection)
        switch state {
        case .current:
            return connection
        case .empty:
            try await createClosingOnError(connection)
            return connection
        case .foreign:
            try? await connection.close()
            throw StorageSQLError.notAnIndex(path ?? ":memory:")
        case .outdated, .unreadable:
            try? await connection.close()
            if let path { removeFiles(at: path) }
            let fresh = try await open(path: path)
            try await createClosingOnError(fresh)
            return fresh
        }
    }

    private enum State { case current, empty, outdated, foreign, unreadable }

    private static func state(of connection: SQLiteConnection) async -> State {
        do {
            let tables = try await connection.query("SELECT name FROM sqlite_master WHERE type = 'table'", [])
            let names = Set(tables.compactMap { $0.column("name")?.string })
            if names.isEmpty { return .empty }
            guard names.contains("meta"), names.contains("documents") else { return .foreign }
            let rows = try await connection.query("SELECT value FROM meta WHERE key = 'schema_version'", [])
            let version = rows.first?.column("value")?.string.flatMap { Int($0) }
            return version == schemaVersion ? .current : .outdated
        } catch {
            return .unreadable
        }
    }

    private static func createClosingOnError(_ connection: SQLiteConnection) async throws {
        do {
            try await create(on: connection)
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// Throws away the database and starts empty (after damage is found mid-run).
    func reset() async throws {
        statistics = TermStatistics()
        if let connection { try? await connection.close() }
        connection = nil
        if let path { Self.removeFiles(at: path) }
        connection = try await Self.openPrepared(path: path)
    }

    private static func open(path: String?) async throws -> SQLiteConnection {
        let connection: SQLiteConnection
        do {
            connection = try await SQLiteConnection.open(storage: path.map { .file(path: $0) } ?? .memory)
        } catch {
            throw StorageSQLError.cannotOpen(path ?? ":memory:", cause: error)
        }
        // WAL lets a reader search while a refresh writes; NORMAL sync is durable enough for a cache.
        for pragma in ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL", "PRAGMA temp_store = MEMORY"] {
            _ = try? await connection.query(pragma, [])
        }
        return connection
    }

    private static func create(on connection: SQLiteConnection) async throws {
        do {
            _ = try await connection.query("BEGIN IMMEDIATE", [])
            for statement in schema { _ = try await connection.query(statement, []) }
            _ = try await connection.query(
                "INSERT INTO meta (key, value) VALUES ('schema_version', ?), ('document_format', ?)",
                [.text(String(schemaVersion)), .text(String(SearchDocument.formatVersion))])
            _ = try await connection.query("COMMIT", [])
        } catch let error as SQLiteError where error.message.lowercased().contains("fts5") {
            _ = try? await connection.query("ROLLBACK", [])
            throw StorageSQLError.ftsUnavailable(cause: error)
        } catch {
            _ = try? await connection.query("ROLLBACK", [])
            throw StorageSQLError.queryFailed("creating tables", cause: error)
        }
    }

    private static func removeFiles(at path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
