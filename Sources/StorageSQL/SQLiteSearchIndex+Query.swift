import RunbookCatalog
import SQLiteKit

/// FTS5 MATCH expressions built only from ``RunbookCatalog/SearchQuery`` terms, each a quoted string, so
/// nothing a user types (`NEAR(`, `AND`, `*`, `"`, `col:`) is ever read as FTS5 syntax.
enum FTS5Expression {
    /// Documents holding every term.
    static func all(_ terms: [String]) -> String { terms.map(quoted).joined(separator: " AND ") }

    /// Documents holding at least one term.
    static func any(_ terms: [String]) -> String { terms.map(quoted).joined(separator: " OR ") }

    static func quoted(_ term: String) -> String { "\"" + term.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}

extension SQLiteSearchIndex {
    /// Snippet markers: control characters never found in runbook text, replaced by `**` afterwards.
    private static let openMarker = "\u{2}"
    private static let closeMarker = "\u{3}"

    /// Titles, files and snippets of the ranked rows, in rank order. Snippets are asked for only here, for the
    /// few rows shown, because `snippet()` re-reads each row's text.
    func hits(for ranked: [Ranked], terms: [String]) async throws -> [SearchHit] {
        guard !ranked.isEmpty else { return [] }
        let fields = SearchField.allCases
        let snippets = fields.enumerated().map { index, field in
            let tokens = SearchField.snippetOrder.contains(field) ? SearchSnippet.tokenCount : 1
            return "snippet(search, \(index), ?1, ?2, '\(SearchSnippet.ellipsis)', \(tokens)) AS s\(index)"
        }.joined(separator: ", ")
        let placeholders = Array(repeating: "?", count: ranked.count).joined(separator: ", ")
        let sql = """
            SELECT search.rowid AS rowid, d.id AS id, d.title AS title, d.file AS file, d.line AS line, \(snippets)
            FROM search JOIN documents d ON d.rowid = search.rowid
            WHERE search MATCH ?3 AND search.rowid IN (\(placeholders))
            """
        let binds: [SQLiteData] =
            [.text(Self.openMarker), .text(Self.closeMarker), .text(FTS5Expression.any(terms))] + ranked.map { .integer($0.rowid) }
        var byRowid: [Int: SearchHit] = [:]
        for row in try await run(sql, binds, operation: "reading results") {
            guard let rowid = row.column("rowid")?.integer else { continue }
            let texts = fields.indices.map { row.column("s\($0)")?.string ?? "" }
            var matched: [String] = []
            var snippet: String?
            for (index, field) in fields.enumerated() where texts[index].contains(Self.openMarker) { matched.append(field.rawValue) }
            for field in SearchField.snippetOrder {
                guard let index = fields.firstIndex(of: field), texts[index].contains(Self.openMarker) else { continue }
                snippet = texts[index]
                break
            }
            if snippet == nil, let index = fields.firstIndex(of: .symptoms), let body = fields.firstIndex(of: .body) {
                snippet = texts[index].isEmpty ? texts[body] : texts[index]
            }
            byRowid[rowid] = SearchHit(
                id: row.column("id")?.string ?? "", title: row.column("title")?.string ?? "",
                file: row.column("file")?.string ?? "", line: row.column("line")?.integer ?? 1, score: 0,
                snippet: Self.display(snippet ?? ""), matchedFields: matched)
        }
        return ranked.compactMap { item in
            byRowid[item.rowid].map { hit in
                var hit = hit
                hit.score = item.score
                return hit
            }
        }
    }

    private static func display(_ snippet: String) -> String {
        snippet.replacingOccurrences(of: openMarker, with: SearchSnippet.open)
            .replacingOccurrences(of: closeMarker, with: SearchSnippet.close)
            .split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
