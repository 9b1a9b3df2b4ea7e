import Foundation

/// Runs shellcheck over many scripts per process and maps its JSON back to the scripts.
struct ShellcheckRunner: Sendable {
    let path: String
    let severity: String
    /// Scripts per shellcheck process: enough to amortise its start, few enough to spread
    /// the work over the processors.
    let filesPerProcess: Int

    /// Rules left to other lint rules: variables assigned or used elsewhere in a runbook
    /// (SC2034, SC2154) and files sourced from the runbook's environment (SC1091).
    static let excludedCodes = "SC2034,SC2154,SC1091"

    private struct Report: Decodable {
        struct Comment: Decodable {
            var file: String
            var line: Int
            var column: Int
            var level: String
            var code: Int
            var message: String
        }
        var comments: [Comment]
    }

    /// Writes each script to `directory/<id>.sh` and checks them in groups; returns the issues
    /// of every script that has some.
    func check(
        _ scripts: [(id: Int, text: String)], directory: URL, parallelism: Int
    ) throws -> [Int: [ShellSyntaxIssue]] {
        guard !scripts.isEmpty else { return [:] }
        for script in scripts {
            let url = directory.appendingPathComponent("\(script.id).sh")
            do {
                try Data(script.text.utf8).write(to: url)
            } catch {
                throw ShellSyntaxError.temporaryFiles("\(url.path): \(error)")
            }
        }
        let supportsNoRC = Self.supportsNoRC(path)
        let groupSize = max(1, min(filesPerProcess, (scripts.count + parallelism - 1) / max(1, parallelism)))
        let groups = stride(from: 0, to: scripts.count, by: groupSize).map {
            scripts[$0..<min($0 + groupSize, scripts.count)].map(\.id)
        }
        let parts = try ParallelWork.run(
            jobs: groups.count, workers: parallelism, makeState: { () },
            perform: { _, job in try runGroup(groups[job], directory: directory, noRC: supportsNoRC) },
            finish: { _ in })
        var merged: [Int: [ShellSyntaxIssue]] = [:]
        for part in parts { merged.merge(part) { $0 + $1 } }
        return merged
    }

    private func runGroup(_ ids: [Int], directory: URL, noRC: Bool) throws -> [Int: [ShellSyntaxIssue]] {
        var arguments = ["--shell=bash", "--format=json1", "--severity=\(severity)", "-e", Self.excludedCodes]
        if noRC { arguments.append("--norc") }
        arguments.append("--")
        arguments.append(contentsOf: ids.map { directory.appendingPathComponent("\($0).sh").path })
        // UTF-8 locale: shellcheck reads files in the locale's encoding.
        let result = try ProcessCapture.run(
            path, arguments, environment: ["LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin"])
        guard result.status == 0 || result.status == 1 else {
            let detail = String(decoding: result.standardError.prefix(500), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            throw ShellSyntaxError.shellcheckFailed(path, status: result.status, detail)
        }
        let report: Report
        do {
            report = try JSONDecoder().decode(Report.self, from: result.standardOutput)
        } catch {
            throw ShellSyntaxError.shellcheckOutputUnreadable(path, "\(error)")
        }
        var issues: [Int: [ShellSyntaxIssue]] = [:]
        for comment in report.comments {
            let name = (comment.file as NSString).lastPathComponent
            guard name.hasSuffix(".sh"), let id = Int(name.dropLast(3)) else { continue }
            issues[id, default: []].append(
                ShellSyntaxIssue(
                    line: comment.line, column: comment.column, message: comment.message, tool: "shellcheck",
                    code: "SC\(comment.code)", level: comment.level))
        }
        return issues
    }

    /// `--norc` (ignore `.shellcheckrc` files, so results depend only on the script) exists
    /// from shellcheck 0.8 on.
    private static func supportsNoRC(_ path: String) -> Bool {
        guard let line = ProcessCapture.versionLine(path) else { return false }
        let numbers = line.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard numbers.count >= 2 else { return false }
        return numbers[0] > 0 || numbers[1] >= 8
    }
}
