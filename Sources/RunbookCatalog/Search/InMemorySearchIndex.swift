import Foundation

/// A ``RunbookSearchIndex`` held in memory: for tests, and the reference the SQLite index is checked against.
///
/// It ranks exactly as FTS5's `bm25()` does with ``SearchField/weight`` as column weights: for each query
/// term, `idf × f × (k1 + 1) / (f + k1 × (1 − b + b × |D| / avgdl))`, where `f` is the weighted count of the
/// term over the fields and `|D|` the document's length in terms over all fields.
///
/// ```swift
/// let index = InMemorySearchIndex()
/// _ = try await index.refresh([SearchDocument(runbook: runbook)])
/// let hits = try await index.search("OOMKilled", limit: 10)
/// ```
public actor InMemorySearchIndex: RunbookSearchIndex {
    private var entries: [String: IndexedDocument] = [:]
    private var postings: [String: Set<String>] = [:]
    private var totalLength = 0

    /// An empty index.
    public init() {}

    /// Number of documents held.
    public var count: Int { entries.count }

    /// Every term some document holds. A query term outside it matches nothing and scores nothing.
    public var vocabulary: Set<String> { Set(postings.keys) }

    /// Makes the index hold exactly `documents` (the first of any sharing a key), rewriting only changed ones.
    public func refresh(_ documents: [SearchDocument]) async throws -> RefreshStats {
        var stats = RefreshStats()
        let wanted = SearchDocument.uniqueByKey(documents)
        let wantedKeys = Set(wanted.map(\.key))
        for key in entries.keys where !wantedKeys.contains(key) {
            remove(key)
            stats.removed += 1
        }
        for document in wanted {
            if let existing = entries[document.key] {
                guard existing.document.contentHash != document.contentHash else {
                    stats.unchanged += 1
                    continue
                }
                remove(document.key)
                stats.updated += 1
            } else {
                stats.added += 1
            }
            insert(document)
        }
        return stats
    }

    /// The best `limit` hits for `query`, best first; documents holding every term rank above those holding some.
    public func search(_ query: String, limit: Int) async throws -> [SearchHit] {
        let parsed = SearchQuery(query)
        let terms = Set(parsed.terms)
        return ranked(parsed, limit: limit).compactMap { item in
            entries[item.key].map { $0.hit(score: item.score, terms: terms) }
        }
    }

    /// The best hit's id, without building its snippet.
    public func bestMatch(_ query: String) async throws -> String? {
        ranked(SearchQuery(query), limit: 1).first.flatMap { entries[$0.key]?.document.id }
    }

    /// The keys and scores of the best `limit` documents for `parsed`, best first.
    private func ranked(_ parsed: SearchQuery, limit: Int) -> [(key: String, score: Double)] {
        guard !parsed.isEmpty, limit > 0, !entries.isEmpty else { return [] }
        let sets = parsed.terms.map { postings[$0] ?? [] }
        var every = sets.min { $0.count < $1.count } ?? []
        for set in sets where !every.isEmpty { every.formIntersection(set) }
        var partial: [String] = []
        var candidates = every
        if every.count < limit {
            partial = SearchRanking.partialMatchTerms(
                parsed.terms, documentFrequency: { self.postings[$0]?.count ?? 0 }, documentCount: entries.count)
            for term in partial { candidates.formUnion(postings[term] ?? []) }
        }
        let averageLength = Double(totalLength) / Double(entries.count)
        var scored: [(key: String, all: Bool, score: Double)] = []
        scored.reserveCapacity(candidates.count)
        for key in candidates {
            guard let entry = entries[key] else { continue }
            // As in SQL, a partial match is scored on the terms of the expression that found it.
            let matchesAll = every.contains(key)
            scored.append(
                (
                    key, matchesAll,
                    score(entry, terms: matchesAll ? parsed.terms : partial, averageLength: averageLength)
                ))
        }
        scored.sort { lhs, rhs in
            if lhs.all != rhs.all { return lhs.all }
            if lhs.score != rhs.score { return lhs.score > rhs.score }
            return lhs.key < rhs.key
        }
        return scored.prefix(limit).map { ($0.key, $0.score) }
    }

    private func score(_ entry: IndexedDocument, terms: [String], averageLength: Double) -> Double {
        let norm = SearchRanking.k1 * (1 - SearchRanking.b + SearchRanking.b * Double(entry.length) / averageLength)
        var score = 0.0
        for term in terms {
            let frequency = entry.weightedFrequency(of: term)
            guard frequency > 0 else { continue }
            let idf = Self.inverseDocumentFrequency(matching: postings[term]?.count ?? 0, of: entries.count)
            score += idf * frequency * (SearchRanking.k1 + 1) / (frequency + norm)
        }
        return score
    }

    /// FTS5's IDF: never zero or negative, so a term in most documents still counts a little.
    static func inverseDocumentFrequency(matching hits: Int, of total: Int) -> Double {
        let value = log((Double(total) - Double(hits) + 0.5) / (Double(hits) + 0.5))
        return value > 0 ? value : 1e-6
    }

    private func insert(_ document: SearchDocument) {
        let entry = IndexedDocument(document)
        entries[document.key] = entry
        totalLength += entry.length
        for term in entry.terms { postings[term, default: []].insert(document.key) }
    }

    private func remove(_ key: String) {
        guard let entry = entries.removeValue(forKey: key) else { return }
        totalLength -= entry.length
        for term in entry.terms {
            postings[term]?.remove(key)
            if postings[term]?.isEmpty == true { postings[term] = nil }
        }
    }
}

/// A document with its term counts per field.
private struct IndexedDocument: Sendable {
    let document: SearchDocument
    /// Term counts, one dictionary per ``SearchField`` in `allCases` order.
    let frequencies: [[String: Int]]
    /// Terms over all fields.
    let length: Int

    init(_ document: SearchDocument) {
        self.document = document
        var frequencies: [[String: Int]] = []
        var length = 0
        for field in SearchField.allCases {
            var counts: [String: Int] = [:]
            for term in SearchTokenizer.terms(document.text(of: field)) {
                counts[term, default: 0] += 1
                length += 1
            }
            frequencies.append(counts)
        }
        self.frequencies = frequencies
        self.length = length
    }

    var terms: Set<String> { frequencies.reduce(into: Set<String>()) { $0.formUnion($1.keys) } }

    func weightedFrequency(of term: String) -> Double {
        var total = 0.0
        for (index, field) in SearchField.allCases.enumerated() {
            if let count = frequencies[index][term] { total += Double(count) * field.weight }
        }
        return total
    }

    func hit(score: Double, terms: Set<String>) -> SearchHit {
        let matched = SearchField.allCases.enumerated().filter { index, _ in
            frequencies[index].keys.contains { terms.contains($0) }
        }.map(\.element)
        let snippet = SearchSnippet.forHit(document.text(of:), matched: matched, terms: terms)
        return SearchHit(
            id: document.id, title: document.title, file: document.file, line: document.line, score: score,
            snippet: snippet, matchedFields: matched.map(\.rawValue))
    }
}
