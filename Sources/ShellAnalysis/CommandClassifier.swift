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
            refine(
                &result, command: command, program: program, arguments: arguments, positionals: positionals,
                depth: depth)
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
    static func combine(
        _ matches: [(rule: CommandRule, specificity: CommandRule.Specificity)], program: String
    ) -> CommandAssessment {
        let withSafety = matches.filter { $0.rule.safety != nil }
        guard let best = withSafety.map(\.specificity).max() else {
            var unknown = CommandAssessment(
                safety: .unknown, reasons: ["\(program) is not in the classification table"])
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

    private static func applyFlags(
        _ matches: [(rule: CommandRule, specificity: CommandRule.Specificity)], to result: inout CommandAssessment
    ) {
        for match in matches where match.rule.neverTerminates || match.rule.interactive {
            result.neverTerminates = result.neverTerminates || match.rule.neverTerminates
            result.interactive = result.interactive || match.rule.interactive
            if !match.rule.reason.isEmpty && !result.reasons.contains(match.rule.reason) {
                result.reasons.append(match.rule.reason)
            }
        }
    }

    /// `argument.hasPrefix("-") && argument.count > 1`, on bytes while the second is ASCII (then
    /// the dash is a character of its own and a second character follows).
    static func isOption(_ argument: String) -> Bool {
        let bytes = argument.utf8
        guard bytes.first == ByteClass.minus else { return false }
        guard bytes.count > 1 else { return false }
        if bytes[bytes.index(after: bytes.startIndex)] < 0x80 { return true }
        return argument.hasPrefix("-") && argument.count > 1
    }

    /// Leading non-flag arguments, skipping the values of options listed in `options`.
    static func positionals(of arguments: [String], options: Set<String>) -> [String] {
        var result: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--" { break }
            if isOption(argument) {
                if options.contains(argument) { index += 1 }
                continue
            }
            result.append(argument)
        }
        return result
    }
}

/// Rules grouped by program for quick lookup; prefix patterns (`mkfs.*`) kept aside. Within a program, rules
/// whose first subcommand is a literal word are also filed under that word, so that `kubectl get …` tries the
/// `get` rules and the rules for any subcommand, not the dozens for other subcommands (which could not match).
struct RuleIndex: Sendable {
    private struct ProgramRules: Sendable {
        var rules: [CommandRule] = []
        /// Rules (indexes, in table order) that any first positional may match.
        var generic: [Int] = []
        /// For a literal first subcommand: the generic rules and that word's rules, in table order.
        var byFirst: [String: [Int]] = [:]
    }

    private var byProgram: [String: ProgramRules] = [:]
    private var patterns: [(prefix: Substring, rule: CommandRule)] = []

    init(_ rules: [CommandRule]) {
        for rule in rules {
            if rule.program.hasSuffix("*") {
                patterns.append((rule.program.dropLast(), rule))
            } else {
                byProgram[rule.program, default: ProgramRules()].rules.append(rule)
            }
        }
        for (program, entry) in byProgram {
            var indexed = entry
            var literal: [String: [Int]] = [:]
            for (index, rule) in entry.rules.enumerated() {
                if let word = Self.literalFirstSubcommand(rule) {
                    literal[word, default: []].append(index)
                } else {
                    indexed.generic.append(index)
                }
            }
            for (word, indexes) in literal { indexed.byFirst[word] = (indexed.generic + indexes).sorted() }
            byProgram[program] = indexed
        }
    }

    /// The first subcommand pattern when only that exact word matches it (see `CommandRule.glob`).
    private static func literalFirstSubcommand(_ rule: CommandRule) -> String? {
        guard let first = rule.subcommands.first, !first.hasSuffix("*") else { return nil }
        return first
    }

    func matching(
        program: String, positionals: [String], arguments: [String]
    ) -> [(rule: CommandRule, specificity: CommandRule.Specificity)] {
        var result: [(rule: CommandRule, specificity: CommandRule.Specificity)] = []
        if let entry = byProgram[program] {
            let candidates = positionals.first.flatMap { entry.byFirst[$0] } ?? entry.generic
            for index in candidates {
                if let specificity = entry.rules[index].match(positionals: positionals, arguments: arguments) {
                    result.append((entry.rules[index], specificity))
                }
            }
        }
        for pattern in patterns where program.hasPrefix(pattern.prefix) {
            if let specificity = pattern.rule.match(positionals: positionals, arguments: arguments) {
                result.append((pattern.rule, specificity))
            }
        }
        return result
    }
}
