/// Builds the short extract shown under a hit: about a dozen words around the matched terms, the terms
/// wrapped in `**`, `…` where text was cut (the shape SQLite's `snippet()` gives).
public enum SearchSnippet {
    /// Marks the start of a matched term.
    public static let open = "**"
    /// Marks the end of a matched term.
    public static let close = "**"
    /// Marks text left out before or after the extract.
    public static let ellipsis = "…"
    /// Words in an extract.
    public static let tokenCount = 12

    /// The fields whose text holds at least one of `terms`, in declaration order.
    public static func matchedFields(_ text: (SearchField) -> String, terms: Set<String>) -> [SearchField] {
        let matcher = TermMatcher(terms)
        return SearchField.allCases.filter { matcher.occurs(in: text($0)) }
    }

    /// The extract shown for a hit: from the first field of ``SearchField/snippetOrder`` that matched, else
    /// the opening of the symptoms (or the body) without highlights.
    public static func forHit(_ text: (SearchField) -> String, matched: [SearchField], terms: Set<String>) -> String {
        let matcher = TermMatcher(terms)
        for field in SearchField.snippetOrder where matched.contains(field) {
            if let snippet = make(text(field), matcher: matcher, highlightOnly: true) { return snippet }
        }
        return make(text(.symptoms), matcher: matcher, highlightOnly: false)
            ?? make(text(.body), matcher: matcher, highlightOnly: false) ?? ""
    }

    /// The extract of `text` with the most distinct `terms` in a window of ``tokenCount`` tokens, or nil when
    /// no term occurs. With `highlightOnly == false`, text without a match gives its first tokens instead.
    public static func make(_ text: String, terms: Set<String>, highlightOnly: Bool = true) -> String? {
        make(text, matcher: TermMatcher(terms), highlightOnly: highlightOnly)
    }

    static func make(_ text: String, matcher: TermMatcher, highlightOnly: Bool) -> String? {
        var hitStarts = Set<String.Index>()
        matcher.scan(text) { range in
            hitStarts.insert(range.lowerBound)
            return true
        }
        if hitStarts.isEmpty, highlightOnly { return nil }
        let tokens = SearchTokenizer.tokens(text)
        guard !tokens.isEmpty else { return nil }
        let hits = tokens.indices.filter { hitStarts.contains(tokens[$0].range.lowerBound) }
        let start = bestWindowStart(tokens: tokens, hits: hits)
        let end = min(tokens.count, start + tokenCount)
        let hitSet = Set(hits)
        var result = start > 0 ? ellipsis : ""
        var cursor = tokens[start].range.lowerBound
        for index in start..<end {
            let token = tokens[index]
            result += text[cursor..<token.range.lowerBound]
            result += hitSet.contains(index) ? open + token.text + close : String(token.text)
            cursor = token.range.upperBound
        }
        if end < tokens.count { result += ellipsis }
        var flat = ""
        flat.reserveCapacity(result.utf8.count)
        for scalar in result.unicodeScalars { flat.unicodeScalars.append(scalar == "\n" || scalar == "\r" ? " " : scalar) }
        return flat
    }

    /// The window start covering the most distinct terms; the window opens a little before its first hit
    /// so the term is read in context.
    private static func bestWindowStart(tokens: [SearchTokenizer.Token], hits: [Int]) -> Int {
        guard let firstHit = hits.first else { return 0 }
        var best = firstHit
        var bestScore = -1
        for hit in hits.prefix(64) {
            let window = hits.filter { $0 >= hit && $0 < hit + tokenCount }
            let distinct = Set(window.map { SearchTokenizer.fold(tokens[$0].text) }).count
            let score = distinct * 1000 + window.count
            if score > bestScore {
                bestScore = score
                best = hit
            }
        }
        let lead = min(3, best)
        return max(0, min(best - lead, tokens.count - tokenCount))
    }
}
