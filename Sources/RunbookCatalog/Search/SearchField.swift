/// The parts of a runbook that search looks at, each with its own weight in the ranking.
///
/// A term found in the title or an alert name counts ten times as much as one in prose; symptoms
/// count five times, error strings three times, commands one and a half. The weights are the
/// same for every index implementation so that rankings agree.
public enum SearchField: String, Sendable, Codable, CaseIterable, Hashable {
    /// The runbook's title and id, with CamelCase names also split into words.
    case title
    /// Alert names, whole, lowercase and split into words.
    case alerts
    /// Text of the symptoms, summary (meaning) and impact sections.
    case symptoms
    /// Error strings found in the text and in command output.
    case errors
    /// Scripts of the code blocks.
    case commands
    /// All other text.
    case body

    /// How much a term occurrence in this field counts, relative to prose.
    public var weight: Double {
        switch self {
        case .title: 10
        case .alerts: 10
        case .symptoms: 5
        case .errors: 3
        case .commands: 1.5
        case .body: 1
        }
    }

    /// The fields a snippet is taken from, in order of preference (titles and alert lists are shown anyway).
    public static let snippetOrder: [SearchField] = [.symptoms, .body, .errors, .commands]
}

/// The BM25 constants every index uses (the values SQLite's FTS5 `bm25()` fixes).
public enum SearchRanking {
    /// Term-frequency saturation.
    public static let k1 = 1.2
    /// Length normalisation.
    public static let b = 0.75
    /// The most distinct terms a query keeps; the rest are ignored so a pasted log page stays fast.
    public static let maximumQueryTerms = 24
    /// Longer tokens are not words anyone types; they are dropped from queries.
    public static let maximumTermLength = 64

    /// The terms partial matches are looked for with. A term found in more than half the documents gets
    /// FTS5's floor IDF and adds next to nothing to a score, but matching on it alone would pull in most of
    /// the index; it is dropped, unless every term is that common.
    public static func partialMatchTerms(
        _ terms: [String], documentFrequency: (String) -> Int, documentCount: Int
    ) -> [String] {
        let informative = terms.filter { documentFrequency($0) * 2 <= documentCount }
        return informative.isEmpty ? terms : informative
    }
}
