/// What a responder typed, reduced to plain search terms.
///
/// Anything can be pasted into a search box at 3 a.m.: a log line with quotes, `*`, `NEAR(`, `AND`,
/// emoji, ten kilobytes of stack trace. None of it is query syntax here: the text is split into terms
/// with ``SearchTokenizer`` (so operators and punctuation disappear), repeated terms are dropped,
/// filler words (`the`, `is`, `when` …) are dropped unless nothing else is left, and at most
/// ``SearchRanking/maximumQueryTerms`` terms are kept.
///
/// ```swift
/// SearchQuery("Pod in \"CrashLoopBackOff\" AND 503*").terms  // ["pod", "crashloopbackoff", "503"]
/// ```
public struct SearchQuery: Hashable, Sendable {
    /// Distinct folded terms, in the order typed.
    public var terms: [String]

    /// Parses raw user input; never fails (an empty or all-punctuation query has no terms).
    public init(_ raw: String) {
        var kept: [String] = []
        var fillers: [String] = []
        var seen = Set<String>()
        // A pasted log can be huge; the terms that matter are near its start.
        let text = raw.utf8.count > 16_384 ? String(decoding: raw.utf8.prefix(16_384), as: UTF8.self) : raw
        for token in SearchTokenizer.tokens(text) {
            guard token.text.utf8.count <= SearchRanking.maximumTermLength else { continue }
            let term = SearchTokenizer.fold(token.text)
            guard seen.insert(term).inserted else { continue }
            if Self.fillerWords.contains(term) {
                fillers.append(term)
            } else {
                kept.append(term)
                if kept.count == SearchRanking.maximumQueryTerms { break }
            }
        }
        terms = kept.isEmpty ? Array(fillers.prefix(SearchRanking.maximumQueryTerms)) : kept
    }

    /// Whether there is nothing to look for.
    public var isEmpty: Bool { terms.isEmpty }

    /// English words too common in runbooks to narrow a search; `no` and `not` are kept
    /// because alert names use them (`etcdNoLeader`, `KubePodNotReady`).
    static let fillerWords: Set<String> = [
        "a", "an", "the", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does",
        "did", "of", "in", "on", "at", "to", "for", "from", "by", "with", "as", "into", "onto", "about", "and",
        "or", "but", "if", "then", "than", "so", "this", "that", "these", "those", "it", "its", "my", "our",
        "your", "their", "i", "we", "you", "they", "he", "she", "what", "which", "who", "when", "where", "why",
        "how", "can", "could", "should", "would", "will", "shall", "may", "might", "must", "there", "here",
        "very", "too", "just", "also", "some", "any", "all", "each", "keeps", "keep", "getting", "get", "got",
    ]
}
