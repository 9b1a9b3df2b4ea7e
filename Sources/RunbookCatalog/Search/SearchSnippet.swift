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
        var hits: [Range<String.Index>] = []
        matcher.scan(text) { range in
            hits.append(range)
            return hits.count < 256
        }
        if hits.isEmpty, highlightOnly { return nil }
        // Only the text around the chosen hit is tokenized: bodies run to many kilobytes.
        let scalars = text.unicodeScalars
        let anchor = bestHit(hits, in: text)?.lowerBound ?? text.startIndex
        let sliceStart = scalars.index(anchor, offsetBy: -80, limitedBy: scalars.startIndex) ?? scalars.startIndex
        let sliceEnd = scalars.index(anchor, offsetBy: 480, limitedBy: scalars.endIndex) ?? scalars.endIndex
        var tokens = SearchTokenizer.tokens(text[sliceStart..<sliceEnd])
        if sliceStart > text.startIndex, !tokens.isEmpty { tokens.removeFirst() }  // may be cut in two
        if sliceEnd < text.endIndex, !tokens.isEmpty { tokens.removeLast() }
        guard !tokens.isEmpty else { return nil }
        let anchorToken = tokens.firstIndex { $0.range.lowerBound >= anchor } ?? 0
        let start = max(0, min(anchorToken - min(3, anchorToken), tokens.count - tokenCount))
        let end = min(tokens.count, start + tokenCount)
        let highlighted = Set(hits.map(\.lowerBound))
        let before =
            start > 0
            || text[text.startIndex..<tokens[start].range.lowerBound].unicodeScalars.contains(
                where: SearchTokenizer.isTokenScalar)
        var result = before ? ellipsis : ""
        var cursor = tokens[start].range.lowerBound
        for index in start..<end {
            let token = tokens[index]
            result += text[cursor..<token.range.lowerBound]
            result += highlighted.contains(token.range.lowerBound) ? open + token.text + close : String(token.text)
            cursor = token.range.upperBound
        }
        if text[cursor...].unicodeScalars.contains(where: SearchTokenizer.isTokenScalar) { result += ellipsis }
        var flat = ""
        flat.reserveCapacity(result.utf8.count)
        for scalar in result.unicodeScalars {
            flat.unicodeScalars.append(scalar == "\n" || scalar == "\r" ? " " : scalar)
        }
        return flat
    }

    /// The hit whose following dozen words hold the most distinct terms (then the most hits).
    private static func bestHit(_ hits: [Range<String.Index>], in text: String) -> Range<String.Index>? {
        guard hits.count > 1 else { return hits.first }
        let terms = hits.map { SearchTokenizer.fold(text[$0]) }
        var best = 0
        var bestScore = -1
        for index in hits.indices.prefix(64) {
            let limit =
                text.utf8.index(hits[index].lowerBound, offsetBy: 100, limitedBy: text.endIndex) ?? text.endIndex
            let window = hits.indices.filter { $0 >= index && hits[$0].lowerBound < limit }
            let score = Set(window.map { terms[$0] }).count * 1000 + window.count
            if score > bestScore {
                bestScore = score
                best = index
            }
        }
        return hits[best]
    }
}
