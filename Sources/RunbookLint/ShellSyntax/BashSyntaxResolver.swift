/// Finds every script's `bash -n` result with as few parses as possible, on one session.
///
/// A segment that parses clean clears all its scripts. Otherwise bash stopped at the first
/// error; the framing puts that error inside, or right after, the script that caused it, and
/// the parse resumes after that script. Unless the message already is what the script alone
/// yields, the suspects are then parsed on their own, all in one round trip. Scripts before a failure were parsed but not to the
/// end of the input, so they are parsed once more together before they count as clean; if a
/// suspect turned out clean on its own, the cause lies among them, and they are halved.
/// Segments shrink while errors are dense (each error costs a re-parse of what follows it) and
/// grow again while scripts are clean.
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

    /// The segment's message as the script's result, when it is certainly what `bash -n` says
    /// about the script alone: an unexpected token inside the script's own lines, the only
    /// message. Inside a `case` frame the script parses exactly as at the top level until
    /// that token (no `esac` or `;;` of its own can close the frame), and bash stops there,
    /// except after an error in a compound assignment, which is left to the script's own parse.
    private func directIssues(
        _ outcome: BashParseSession.Outcome, spot: BashSegment.Spot, script: PreparedScript
    )
        -> [ShellSyntaxIssue]?
    {
        guard case .body(_, let line) = spot, !script.usesCase, !script.hasCompoundAssignment,
            outcome.diagnostics.count == 1, let only = outcome.diagnostics.first,
            only.message.hasPrefix("syntax error near unexpected token")
        else { return nil }
        return [ShellSyntaxIssue(line: line, message: only.message, tool: "bash", level: "error")]
    }

    /// What `bash -n` says about each script alone, in one round trip.
    func standalone(_ ids: [Int]) throws -> [[ShellSyntaxIssue]] {
        // A forked parse answers like `bash -n` except after an error inside a compound
        // assignment, where only `bash -n` goes on to report what follows.
        let requests = ids.map { id -> BashParseSession.Request in
            let script = scripts[id]
            return script.hasCompoundAssignment ? .check(script.text) : .parse("set -n\n" + script.text)
        }
        let outcomes = try session.run(requests)
        return zip(ids, outcomes).map { id, outcome in
            let script = scripts[id]
            let offset = script.hasCompoundAssignment ? 0 : 1
            var issues: [ShellSyntaxIssue] = []
            for diagnostic in outcome.diagnostics {
                let issue = diagnostic.issue(lineOffset: offset, lineCount: script.lineCount)
                if !issues.contains(issue) { issues.append(issue) }
            }
            if issues.isEmpty, outcome.status != 0 {
                // A failure without a message is still a failure; never report it as clean.
                issues.append(
                    ShellSyntaxIssue(
                        line: 1, message: "bash -n failed with status \(outcome.status)", tool: "bash", level: "error"))
            }
            return issues
        }
    }

    private func resolve(_ ids: [Int], into results: inout [Int: [ShellSyntaxIssue]]) throws {
        if ids.count == 1 {
            let issues = try standalone(ids)[0]
            if !issues.isEmpty { results[ids[0]] = issues }
            return
        }
        var pending = ids[...]
        var suspects: [Int] = []
        var unconfirmed: [Int] = []
        var window = max(1, min(maximumSegment, ids.count))
        while !pending.isEmpty {
            if pending.count == 1, let only = pending.first {
                suspects.append(only)
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
            // bash stopped at (or, for some errors, shortly after) the first problem it met;
            // the framing puts it inside or right after the script that caused it.
            let firstLine = outcome.diagnostics.lazy.compactMap(\.line).first ?? Int.max
            let spot = segment.locate(line: firstLine)
            let position: Int
            switch spot {
            case .body(let at, _), .after(let at): position = at
            }
            let index = pending.startIndex + position
            if let issues = directIssues(outcome, spot: spot, script: scripts[pending[index]]) {
                results[pending[index]] = issues
            } else {
                suspects.append(pending[index])
            }
            unconfirmed.append(contentsOf: pending[..<index])
            pending = pending[(index + 1)...]
        }

        // The suspects' own parses give the exact messages: bash sometimes goes on after an
        // error inside an array assignment, and reports `[[ … ]]` errors where the `[[` began,
        // so a segment's messages are not always what the script alone yields.
        var falseSuspect = false
        for (id, issues) in zip(suspects, try standalone(suspects)) {
            if issues.isEmpty { falseSuspect = true } else { results[id] = issues }
        }
        guard !unconfirmed.isEmpty else { return }
        if falseSuspect {
            // A suspect clean on its own means an earlier script swallowed its frame; halving
            // finds that script without re-parsing everything once per false suspect.
            let half = unconfirmed.count / 2
            try resolve(Array(unconfirmed[..<half]), into: &results)
            try resolve(Array(unconfirmed[half...]), into: &results)
        } else {
            try resolve(unconfirmed, into: &results)
        }
    }
}
