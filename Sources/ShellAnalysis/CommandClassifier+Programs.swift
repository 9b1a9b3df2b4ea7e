import RunbookModel

/// Programs whose arguments carry another command or language: SQL clients, `redis-cli`, `curl`,
/// `watch`, `ssh`, `find -exec`, `kubectl exec --`, shells, and samplers like `iostat 1`.
extension CommandClassifier {
    /// Classifies SQL by its verbs: SELECT/SHOW/EXPLAIN/`\d` read; INSERT/UPDATE/CREATE/ALTER/VACUUM/GRANT/SET
    /// mutate; DELETE/DROP/TRUNCATE/`pg_terminate_backend`/`pg_cancel_backend` destroy. The worst statement wins.
    public func assessSQL(_ sql: String) -> SafetyClass {
        SQLClassifier.classify(sql)
    }

    static let shellPrograms: Set<String> = ["bash", "sh", "zsh", "dash", "ksh", "ash"]

    func refine(
        _ result: inout CommandAssessment, command: SimpleCommand, program: String, arguments: [String],
        positionals: [String], depth: Int
    ) {
        switch program {
        case "psql":
            refineSQLClient(
                &result, command: command, arguments: arguments, name: "psql", short: ["-c"], long: ["--command"],
                fileOptions: ["-f", "--file"], readOnlyOptions: ["-l", "--list", "-V", "--version", "--help"])
        case "mysql", "mariadb":
            refineSQLClient(
                &result, command: command, arguments: arguments, name: program, short: ["-e"], long: ["--execute"],
                fileOptions: [], readOnlyOptions: ["-V", "--version", "--help"])
            if arguments.contains("-p") || arguments.contains("--password") {
                result.interactive = true
                result.reasons.append("\(program) -p asks for the password")
            }
        case "sqlite3":
            refineSQLite(&result, command: command, arguments: arguments)
        case "clickhouse-client", "cqlsh":
            refineSQLClient(
                &result, command: command, arguments: arguments, name: program, short: ["-q", "-e"],
                long: ["--query", "--execute"], fileOptions: ["-f", "--file", "--queries-file"],
                readOnlyOptions: ["--version", "--help"])
        case "redis-cli", "valkey-cli", "keydb-cli":
            refineRedis(&result, command: command, arguments: arguments, depth: depth)
        case "curl":
            refineCurl(&result, arguments: arguments)
        case "find":
            refineFind(&result, command: command, depth: depth)
        case "watch":
            refineWatch(&result, arguments: arguments, depth: depth)
        case "ssh":
            refineSSH(&result, command: command, arguments: arguments, depth: depth)
        case "kubectl", "oc":
            if positionals.first == "exec", let dash = command.arguments.firstIndex(where: { $0.text == "--" }) {
                absorbInner(
                    &result, words: Array(command.arguments[(dash + 1)...]), depth: depth, flags: false,
                    via: "\(program) exec")
            }
        case "docker":
            if positionals.first == "exec" { refineDockerExec(&result, command: command, depth: depth) }
        case "iostat", "vmstat", "mpstat", "sar", "pidstat", "dstat", "nfsiostat", "cifsiostat":
            refineSampler(&result, program: program, arguments: arguments)
        default:
            if Self.shellPrograms.contains(program) {
                refineShell(&result, command: command, positionals: positionals, depth: depth)
            }
        }
    }

    // MARK: Option helpers

    /// Values of an option given as `-c V`, `-cV`, `--command V` or `--command=V`.
    static func optionValues(_ arguments: [String], short: [String], long: [String]) -> [String] {
        var values: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if short.contains(argument) || long.contains(argument) {
                if index < arguments.count { values.append(arguments[index]) }
                index += 1
            } else if let flag = long.first(where: { argument.hasPrefix($0 + "=") }) {
                values.append(String(argument.dropFirst(flag.count + 1)))
            } else if let flag = short.first(where: { argument.hasPrefix($0) && !argument.hasPrefix("--") }) {
                values.append(String(argument.dropFirst(flag.count)))
            } else if let letter = clusteredLetter(argument, short) {
                // getopt clusters: `psql -Atc "SELECT 1"`: the option that takes a value ends the cluster.
                let rest = argument.drop { $0 != letter }.dropFirst()
                if rest.isEmpty {
                    if index < arguments.count { values.append(arguments[index]) }
                    index += 1
                } else {
                    values.append(String(rest))
                }
            }
        }
        return values
    }

    /// The letter of a one-letter option in `short` that appears inside a flag cluster like `-Atc`.
    private static func clusteredLetter(_ argument: String, _ short: [String]) -> Character? {
        guard argument.count > 2, argument.hasPrefix("-"), !argument.hasPrefix("--") else { return nil }
        let letters = short.filter { $0.count == 2 }.compactMap { $0.last }
        // Flags before the option must be letters; what follows it is its value (`-AtcSELECT 1`).
        return argument.dropFirst().prefix(while: { $0.isLetter }).first { letters.contains($0) }
    }

    static func hasOption(_ arguments: [String], _ options: [String]) -> Bool {
        options.contains { option in arguments.contains { CommandRule.flagMatches(option, $0) } }
    }

    /// Assesses every command of an inner script and folds the results into `result`.
    func absorbScript(_ result: inout CommandAssessment, script: String, depth: Int, flags: Bool) {
        for inner in ShellParser.parse(script).commands {
            result.absorb(assess(inner, depth: depth + 1), flags: flags)
        }
    }

    /// Assesses a command given as words (after `kubectl exec … --`, `find -exec`).
    func absorbInner(_ result: inout CommandAssessment, words: [ShellWord], depth: Int, flags: Bool, via: String) {
        guard !words.isEmpty else { return }
        var inner = SimpleCommand(
            words: words, program: nil, arguments: [], line: words[0].line, column: words[0].column)
        CommandWrappers.apply(to: &inner)
        result.absorb(assess(inner, depth: depth + 1), flags: flags)
    }

    // MARK: SQL clients

    func refineSQLClient(
        _ result: inout CommandAssessment, command: SimpleCommand, arguments: [String], name: String,
        short: [String], long: [String], fileOptions: [String], readOnlyOptions: [String]
    ) {
        let sql = Self.optionValues(arguments, short: short, long: long)
        if !sql.isEmpty {
            let safety = assessSQL(sql.joined(separator: ";\n"))
            result = CommandAssessment(safety: safety, reasons: ["\(name) runs SQL that is \(safety.rawValue)"])
        } else if !fileOptions.isEmpty && Self.hasOption(arguments, fileOptions) {
            result = CommandAssessment(
                safety: .unknown, reasons: ["\(name) runs a SQL file that cannot be checked here"])
        } else if Self.hasOption(arguments, readOnlyOptions) {
            result = CommandAssessment(safety: .readOnly, reasons: ["\(name) only lists"])
        } else if let stdin = command.stdinText {
            let safety = assessSQL(stdin)
            result = CommandAssessment(
                safety: safety, reasons: ["\(name) runs SQL from stdin that is \(safety.rawValue)"])
        } else if command.stdinRedirected {
            result = CommandAssessment(
                safety: .unknown, reasons: ["\(name) runs SQL from stdin that cannot be checked here"])
        } else {
            result = CommandAssessment(
                safety: .unknown, interactive: true, reasons: ["\(name) without a command opens an interactive session"]
            )
        }
    }

    func refineSQLite(_ result: inout CommandAssessment, command: SimpleCommand, arguments: [String]) {
        let operands = arguments.filter { !$0.hasPrefix("-") }
        if operands.count >= 2 {
            let sql = operands.dropFirst().joined(separator: ";\n")
            let safety = sql.hasPrefix(".") ? SafetyClass.readOnly : assessSQL(sql)
            result = CommandAssessment(safety: safety, reasons: ["sqlite3 runs SQL that is \(safety.rawValue)"])
        } else if let stdin = command.stdinText {
            result = CommandAssessment(safety: assessSQL(stdin), reasons: ["sqlite3 runs SQL from stdin"])
        } else if command.stdinRedirected {
            result = CommandAssessment(
                safety: .unknown, reasons: ["sqlite3 runs SQL from stdin that cannot be checked here"])
        } else {
            result = CommandAssessment(
                safety: .unknown, interactive: true, reasons: ["sqlite3 without SQL opens an interactive session"])
        }
    }

    // MARK: HTTP

    func refineCurl(_ result: inout CommandAssessment, arguments: [String]) {
        let method = Self.optionValues(arguments, short: ["-X"], long: ["--request"]).last?.uppercased()
        let sendsBody =
            Self.hasOption(arguments, ["--data*", "--form*", "--json", "--upload-file", "-T", "-F"])
            || arguments.contains { $0 == "-d" || ($0.hasPrefix("-d") && !$0.hasPrefix("--")) }
        let forcedGet = Self.hasOption(arguments, ["-G", "--get"])
        switch method {
        case "DELETE"?:
            result.raise(to: .destructive, reason: "curl -X DELETE deletes a remote resource")
        case "POST"?, "PUT"?, "PATCH"?:
            result.raise(to: .mutating, reason: "curl -X \(method ?? "") sends a write request")
        case "GET"?, "HEAD"?, "OPTIONS"?:
            break
        case .some(let other):
            result.raise(to: .unknown, reason: "curl -X \(other) is not a known read method")
        case nil:
            if sendsBody && !forcedGet { result.raise(to: .mutating, reason: "curl with a body sends a POST") }
        }
    }

    // MARK: Commands that run commands

    func refineFind(_ result: inout CommandAssessment, command: SimpleCommand, depth: Int) {
        var index = 0
        let arguments = command.arguments
        while index < arguments.count {
            let option = arguments[index].text
            index += 1
            guard ["-exec", "-execdir", "-ok", "-okdir"].contains(option) else { continue }
            let start = index
            while index < arguments.count && arguments[index].text != ";" && arguments[index].text != "+" { index += 1 }
            absorbInner(
                &result, words: Array(arguments[start..<index]), depth: depth, flags: false, via: "find \(option)")
            if option.hasPrefix("-ok") {
                result.interactive = true
                result.reasons.append("find \(option) asks before each file")
            }
        }
    }

    func refineWatch(_ result: inout CommandAssessment, arguments: [String], depth: Int) {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" {
                index += 1
                break
            }
            guard Self.isOption(argument) else { break }
            index += ["-n", "--interval", "-q", "--equexit"].contains(argument) ? 2 : 1
        }
        guard index < arguments.count else { return }
        var inner = CommandAssessment(safety: .readOnly)
        absorbScript(&inner, script: arguments[index...].joined(separator: " "), depth: depth, flags: false)
        result.safety = inner.safety
        for reason in inner.reasons where !result.reasons.contains(reason) { result.reasons.append(reason) }
    }

    func refineSSH(_ result: inout CommandAssessment, command: SimpleCommand, arguments: [String], depth: Int) {
        let valueLetters = Set("BbcDEeFIiJLlmOoPpQRSWw")
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--" { break }
            guard Self.isOption(argument) else {
                index -= 1
                break
            }
            let letters = Array(argument.dropFirst())
            if let position = letters.firstIndex(where: valueLetters.contains), position == letters.count - 1 {
                index += 1
            }
        }
        guard index < arguments.count else { return }
        let remote = arguments[(index + 1)...]
        if !remote.isEmpty {
            var inner = CommandAssessment(safety: .readOnly, reasons: ["ssh runs a remote command"])
            absorbScript(&inner, script: remote.joined(separator: " "), depth: depth, flags: true)
            result.safety = inner.safety
            result.neverTerminates = result.neverTerminates || inner.neverTerminates
            result.reasons = inner.reasons
        } else if let stdin = command.stdinText {
            var inner = CommandAssessment(safety: .readOnly, reasons: ["ssh runs a remote script from stdin"])
            absorbScript(&inner, script: stdin, depth: depth, flags: true)
            result.safety = inner.safety
            result.neverTerminates = result.neverTerminates || inner.neverTerminates
            result.reasons = inner.reasons
        } else if !arguments.contains("-N") && !command.stdinRedirected {
            result.interactive = true
            result.reasons.append("ssh without a remote command opens an interactive shell")
        }
    }

    func refineDockerExec(_ result: inout CommandAssessment, command: SimpleCommand, depth: Int) {
        let valueOptions: Set<String> = [
            "-e", "--env", "--env-file", "-u", "--user", "-w", "--workdir", "--detach-keys",
        ]
        let arguments = command.arguments
        guard var index = arguments.firstIndex(where: { $0.text == "exec" }) else { return }
        index += 1
        while index < arguments.count, arguments[index].text.hasPrefix("-") {
            index += valueOptions.contains(arguments[index].text) ? 2 : 1
        }
        index += 1
        guard index < arguments.count else { return }
        absorbInner(&result, words: Array(arguments[index...]), depth: depth, flags: false, via: "docker exec")
    }

    func refineShell(_ result: inout CommandAssessment, command: SimpleCommand, positionals: [String], depth: Int) {
        let name = command.program ?? "sh"
        if let script = ShellScanner.shellCommandString(in: command.arguments[...]) {
            var inner = CommandAssessment(safety: .readOnly, reasons: ["\(name) -c runs the commands in its string"])
            absorbScript(&inner, script: script.text, depth: depth, flags: false)
            result.safety = inner.safety
            result.reasons = inner.reasons
        } else if !positionals.isEmpty {
            result = CommandAssessment(
                safety: .unknown, reasons: ["\(name) runs a script file that cannot be checked here"])
        } else if let stdin = command.stdinText {
            var inner = CommandAssessment(safety: .readOnly, reasons: ["\(name) runs the script on its stdin"])
            absorbScript(&inner, script: stdin, depth: depth, flags: true)
            result = inner
        }
    }

    // MARK: Samplers

    /// `iostat 1` samples forever; `iostat 1 5` stops after five reports.
    func refineSampler(_ result: inout CommandAssessment, program: String, arguments: [String]) {
        let valueOptions: Set<String> = [
            "-n", "-P", "-I", "-f", "-o", "-s", "-e", "-i", "-p", "-g", "-j", "-S", "-C", "-G", "-T", "-c", "-N",
            "--dec",
        ]
        var numbers = 0
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if Self.isOption(argument) {
                if valueOptions.contains(argument) { index += 1 }
                continue
            }
            if Double(argument) != nil { numbers += 1 }
        }
        let endless = program == "dstat" ? numbers < 2 : numbers == 1
        if endless {
            result.neverTerminates = true
            result.reasons.append("\(program) with an interval and no count samples until interrupted (add a count)")
        }
    }
}
