/// The ids of every lint rule, as used in `lint.rules` and in findings.
public enum LintRuleIDs {
    /// All rule ids, grouped by what they check.
    public static let all: [String] = [
        // structure
        "missing-section", "empty-section", "missing-title", "duplicate-id", "stale", "front-matter", "encoding",
        // shell
        "shell-syntax", "wrong-language", "never-terminates", "interactive-command", "placeholder",
        "undeclared-variable", "hardcoded-secret",
        // safety
        "destructive-unguarded",
        // links and alerts
        "broken-link", "alert-runbook-missing", "alert-without-runbook", "runbook-alert-unknown",
        "runbook-without-alert",
        // --full
        "tool-missing", "endpoint-down", "markdown-structure",
    ]

    /// Whether `id` names a rule.
    public static func isKnown(_ id: String) -> Bool { all.contains(id) }

    /// The known rule id closest to a misspelt one, if any is close enough to be a likely typo.
    public static func suggestion(for id: String) -> String? { Spelling.closest(to: id, in: all) }
}

/// Finding the likely intended word for a typo.
enum Spelling {
    /// The candidate with the smallest edit distance to `word`, when that distance is small.
    static func closest(to word: String, in candidates: [String]) -> String? {
        let lowered = word.lowercased()
        let limit = max(2, lowered.count / 3)
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(lowered, candidate.lowercased())
            if distance <= limit, distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
        }
        return best?.0
    }

    /// Levenshtein distance.
    static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs)
        let b = Array(rhs)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
