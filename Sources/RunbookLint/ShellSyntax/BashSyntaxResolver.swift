/// Finds every script's `bash -n` result with as few parses as possible, on one session.
///
/// A segment that parses clean clears all its scripts. Otherwise bash stopped at the first
/// error; the framing puts that error inside, or right after, the script that caused it. That
/// script is parsed on its own for its exact messages, and the parse resumes after it. Scripts
/// before a failure were parsed but not to the end of the input, so they are parsed once more
/// together before they count as clean. When a suspect turns out clean on its own, the cause
/// lies earlier and the range is halved. Segments shrink while errors are dense (each error
/// costs a re-parse of what follows it) and grow again while scripts are clean.
struct BashSyntaxResolver {
    let scripts: [PreparedScript]
    let session: BashParseSession
    /// The most scripts in one segment.
    let maximumSegment: Int
    /// The fewest scripts a segment shrinks to after errors.
    let minimumSegment = 16

    /// Results for the scripts at `ids`; scripts without an entry are clean.
    func resolve(_ ids: [Int]) throws -> [Int: [ShellSyntaxIssue]] {
        var results: [Int: [ShellSyntaxIssue]] = [:]
        try resolve(ids, into: &results)
        return results
    }

    /// What `bash -n` says about one script alone.
    func standalone(_ id: Int) throws -> [ShellSyntaxIssue] {
        let script = scripts[id]
        // A forked parse answers like `bash -n` except after an error inside a compound
        // assignment, where only `bash -n` goes on to report what follows.
        let outcome: BashParseSession.Outcome
        let offset: Int
        if script.hasCompoundAssignment {
            outcome = try session.check(script.text)
            offset = 0
        } else {
            outcome = try session.parse("set -n\n" + script.text)
            offset = 1
        }
        var issues: [ShellSyntaxIssue] = []
        for diagnostic in outcome.diagnostics {
            let issue = diagnostic.issue(lineOffset: offset, lineCount: script.lineCount)
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
        var window = max(1, min(maximumSegment, ids.count))
        while !pending.isEmpty {
            if pending.count == 1, let only = pending.first {
                let issues = try standalone(only)
                if !issues.isEmpty { results[only] = issues }
                break
            }
            let taken = pending.prefix(window)
            let segment = BashSegment(taken.map { scripts[$0] })
            let outcome = try session.parse(segment.text)
            if outcome.isClean {
                pending = pending.dropFirst(taken.count)
                window = min(maximumSegment, window * 2)
                continue
            }
            window = max(minimumSegment, window / 2)

            // bash stopped at (or, for some errors, shortly after) the first problem it met.
            let firstLine = outcome.diagnostics.lazy.compactMap(\.line).first ?? Int.max
            let position: Int
            switch segment.locate(line: firstLine) {
            case .body(let at, _), .after(let at): position = at
            }
            let index = pending.startIndex + position
            let suspect = pending[index]
            // The suspect's own parse gives the exact messages: bash sometimes goes on after an
            // error inside an array assignment, and reports `[[ … ]]` errors where the `[[`
            // began, so the segment's messages are not always what the script alone yields.
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
