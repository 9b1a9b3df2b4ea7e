import Foundation

/// Runs a program to completion and collects both of its outputs.
enum ProcessCapture {
    struct Result {
        var status: Int32
        var standardOutput: Data
        var standardError: Data
    }

    static func run(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> Result {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw ShellSyntaxError.launchFailed(executable, "no executable file there")
        }
        let captured = try ChildProcess.capture(executable, arguments, environment: environment)
        return Result(
            status: captured.status, standardOutput: Data(captured.output), standardError: Data(captured.errors))
    }

    /// The line of a program's `--version` output that names the version (or its first line),
    /// or nil when it cannot be run.
    static func versionLine(_ executable: String) -> String? {
        guard let result = try? run(executable, ["--version"], environment: ["LC_ALL": "C", "PATH": "/usr/bin:/bin"])
        else { return nil }
        let text = String(decoding: result.standardOutput, as: UTF8.self)
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        return lines.first(where: { $0.lowercased().hasPrefix("version:") }) ?? lines.first
    }
}
