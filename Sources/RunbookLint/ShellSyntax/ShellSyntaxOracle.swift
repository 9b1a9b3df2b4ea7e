import Foundation

/// Checks the syntax of many shell scripts with `bash -n` as the oracle (and shellcheck when
/// one is given), starting only a few processes.
///
/// Scripts are parsed together in framed segments by one long-lived bash per processor;
/// after a syntax error the parse resumes behind the script that caused it, so each script's
/// result is what `bash -n` says about that script alone. Nothing is ever executed: every
/// parse runs under `set -n`, and each bash session proves that before its first parse.
///
/// ```swift
/// let oracle = ShellSyntaxOracle(shellcheckPath: ShellSyntaxOracle.findShellcheck())
/// let results = try oracle.check(["echo ok", "if true; then echo"])
/// // results[1] == [ShellSyntaxIssue(line: 1, message: "syntax error: unexpected end of file", …)]
/// ```
public struct ShellSyntaxOracle: Sendable {
    /// The bash that parses the scripts.
    public var bashPath: String
    /// The shellcheck that reviews scripts bash accepts; nil to skip shellcheck.
    public var shellcheckPath: String?
    /// The lowest shellcheck level reported: `error`, `warning`, `info` or `style`.
    public var shellcheckSeverity: String
    /// How many bash or shellcheck processes run at once.
    public var parallelism: Int
    /// The most scripts parsed in one segment.
    public var batchSize: Int

    /// Creates an oracle; nothing is started until ``check(_:)``.
    public init(
        bashPath: String = "/bin/bash", shellcheckPath: String? = nil, shellcheckSeverity: String = "warning",
        parallelism: Int = ProcessInfo.processInfo.activeProcessorCount, batchSize: Int = 400
    ) {
        self.bashPath = bashPath
        self.shellcheckPath = shellcheckPath
        self.shellcheckSeverity = shellcheckSeverity
        self.parallelism = max(1, parallelism)
        self.batchSize = max(1, batchSize)
    }

    /// The `shellcheck` found in `PATH`, or nil when none is installed.
    public static func findShellcheck() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = String(directory) + "/shellcheck"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Checks every script; the result has one entry per script, in the same order, empty
    /// when the script is clean. Shellcheck only sees scripts that bash accepts.
    ///
    /// Line endings are normalised first (CRLF is read as LF) and NUL bytes dropped.
    /// Throws ``ShellSyntaxError`` when bash (or shellcheck) cannot be run.
    public func check(_ scripts: [String]) throws -> [[ShellSyntaxIssue]] {
        guard !scripts.isEmpty else { return [] }
        guard FileManager.default.isExecutableFile(atPath: bashPath) else {
            throw ShellSyntaxError.bashNotFound(bashPath)
        }

        // Identical scripts are checked once.
        var uniqueIndex: [String: Int] = [:]
        var prepared: [PreparedScript] = []
        let slots = scripts.map { script -> Int in
            let key = PreparedScript(script)
            if let known = uniqueIndex[key.text] { return known }
            uniqueIndex[key.text] = prepared.count
            prepared.append(key)
            return prepared.count - 1
        }

        let directory = try Self.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }

        var issues = try bashIssues(prepared, directory: directory)
        if let shellcheckPath {
            let accepted = prepared.indices.filter { issues[$0] == nil && prepared[$0].lineCount > 0 }
                .map { (id: $0, text: prepared[$0].text) }
            let folder = directory.appendingPathComponent("shellcheck")
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw ShellSyntaxError.temporaryFiles("\(folder.path): \(error)")
            }
            let runner = ShellcheckRunner(path: shellcheckPath, severity: shellcheckSeverity, filesPerProcess: 200)
            let reviewed = try runner.check(accepted, directory: folder, parallelism: parallelism)
            issues.merge(reviewed) { $0 + $1 }
        }
        // In the tools' own order: bash's messages as it printed them, shellcheck's by line.
        return slots.map { issues[$0] ?? [] }
    }

    /// `bash -n` results of every script that has issues, keyed by index in `prepared`.
    private func bashIssues(_ prepared: [PreparedScript], directory: URL) throws -> [Int: [ShellSyntaxIssue]] {
        let batchable = prepared.indices.filter { prepared[$0].batchable }
        let alone = prepared.indices.filter { !prepared[$0].batchable }
        // Several jobs per worker keep both processors busy until the end. Scripts that cannot
        // share a segment are parsed one by one, in jobs of their own after the segments.
        let perSegment = max(8, min(batchSize, (batchable.count + parallelism * 4 - 1) / (parallelism * 4)))
        var jobs = stride(from: 0, to: batchable.count, by: perSegment).map {
            (ids: Array(batchable[$0..<min($0 + perSegment, batchable.count)]), shared: true)
        }
        jobs += stride(from: 0, to: alone.count, by: 50).map {
            (ids: Array(alone[$0..<min($0 + 50, alone.count)]), shared: false)
        }

        let bashPath = self.bashPath
        var sessionNumber = 0
        let sessionLock = NSLock()
        let parts = try ParallelWork.run(
            jobs: jobs.count, workers: parallelism,
            makeState: { () throws -> BashParseSession in
                let name = sessionLock.withLock { () -> String in
                    sessionNumber += 1
                    return "segment\(sessionNumber)"
                }
                return try BashParseSession(bashPath: bashPath, directory: directory, name: name)
            },
            perform: { session, job in
                let resolver = BashSyntaxResolver(scripts: prepared, session: session, maximumSegment: batchSize)
                if jobs[job].shared { return try resolver.resolve(jobs[job].ids) }
                var found: [Int: [ShellSyntaxIssue]] = [:]
                for (id, issues) in zip(jobs[job].ids, try resolver.standalone(jobs[job].ids)) where !issues.isEmpty {
                    found[id] = issues
                }
                return found
            },
            finish: { session in session.end() })
        var issues: [Int: [ShellSyntaxIssue]] = [:]
        for part in parts { issues.merge(part) { $0 + $1 } }
        return issues
    }

    private static func makeTemporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("firebreak-shell-\(UUID().uuidString)", isDirectory: true)
        do {
            try FileManager.default.createDirectory(
                at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw ShellSyntaxError.temporaryFiles("\(url.path): \(error)")
        }
        return url
    }
}
