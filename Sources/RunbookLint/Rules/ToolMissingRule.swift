import Foundation
import RunbookModel
import ShellAnalysis

/// `tool-missing` (`--full`): a program a runbook's commands need is not installed here.
struct ToolMissingRule: TreeLintRule {
    static let descriptions = [
        LintRuleDescription(
            id: "tool-missing", defaultSeverity: .warning, summary: "Command's program is not installed",
            help: "With `--full`, every program named by a runbook's commands must be on PATH, as it must be on the "
                + "machine responders run them from.")
    ]

    private static let builtins: Set<String> = [
        "cd", "echo", "export", "set", "unset", "source", ".", "read", "test", "[", "[[", "true", "false", "exit",
        "return", "local", "declare", "readonly", "eval", "exec", "shift", "trap", "wait", "alias", "type", "printf",
        "pwd", "let", "ulimit", "umask", "history", "jobs", "fg", "bg", "kill", "command", "builtin", "hash", "times",
        "getopts", "mapfile", "readarray", "typeset", "shopt", "break", "continue", ":", "function",
    ]

    func check(_ tree: AnalyzedTree, _ context: LintContext) -> [Finding] {
        guard context.full else { return [] }
        let searchPath = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(
            String.init)
        var known: [String: Bool] = [:]
        var findings: [Finding] = []
        for document in tree.documents {
            var reported = Set<String>()
            for (block, runbook, _) in document.allBlocks {
                if block.language.isShell {
                    for (command, _) in document.blocks[block.location.line]?.commands ?? [] {
                        guard let program = command.program, !program.contains("/"), !program.contains("$"),
                            !Self.builtins.contains(program), !reported.contains(program)
                        else { continue }
                        let found =
                            known[program]
                            ?? searchPath.contains { FileManager.default.isExecutableFile(atPath: $0 + "/" + program) }
                        known[program] = found
                        guard !found else { continue }
                        reported.insert(program)
                        findings.append(
                            Finding(
                                rule: "tool-missing", severity: .warning,
                                location: BlockLocation.of(command, in: block),
                                message:
                                    "`\(program)` is not installed here (not on PATH); install it where this runbook is run",
                                runbook: runbook?.id))
                    }
                }
            }
        }
        return findings
    }
}
