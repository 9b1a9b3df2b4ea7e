/// Finds query terms in text without building a string per word: tokens are read as Unicode scalars,
/// ASCII ones lowercased into a reused buffer and compared byte for byte; only words with other letters
/// go through ``SearchTokenizer/fold(_:)``. Shows where hits matched and where snippets start.
struct TermMatcher {
    private let terms: Set<String>
    /// ASCII terms as bytes, by length.
    private let asciiTerms: [Int: [[UInt8]]]
    private let longest: Int

    init(_ terms: Set<String>) {
        self.terms = terms
        var byLength: [Int: [[UInt8]]] = [:]
        for term in terms where term.utf8.allSatisfy({ $0 < 0x80 }) {
            byLength[term.utf8.count, default: []].append(Array(term.utf8))
        }
        asciiTerms = byLength
        longest = terms.map(\.utf8.count).max() ?? 0
    }

    /// Whether any term occurs in `text` as a whole token.
    func occurs(in text: String) -> Bool {
        var found = false
        scan(text) { _ in
            found = true
            return false
        }
        return found
    }

    /// Calls `body` with the range of each token that is a term, in order, until it returns false.
    func scan(_ text: String, _ body: (Range<String.Index>) -> Bool) {
        guard !terms.isEmpty else { return }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(64)
        var start: String.Index?
        var ascii = true
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        func finish(_ end: String.Index) -> Bool {
            guard let begin = start else { return true }
            start = nil
            let isTerm: Bool
            if ascii {
                isTerm = buffer.count <= longest && (asciiTerms[buffer.count]?.contains(buffer) ?? false)
            } else {
                isTerm = terms.contains(SearchTokenizer.fold(text[begin..<end]))
            }
            return isTerm ? body(begin..<end) : true
        }
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if SearchTokenizer.isTokenScalar(scalar) {
                if start == nil {
                    start = index
                    ascii = true
                    buffer.removeAll(keepingCapacity: true)
                }
                let value = scalar.value
                if value < 0x80 {
                    if buffer.count <= longest {
                        buffer.append(UInt8(value >= 0x41 && value <= 0x5A ? value + 0x20 : value))
                    }
                } else {
                    ascii = false
                }
            } else if !finish(index) {
                return
            }
            index = scalars.index(after: index)
        }
        _ = finish(scalars.endIndex)
    }
}
