import RunbookCatalog
import SQLiteKit

/// How many documents hold each term, per column, as FTS5's `fts5vocab` table reports it.
struct TermStatistics: Sendable {
    /// Documents in the index.
    var documentCount = 0
    var loaded = false
    /// term → column → documents holding the term in that column; column `*` is any column.
    var perColumn: [String: [String: Int]] = [:]

    /// Documents holding `term` in any column.
    func documentFrequency(_ term: String) -> Int { perColumn[term]?["*"] ?? 0 }

    /// An upper bound on the documents an expression over `columns` can match: per term, the documents
    /// holding it anywhere, or fewer when the columns together hold it less often.
    func estimate(_ terms: [String], requireAll: Bool, columns: [SearchField]) -> Int {
        let counts = terms.map { term in
            min(documentFrequency(term), columns.reduce(0) { $0 + (perColumn[term]?[$1.rawValue] ?? 0) })
        }
        return requireAll ? (counts.min() ?? 0) : counts.reduce(0, +)
    }
}

extension SQLiteSearchIndex {
    /// One ranked row: FTS rowid and BM25 score (higher is better).
    struct Ranked: Sendable {
        var rowid: Int
        var score: Double
    }

    /// `bm25(search, 10, 10, 5, …)`: the field weights, in column order.
    static let bm25Call = "bm25(search, " + SearchField.allCases.map { "\($0.weight)" }.joined(separator: ", ") + ")"

    /// The most rows one ranking statement scores. `bm25()` costs about a microsecond per row, so a query
    /// matching most of a large index would otherwise take tens of milliseconds.
    static let scoringBudget = 250

    /// Column groups from the strongest fields to all of them: when a query matches too many rows to score
    /// them all, rows matching in the title or an alert name are ranked first, then rows matching in symptoms,
    /// then the rest — the order their field weights would give them anyway.
    static let cascade: [[SearchField]] = [[.title, .alerts], [.title, .alerts, .symptoms], SearchField.allCases]

    /// Reads the document frequencies of terms not yet known, in one statement.
    func loadStatistics(for terms: [String]) async throws {
        if !statistics.loaded {
            let rows = try await run("SELECT count(*) AS n FROM documents", [], operation: "counting documents")
            statistics.documentCount = rows.first?.column("n")?.integer ?? 0
            statistics.loaded = true
        }
        let missing = terms.filter { statistics.perColumn[$0] == nil }
        guard !missing.isEmpty else { return }
        let sql = missing.indices.map {
            "SELECT ?\($0 + 1) AS term, '*' AS col, doc FROM search_rows WHERE term = ?\($0 + 1) "
                + "UNION ALL SELECT ?\($0 + 1), col, doc FROM search_terms WHERE term = ?\($0 + 1)"
        }.joined(separator: " UNION ALL ")
        for term in missing { statistics.perColumn[term] = [:] }
        for row in try await run(sql, missing.map { .text($0) }, operation: "reading term statistics") {
            guard let term = row.column("term")?.string, let column = row.column("col")?.string else { continue }
            statistics.perColumn[term, default: [:]][column] = row.column("doc")?.integer ?? 0
        }
    }

    /// The best `limit` rows holding all (or any) of `terms`, leaving out `excluding`.
    func rankTier(_ terms: [String], requireAll: Bool, limit: Int, excluding: Set<Int>) async throws -> [Ranked] {
        let expression = requireAll ? FTS5Expression.all(terms) : FTS5Expression.any(terms)
        let wanted = limit + excluding.count
        // Term counts bound the match count from above; several common terms together often match far fewer
        // rows, which a capped count (no scoring) finds out cheaply before ranking in stages.
        var fits =
            statistics.estimate(terms, requireAll: requireAll, columns: SearchField.allCases) <= Self.scoringBudget
        if !fits { fits = try await count(expression, upTo: Self.scoringBudget + 1) <= Self.scoringBudget }
        if fits {
            return try await rank(expression, limit: wanted, budget: nil).filter { !excluding.contains($0.rowid) }
        }
        var result: [Ranked] = []
        var seen = excluding
        // Partial matches are the fallback list: the strongest fields, then a bounded look at the rest.
        for columns in requireAll ? Self.cascade : [Self.cascade[0], SearchField.allCases] {
            let filtered =
                columns == SearchField.allCases
                ? expression : "{\(columns.map(\.rawValue).joined(separator: " "))} : (\(expression))"
            let fits = statistics.estimate(terms, requireAll: requireAll, columns: columns) <= Self.scoringBudget
            for row in try await rank(filtered, limit: wanted + result.count, budget: fits ? nil : Self.scoringBudget)
            where seen.insert(row.rowid).inserted {
                result.append(row)
                if result.count == limit { return result }
            }
        }
        return result
    }

    /// Rows matching `expression`, counted up to `cap`.
    private func count(_ expression: String, upTo cap: Int) async throws -> Int {
        let rows = try await run(
            "SELECT count(*) AS n FROM (SELECT rowid FROM search WHERE search MATCH ? LIMIT ?)",
            [.text(expression), .integer(cap)], operation: "counting matches")
        return rows.first?.column("n")?.integer ?? 0
    }

    /// Rows of `expression` by BM25; with a budget, only the first `budget` matching rows are scored.
    private func rank(_ expression: String, limit: Int, budget: Int?) async throws -> [Ranked] {
        let sql: String
        var binds: [SQLiteData] = [.text(expression)]
        if let budget {
            sql = """
                SELECT rowid, score FROM (
                    SELECT rowid, \(Self.bm25Call) AS score FROM search WHERE search MATCH ? LIMIT ?)
                ORDER BY score, rowid LIMIT ?
                """
            binds += [.integer(budget), .integer(limit)]
        } else {
            sql =
                "SELECT rowid, \(Self.bm25Call) AS score FROM search WHERE search MATCH ? ORDER BY score, rowid LIMIT ?"
            binds.append(.integer(limit))
        }
        let rows = try await run(sql, binds, operation: "searching")
        return rows.compactMap { row in
            guard let rowid = row.column("rowid")?.integer, let score = row.column("score")?.double else { return nil }
            return Ranked(rowid: rowid, score: -score)
        }
    }
}
