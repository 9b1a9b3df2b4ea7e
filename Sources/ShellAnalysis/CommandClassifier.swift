import RunbookModel

/// Classifies commands as read-only, mutating, destructive or unknown, and flags commands that
/// never terminate or need a terminal, from a table of `CommandRule`s plus a few parsers for
/// programs whose arguments are another language (SQL for `psql -c`, Redis commands, `watch CMD`).
///
/// ```swift
/// let classifier = CommandClassifier()
/// for (command, assessment) in classifier.assess(script: "sudo pkill -9 nginx") {
///     print(command.program ?? "", assessment.safety)   // pkill destructive
/// }
/// ```
public struct CommandClassifier: Sendable {
    /// The built-in table.
    public static let builtInRules: [CommandRule] = CommandRule.builtIn

    private static let builtInIndex = RuleIndex(CommandRule.builtIn)
    private let extra: RuleIndex

    /// Creates a classifier; for a command that some extra rule matches, only extra rules count.
    public init(extraRules: [CommandRule] = []) {
        extra = RuleIndex(extraRules)
    }

    /// Every program the built-in table knows, for telling shell from prose.
    public static let knownPrograms: Set<String> = Set(CommandRule.builtIn.map(\.program).filter { !$0.hasSuffix("*") })

    /// Assesses one command.
    public func assess(_ command: SimpleCommand) -> CommandAssessment {
        assess(command, depth: 0)
    }

    /// Parses `script` and assesses every command in it, substitutions and `bash -c` strings included.
    public func assess(script: String) -> [(command: SimpleCommand, assessment: CommandAssessment)] {
        ShellParser.parse(script).commands.map { ($0, assess($0)) }
    }

    func assess(_ command: SimpleCommand, depth: Int) -> CommandAssessment {
        guard let program = command.program else {
            return CommandAssessment(safety: .readOnly, reasons: ["variable assignment"])
        }
        let arguments = command.argumentTexts
        let positionals = Self.positionals(of: arguments, options: CommandRule.valueOptions[program] ?? [])
        var extraMatched = extra.matching(program: program, positionals: positionals, arguments: arguments)
        let usesExtra = !extraMatched.isEmpty
        if !usesExtra {
            extraMatched = Self.builtInIndex.matching(program: program, positionals: positionals, arguments: arguments)
        }
        var result = Self.combine(extraMatched, program: program)
        if !usesExtra && depth < 8 {
            refine(&result, command: command, program: program, arguments: arguments, positionals: positionals, depth: depth)
        }
        if let target = command.outputRedirections.first(where: { !Self.harmlessOutputs.contains($0) }) {
            result.raise(to: .mutating, reason: "output is redirected into \(target)")
        }
        if command.stdinRedirected { result.interactive = false }
        if command.wrappers.contains("timeout") { result.neverTerminates = false }
        return result
    }

    /// Redirection targets that do not change state.
    static let harmlessOutputs: Set<String> = ["/dev/null", "/dev/stdout", "/dev/stderr", "/dev/tty", "-"]

    /// Safety from the most specific matching rules that set one; flags from every matching rule.
    static func combine(_ matches: [(rule: CommandRule, specificity: CommandRule.Specificity)], program: String) -> CommandAssessment {
        let withSafety = matches.filter { $0.rule.safety != nil }
        guard let best = withSafety.map(\.specificity).max() else {
            var unknown = CommandAssessment(safety: .unknown, reasons: ["\(program) is not in the classification table"])
            applyFlags(matches, to: &unknown)
            return unknown
        }
        var result = CommandAssessment(safety: .readOnly)
        var first = true
        for match in withSafety where match.specificity == best {
            guard let safety = match.rule.safety else { continue }
            if first {
                result.safety = safety
                first = false
            }
            result.raise(to: safety, reason: match.rule.reason)
        }
        applyFlags(matches, to: &result)
        return result
    }

    private static func applyFlags(_ matches: [(rule: CommandRule, specificity: CommandRule.Specificity)], to result: inout CommandAssessment) {
        for match in matches where match.rule.neverTerminates || match.rule.interactive {
            result.neverTerminates = result.neverTerminates || match.rule.neverTerminates
            result.interactive = result.interactive || match.rule.interactive
            if !match.rule.reason.isEmpty && !result.reasons.contains(match.rule.reason) {
                result.reasons.append(match.rule.reason)
            }
        }
    }

    /// Leading non-flag arguments, skipping the values of options listed in `options`.
    static func positionals(of arguments: [String], options: Set<String>) -> [String] {
        var result: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--" { break }
            if argument.hasPrefix("-") && argument.count > 1 {
                if options.contains(argument) { index += 1 }
                continue
            }
            result.append(argument)
        }
        return result
    }
}

/// Rules grouped by program for quick lookup; prefix patterns (`mkfs.*`) kept aside.
struct RuleIndex: Sendable {
    private var byProgram: [String: [CommandRule]] = [:]
    private var patterns: [CommandRule] = []

    init(_ rules: [CommandRule]) {
        for rule in rules {
            if rule.program.hasSuffix("*") {
                patterns.append(rule)
            } else {
                byProgram[rule.program, default: []].append(rule)
            }
        }
    }

    func matching(program: String, positionals: [String], arguments: [String]) -> [(rule: CommandRule, specificity: CommandRule.Specificity)] {
        var result: [(rule: CommandRule, specificity: CommandRule.Specificity)] = []
        for rule in byProgram[program] ?? [] {
            if let specificity = rule.match(positionals: positionals, arguments: arguments) { result.append((rule, specificity)) }
        }
        for rule in patterns where rule.matchesProgram(program) {
            if let specificity = rule.match(positionals: positionals, arguments: arguments) { result.append((rule, specificity)) }
        }
        return result
    }
}
