import RunbookCatalog
import SQLiteKit

/// FTS5 MATCH expressions built only from ``RunbookCatalog/SearchQuery`` terms, each a quoted string, so
/// nothing a user types (`NEAR(`, `AND`, `*`, `"`, `col:`) is ever read as FTS5 syntax.
enum FTS5Expression {
    /// Documents holding every term.
    static func all(_ terms: [String]) -> String { terms.map(quoted).joined(separator: " AND ") }

    /// Documents holding at least one term.
    static func any(_ terms: [String]) -> String { terms.map(quoted).joined(separator: " OR ") }

    static func quoted(_ term: String) -> String {
        var result = "\""
        for character in term {
            if character == "\"" { result.append("\"") }
            result.append(character)
        }
        return result + "\""
    }
}

extension SQLiteSearchIndex {
    /// Titles, files, matched fields and snippets of the ranked rows, in rank order.
    ///
    /// Snippets are cut from the stored column text by ``RunbookCatalog/SearchSnippet`` rather than FTS5's
    /// `snippet()`: `snippet()` needs the MATCH to be evaluated again for each shown row (a doclist seek per
    /// term per row) and re-tokenizes every column, which measured at 60% of a query's time on 10,000
    /// runbooks; plain reads by rowid cost a tenth of that, and the in-memory index gives identical snippets.
    func hits(for ranked: [Ranked], terms: [String]) async throws -> [SearchHit] {
        guard !ranked.isEmpty else { return [] }
        let fields = SearchField.allCases
        let columns = fields.enumerated().map { "s.\($1.rawValue) AS f\($0)" }.joined(separator: ", ")
        let placeholders = Array(repeating: "?", count: ranked.count).joined(separator: ", ")
        let sql = """
            SELECT s.rowid AS rowid, d.id AS id, d.title AS title, d.file AS file, d.line AS line, \(columns)
            FROM search s JOIN documents d ON d.rowid = s.rowid
            WHERE s.rowid IN (\(placeholders))
            """
        let wanted = Set(terms)
        var byRowid: [Int: SearchHit] = [:]
        for row in try await run(sql, ranked.map { .integer($0.rowid) }, operation: "reading results") {
            guard let rowid = row.column("rowid")?.integer else { continue }
            var texts: [SearchField: String] = [:]
            for (index, field) in fields.enumerated() { texts[field] = row.column("f\(index)")?.string ?? "" }
            let text = { (field: SearchField) in texts[field] ?? "" }
            let matched = SearchSnippet.matchedFields(text, terms: wanted)
            byRowid[rowid] = SearchHit(
                id: row.column("id")?.string ?? "", title: row.column("title")?.string ?? "",
                file: row.column("file")?.string ?? "", line: row.column("line")?.integer ?? 1, score: 0,
                snippet: SearchSnippet.forHit(text, matched: matched, terms: wanted),
                matchedFields: matched.map(\.rawValue))
        }
        return ranked.compactMap { item in
            byRowid[item.rowid].map { hit in
                var hit = hit
                hit.score = item.score
                return hit
            }
        }
    }
}
