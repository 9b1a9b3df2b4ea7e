/// Finds every script's `bash -n` result with as few parses as possible, on one session.
///
/// A segment that parses clean clears all its scripts. Otherwise bash stopped at the first
/// error; the framing puts that error inside, or right after, the script that caused it. That
/// script is parsed on its own for its exact messages, and the parse resumes after it. Scripts before a failure were parsed but not to the end of
/// the input, so they are parsed once more together before they count as clean. When a
/// suspect turns out clean on its own, the cause lies earlier and the range is halved.
struct BashSyntaxResolver {
    let scripts: [PreparedScript]
    let session: BashParseSession

    /// Results for the scripts at `ids`; scripts without an entry are clean.
    func resolve(_ ids: [Int]) throws -> [Int: [ShellSyntaxIssue]] {
        var results: [Int: [ShellSyntaxIssue]] = [:]
        try resolve(ids, into: &results)
        return results
    }

    /// `bash -n` on one script alone.
    func standalone(_ id: Int) throws -> [ShellSyntaxIssue] {
        let script = scripts[id]
        let outcome = try session.check(script.text)
        var issues: [ShellSyntaxIssue] = []
        for diagnostic in outcome.diagnostics {
            let issue = diagnostic.issue(lineCount: script.lines.count)
            if !issues.contains(issue) { issues.append(issue) }
        }
        if issues.isEmpty, outcome.status != 0 {
            // A failure without a message is still a failure; never report it as clean.
            issues.append(ShellSyntaxIssue(line: 1, message: "bash -n failed with status \(outcome.status)", tool: "bash", level: "error"))
        }
        return issues
    }

    private func resolve(_ ids: [Int], into results: inout [Int: [ShellSyntaxIssue]]) throws {
        var pending = ids[...]
        var unconfirmed: [Int] = []
        while !pending.isEmpty {
            if pending.count == 1, let only = pending.first {
                let issues = try standalone(only)
                if !issues.isEmpty { results[only] = issues }
                break
            }
            let segment = BashSegment(pending.map { scripts[$0] })
            let outcome = try session.parse(segment.text)
            if outcome.isClean { break }

            // bash stopped at (or, for some errors, shortly after) the first problem it met.
            let firstLine = outcome.diagnostics.lazy.compactMap(\.line).first ?? Int.max
            let position: Int
            switch segment.locate(line: firstLine) {
            case .body(let at, _), .after(let at): position = at
            }
            let index = pending.startIndex + position
            let suspect = pending[index]
            // `bash -n` on the suspect alone gives the exact messages: bash sometimes goes on
            // after an error inside an array assignment, and reports `[[ … ]]` errors where the
            // `[[` began, so the segment's messages are not always what the script alone yields.
            let issues = try standalone(suspect)
            if !issues.isEmpty {
                results[suspect] = issues
                unconfirmed.append(contentsOf: pending[..<index])
            } else {
                // The suspect is clean alone: something before it swallowed its frame.
                let head = Array(pending[..<index])
                let half = head.count / 2
                try resolve(Array(head[..<half]), into: &results)
                try resolve(Array(head[half...]), into: &results)
            }
            pending = pending[(index + 1)...]
        }
        if !unconfirmed.isEmpty { try resolve(unconfirmed, into: &results) }
    }
}
