import RunbookModel

/// One row of the command classification table.
///
/// Rules are data: the built-in table is `CommandClassifier.builtInRules`, and configuration can add
/// rules of the same shape. A rule matches a command when the program matches, its `subcommands`
/// equal the command's leading non-flag arguments, at least one `whenAny` token is present (or
/// `whenAny` is empty) and no `unless` token is present.
///
/// Tokens in `whenAny` / `unless`: `--flag` also matches `--flag=value`; a short flag `-f` also
/// matches inside clusters such as `-rf` or `-it`; `"-n 0"` (with a space) matches two consecutive
/// arguments; a trailing `*` matches by prefix; `"*"` alone matches any argument.
///
/// ```swift
/// CommandRule(program: "kubectl", subcommands: ["logs"], whenAny: ["-f", "--follow"],
///             neverTerminates: true, reason: "kubectl logs -f streams until interrupted")
/// ```
public struct CommandRule: Hashable, Sendable, Codable {
    /// Program basename (`kubectl`); a trailing `*` matches by prefix (`mkfs.*`).
    public var program: String
    /// Leading non-flag arguments to match (`["rollout", "restart"]`); `[]` matches any. `*` and `prefix*` allowed.
    public var subcommands: [String]
    /// The rule applies only if one of these arguments or flags is present; `[]` means always.
    public var whenAny: [String]
    /// The rule does not apply if one of these arguments or flags is present.
    public var unless: [String]
    /// The safety class this rule gives, or nil when the rule only sets the flags below.
    public var safety: SafetyClass?
    /// Whether the command runs until interrupted (`tail -f`, `watch`).
    public var neverTerminates: Bool
    /// Whether the command waits for a person at a terminal (`vim`, bare `psql`).
    public var interactive: Bool
    /// Short explanation shown to the user (`kubectl delete removes resources`).
    public var reason: String

    /// Creates a rule.
    public init(
        program: String, subcommands: [String] = [], whenAny: [String] = [], unless: [String] = [],
        safety: SafetyClass? = nil, neverTerminates: Bool = false, interactive: Bool = false, reason: String = ""
    ) {
        self.program = program
        self.subcommands = subcommands
        self.whenAny = whenAny
        self.unless = unless
        self.safety = safety
        self.neverTerminates = neverTerminates
        self.interactive = interactive
        self.reason = reason
    }

    private enum CodingKeys: String, CodingKey {
        case program, subcommands, whenAny, unless, safety, neverTerminates, interactive, reason
    }

    /// Decodes a rule; only `program` is required, so configuration can stay short.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        program = try container.decode(String.self, forKey: .program)
        subcommands = try container.decodeIfPresent([String].self, forKey: .subcommands) ?? []
        whenAny = try container.decodeIfPresent([String].self, forKey: .whenAny) ?? []
        unless = try container.decodeIfPresent([String].self, forKey: .unless) ?? []
        safety = try container.decodeIfPresent(SafetyClass.self, forKey: .safety)
        neverTerminates = try container.decodeIfPresent(Bool.self, forKey: .neverTerminates) ?? false
        interactive = try container.decodeIfPresent(Bool.self, forKey: .interactive) ?? false
        reason = try container.decodeIfPresent(String.self, forKey: .reason) ?? ""
    }

    /// How specific a match is: longer subcommand matches first, then conditional rules.
    struct Specificity: Comparable {
        var subcommands: Int
        var conditional: Int

        static func < (lhs: Self, rhs: Self) -> Bool {
            (lhs.subcommands, lhs.conditional) < (rhs.subcommands, rhs.conditional)
        }
    }

    /// Whether the rule's program pattern names `program`.
    func matchesProgram(_ program: String) -> Bool {
        if self.program.hasSuffix("*") { return program.hasPrefix(self.program.dropLast()) }
        return self.program == program
    }

    /// The match's specificity, or nil when the rule does not apply.
    func match(positionals: [String], arguments: [String]) -> Specificity? {
        guard subcommands.count <= positionals.count else { return nil }
        for (pattern, value) in zip(subcommands, positionals) where !Self.glob(pattern, value) {
            return nil
        }
        if !whenAny.isEmpty && !whenAny.contains(where: { Self.present($0, in: arguments) }) { return nil }
        if unless.contains(where: { Self.present($0, in: arguments) }) { return nil }
        return Specificity(subcommands: subcommands.count, conditional: whenAny.isEmpty && unless.isEmpty ? 0 : 1)
    }

    static func glob(_ pattern: String, _ value: String) -> Bool {
        if pattern == "*" { return true }
        if pattern.hasSuffix("*") { return value.hasPrefix(pattern.dropLast()) }
        return pattern == value
    }

    /// Whether a `whenAny`/`unless` token is present among the arguments.
    static func present(_ token: String, in arguments: [String]) -> Bool {
        if token == "*" { return !arguments.isEmpty }
        let plain = token.utf8.withContiguousStorageIfAvailable(isPlainASCII) ?? false
        if let space = plain ? token.utf8.firstIndex(of: ByteClass.space) : token.firstIndex(of: " ") {
            let first = String(token[..<space])
            let second = String(token[token.index(after: space)...])
            guard arguments.count >= 2 else { return false }
            for k in 0..<(arguments.count - 1) where flagMatches(first, arguments[k]) && glob(second, arguments[k + 1])
            {
                return true
            }
            return false
        }
        return arguments.contains { flagMatches(token, $0) }
    }

    /// `--flag` matches `--flag=value`; `-f` matches in letter clusters like `-rf`.
    static func flagMatches(_ token: String, _ argument: String) -> Bool {
        let fast = token.utf8.withContiguousStorageIfAvailable { token in
            argument.utf8.withContiguousStorageIfAvailable { argument in
                isPlainASCII(token) && isPlainASCII(argument) ? flagMatches(bytes: token, argument) : nil
            } ?? nil
        }
        if let fast = fast ?? nil { return fast }
        if token.hasSuffix("*") && token.count > 1 { return argument.hasPrefix(token.dropLast()) }
        if token == argument { return true }
        let tokenUTF8 = token.utf8
        if token.hasPrefix("--") {
            return !token.utf8.contains(ByteClass.equals) && argument.hasPrefix(token)
                && argument.utf8.count > tokenUTF8.count
                && argument.utf8[argument.utf8.index(argument.utf8.startIndex, offsetBy: tokenUTF8.count)]
                    == ByteClass.equals
        }
        guard tokenUTF8.count == 2, token.hasPrefix("-"), let letter = tokenUTF8.last else { return false }
        return isCluster(argument) && argument.utf8.dropFirst().contains(letter)
    }

    /// ASCII without carriage returns: there every byte is a `Character` of its own, so byte
    /// comparisons answer exactly what `String`'s do.
    static func isPlainASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where byte >= 0x80 || byte == ByteClass.carriageReturn { return false }
        return true
    }

    /// ``flagMatches(_:_:)`` on the bytes of two plain ASCII strings.
    private static func flagMatches(
        bytes token: UnsafeBufferPointer<UInt8>, _ argument: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        func hasPrefix(_ count: Int) -> Bool {
            guard argument.count >= count else { return false }
            for index in 0..<count where argument[index] != token[index] { return false }
            return true
        }
        if token.count > 1, token[token.count - 1] == ByteClass.asterisk { return hasPrefix(token.count - 1) }
        if token.count == argument.count, hasPrefix(token.count) { return true }
        if token.count >= 2, token[0] == ByteClass.minus, token[1] == ByteClass.minus {
            return !token.contains(ByteClass.equals) && argument.count > token.count && hasPrefix(token.count)
                && argument[token.count] == ByteClass.equals
        }
        guard token.count == 2, token[0] == ByteClass.minus else { return false }
        let letter = token[1]
        guard argument.count > 2, argument.count <= 8, argument[0] == ByteClass.minus, ByteClass.isLetter(argument[1])
        else { return false }
        var found = false
        for byte in argument[1...] {
            guard ByteClass.isAlphanumeric(byte) else { return false }
            if byte == letter { found = true }
        }
        return found
    }

    /// `-rf`, `-it`, `-bn1`: a single-dash run of letters (digits allowed after the first).
    static func isCluster(_ argument: String) -> Bool {
        let bytes = argument.utf8
        guard bytes.count > 2, bytes.count <= 8, bytes.first == ByteClass.minus else { return false }
        let body = bytes.dropFirst()
        guard let first = body.first, ByteClass.isLetter(first) else { return false }
        return body.allSatisfy(ByteClass.isAlphanumeric)
    }
}
