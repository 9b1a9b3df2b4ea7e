/// Lexes bash snippets into simple commands, variable uses, heredocs and structural problems.
///
/// Runbook snippets are often broken; the parser never fails and never stalls: it works in one
/// pass over the UTF-8 bytes, caps nesting, and reports what it could not close as `problems`.
///
/// ```swift
/// let parse = ShellParser.parse("kubectl -n \"$NS\" logs -f deploy/api | grep ERROR")
/// parse.commands.map(\.program)   // ["kubectl", "grep"]
/// parse.variableUses.map(\.name)  // ["NS"]
/// ```
public enum ShellParser {
    /// Parses `script`; never throws, never traps.
    public static func parse(_ script: String) -> ShellParse {
        var scanner = ShellScanner(bytes: Array(script.utf8))
        return scanner.run()
    }
}
