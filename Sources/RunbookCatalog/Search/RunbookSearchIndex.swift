/// A full-text index of runbooks, ranked so that the runbook a responder needs comes first.
///
/// Implementations: ``InMemorySearchIndex`` (tests, reference) and `SQLiteSearchIndex` (FTS5, kept on disk).
///
/// ```swift
/// let index = InMemorySearchIndex()
/// let documents = tree.runbooks.map(SearchDocument.init(runbook:))
/// let stats = try await index.refresh(documents)     // only changed runbooks are rewritten
/// let hits = try await index.search("pod crash looping", limit: 5)
/// ```
///
/// Ranking: BM25 over ``SearchField``s weighted by ``SearchField/weight``; documents holding every query
/// term come first, then documents holding some of them. A query is never syntax: see ``SearchQuery``.
public protocol RunbookSearchIndex: Sendable {
    /// Makes the index hold exactly `documents`: new ones are added, ones whose ``SearchDocument/contentHash``
    /// changed are rewritten, ones absent from the list are removed. Documents are identified by
    /// ``SearchDocument/key`` (file and id).
    func refresh(_ documents: [SearchDocument]) async throws -> RefreshStats

    /// The best `limit` runbooks for `query`, best first. Never throws for what the query says.
    func search(_ query: String, limit: Int) async throws -> [SearchHit]

    /// The id of the best runbook for `query`, or `nil`; what `search(query, limit: 1)` would return first.
    func bestMatch(_ query: String) async throws -> String?
}

extension RunbookSearchIndex {
    /// The id of the first hit of `search(query, limit: 1)`, or `nil` when nothing matches.
    public func bestMatch(_ query: String) async throws -> String? {
        try await search(query, limit: 1).first?.id
    }
}

/// One search result.
public struct SearchHit: Hashable, Sendable, Codable {
    /// Runbook id.
    public var id: String
    /// Runbook title (the id when it has none).
    public var title: String
    /// File holding the runbook.
    public var file: String
    /// Line of its title.
    public var line: Int
    /// Relevance: higher is better; comparable only within one result list.
    public var score: Double
    /// A short extract around the matched terms, which are wrapped in `**`.
    public var snippet: String
    /// Raw values of the ``SearchField``s that matched, in declaration order.
    public var matchedFields: [String]

    /// Creates a hit.
    public init(
        id: String, title: String, file: String, line: Int, score: Double, snippet: String, matchedFields: [String]
    ) {
        self.id = id
        self.title = title
        self.file = file
        self.line = line
        self.score = score
        self.snippet = snippet
        self.matchedFields = matchedFields
    }
}

/// What a refresh did.
public struct RefreshStats: Hashable, Sendable, Codable {
    /// Documents new to the index.
    public var added: Int
    /// Documents whose content changed and were rewritten.
    public var updated: Int
    /// Documents no longer in the list, deleted.
    public var removed: Int
    /// Documents left as they were.
    public var unchanged: Int

    /// Creates stats; every count defaults to zero.
    public init(added: Int = 0, updated: Int = 0, removed: Int = 0, unchanged: Int = 0) {
        self.added = added
        self.updated = updated
        self.removed = removed
        self.unchanged = unchanged
    }
}
