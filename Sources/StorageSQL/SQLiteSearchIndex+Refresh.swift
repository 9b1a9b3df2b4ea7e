import RunbookCatalog
import SQLiteKit

extension SQLiteSearchIndex {
    /// Rows per multi-row statement: each statement costs a round trip to SQLite's thread, so rows are batched.
    private static let batchSize = 64

    /// Brings the tables in line with `documents` in one transaction.
    func write(_ documents: [SearchDocument]) async throws -> RefreshStats {
        var existing: [String: (rowid: Int, hash: String)] = [:]
        var nextRowid = 1
        for row in try await run(
            "SELECT rowid, key, content_hash FROM documents", [], operation: "reading document hashes")
        {
            guard let rowid = row.column("rowid")?.integer, let key = row.column("key")?.string else { continue }
            existing[key] = (rowid, row.column("content_hash")?.string ?? "")
            nextRowid = max(nextRowid, rowid + 1)
        }
        var stats = RefreshStats()
        var stale: [Int] = []
        var fresh: [(rowid: Int, document: SearchDocument)] = []
        let wanted = Set(documents.map(\.key))
        for (key, entry) in existing where !wanted.contains(key) {
            stale.append(entry.rowid)
            stats.removed += 1
        }
        for document in documents {
            if let entry = existing[document.key] {
                if entry.hash == document.contentHash {
                    stats.unchanged += 1
                    continue
                }
                stale.append(entry.rowid)
                stats.updated += 1
            } else {
                stats.added += 1
            }
            fresh.append((nextRowid, document))
            nextRowid += 1
        }
        guard !stale.isEmpty || !fresh.isEmpty else { return stats }

        statistics = TermStatistics()
        _ = try await run("BEGIN IMMEDIATE", [], operation: "starting a refresh")
        do {
            try await delete(stale)
            try await insert(fresh)
            // Many new rows leave many index segments; merging them keeps queries fast.
            if fresh.count >= 1_000, fresh.count * 4 >= existing.count + fresh.count {
                _ = try await run("INSERT INTO search (search) VALUES ('optimize')", [], operation: "optimising")
            }
            _ = try await run("COMMIT", [], operation: "committing a refresh")
        } catch {
            _ = try? await run("ROLLBACK", [], operation: "rolling back")
            throw error
        }
        return stats
    }

    private func delete(_ rowids: [Int]) async throws {
        for start in stride(from: 0, to: rowids.count, by: Self.batchSize) {
            let chunk = rowids[start..<min(rowids.count, start + Self.batchSize)]
            let placeholders = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
            let binds = chunk.map { SQLiteData.integer($0) }
            _ = try await run(
                "DELETE FROM search WHERE rowid IN (\(placeholders))", binds, operation: "deleting documents")
            _ = try await run(
                "DELETE FROM documents WHERE rowid IN (\(placeholders))", binds, operation: "deleting documents")
        }
    }

    private func insert(_ rows: [(rowid: Int, document: SearchDocument)]) async throws {
        let fields = SearchField.allCases
        let searchRow = "(" + Array(repeating: "?", count: fields.count + 1).joined(separator: ", ") + ")"
        let columns = fields.map(\.rawValue).joined(separator: ", ")
        for start in stride(from: 0, to: rows.count, by: Self.batchSize) {
            let chunk = rows[start..<min(rows.count, start + Self.batchSize)]
            var documentBinds: [SQLiteData] = []
            var searchBinds: [SQLiteData] = []
            for (rowid, document) in chunk {
                documentBinds += [
                    .integer(rowid), .text(document.key), .text(document.contentHash), .text(document.id),
                    .text(document.title), .text(document.file), .integer(document.line),
                ]
                searchBinds.append(.integer(rowid))
                searchBinds += fields.map { .text(document.text(of: $0)) }
            }
            let documentRows = Array(repeating: "(?, ?, ?, ?, ?, ?, ?)", count: chunk.count).joined(separator: ", ")
            _ = try await run(
                "INSERT INTO documents (rowid, key, content_hash, id, title, file, line) VALUES \(documentRows)",
                documentBinds, operation: "writing documents")
            let searchRows = Array(repeating: searchRow, count: chunk.count).joined(separator: ", ")
            _ = try await run(
                "INSERT INTO search (rowid, \(columns)) VALUES \(searchRows)", searchBinds,
                operation: "indexing documents")
        }
    }
}
