/// Finishing a simple command: wrappers, names it assigns, and `bash -c` strings.
extension ShellScanner {
    /// Shells whose `-c` string is itself a script.
    static let shells: Set<String> = ["bash", "sh", "zsh", "dash", "ksh", "ash"]

    mutating func finish(_ builder: CommandBuilder) {
        guard !builder.isEmpty else { return }
        var command = SimpleCommand(
            words: builder.words, assignments: builder.assignments, program: nil, arguments: [],
            line: max(0, builder.line), column: max(1, builder.column), stdinRedirected: builder.stdinRedirected,
            isSubstitution: substitution > 0, stdinText: builder.stdinText,
            outputRedirections: builder.outputs
        )
        CommandWrappers.apply(to: &command)
        recordAssignedNames(of: command)
        if ownerIndex.count <= builder.id { ownerIndex += repeatElement(-1, count: builder.id + 1 - ownerIndex.count) }
        ownerIndex[builder.id] = commands.count
        commands.append(command)
        reparseShellString(of: command)
    }

    /// The builtins that `recordAssignedNames(of:)` reads.
    static let assigningBuiltins: Set<String> = [
        "export", "declare", "typeset", "local", "readonly", "read", "mapfile", "readarray", "getopts", "printf",
    ]

    /// Names assigned by builtins: `export`, `declare`, `read`, `getopts`, `mapfile`, `printf -v` ….
    mutating func recordAssignedNames(of command: SimpleCommand) {
        guard let program = command.program, Self.assigningBuiltins.contains(program) else { return }
        let args = command.argumentTexts
        switch program {
        case "export", "declare", "typeset", "local", "readonly":
            for arg in args where !arg.hasPrefix("-") && !arg.hasPrefix("+") {
                let name = arg.split(separator: "=", maxSplits: 1).first.map { String($0) } ?? arg
                let bare = name.hasSuffix("+") ? String(name.dropLast()) : name
                if B.isIdentifier(bare) { assigned.insert(bare) }
            }
        case "read":
            let names = Self.operands(args, valueLetters: "dinNptu", nameLetters: "a")
            names.forEach { assigned.insert($0) }
            if names.isEmpty { assigned.insert("REPLY") }
        case "mapfile", "readarray":
            let names = Self.operands(args, valueLetters: "dnOsuCc", nameLetters: "")
            assigned.insert(names.last ?? "MAPFILE")
        case "getopts":
            if args.count >= 2, B.isIdentifier(args[1]) { assigned.insert(args[1]) }
            assigned.insert("OPTARG")
        case "printf":
            if args.count >= 2, args[0] == "-v", B.isIdentifier(args[1]) { assigned.insert(args[1]) }
        default:
            break
        }
    }

    /// Identifier operands after options; option letters in `valueLetters` take a value,
    /// those in `nameLetters` take a value that is itself an assigned name.
    static func operands(_ args: [String], valueLetters: String, nameLetters: String) -> [String] {
        var names: [String] = []
        var index = 0
        var optionsDone = false
        while index < args.count {
            let arg = args[index]
            index += 1
            if !optionsDone && arg == "--" {
                optionsDone = true
                continue
            }
            if !optionsDone && arg.hasPrefix("-") && arg.count > 1 {
                let letters = Array(arg.dropFirst())
                for (position, letter) in letters.enumerated()
                where valueLetters.contains(letter) || nameLetters.contains(letter) {
                    let attached = String(letters[(position + 1)...])
                    let value = attached.isEmpty ? (index < args.count ? args[index] : "") : attached
                    if attached.isEmpty { index += 1 }
                    if nameLetters.contains(letter), B.isIdentifier(value) { names.append(value) }
                    break
                }
                continue
            }
            optionsDone = true
            if B.isIdentifier(arg) { names.append(arg) }
        }
        return names
    }

    /// `bash -c 'STR'` (or `kubectl exec … -- sh -c 'STR'`): STR is scanned as a script of its own.
    mutating func reparseShellString(of command: SimpleCommand) {
        guard let program = command.program else { return }
        let direct = Self.shells.contains(program)
        let words: ArraySlice<ShellWord>
        if direct {
            words = command.arguments[...]
        } else if let k = command.arguments.firstIndex(where: {
            // Every shell's name ends in `h`: other words are passed over without taking their basename.
            $0.text.utf8.last == UInt8(ascii: "h") && Self.shells.contains(CommandWrappers.basename($0.text))
        }) {
            words = command.arguments[(k + 1)...]
        } else {
            return
        }
        guard let script = Self.shellCommandString(in: words) else { return }
        guard nesting < Self.maxNesting else {
            reportTooDeep(line: script.line, column: script.column)
            return
        }
        var inner = ShellScanner(bytes: Array(script.text.utf8), nesting: nesting + 1, substitution: true)
        let parse = inner.run()
        let lineShift = script.line
        let columnShift = script.column
        func shifted(_ l: Int, _ c: Int) -> (Int, Int) { (l + lineShift, l == 0 ? c + columnShift : c) }
        for var inner in parse.commands {
            (inner.line, inner.column) = shifted(inner.line, inner.column)
            inner.isSubstitution = true
            commands.append(inner)
        }
        for var item in parse.problems {
            (item.line, item.column) = shifted(item.line, item.column)
            problems.append(item)
        }
        guard direct, !script.hasExpansion else { return }
        for var use in parse.variableUses {
            (use.line, use.column) = shifted(use.line, use.column)
            uses.append(use)
        }
        assigned.formUnion(parse.assignedNames)
        functionNames.formUnion(parse.functionNames)
    }

    /// The `-c` string among a shell's arguments: options first (`-e`, `-o pipefail`, `-lc`), then the string.
    static func shellCommandString(in words: ArraySlice<ShellWord>) -> ShellWord? {
        var sawC = false
        var index = words.startIndex
        while index < words.endIndex {
            let text = words[index].text
            if text == "-o" || text == "+o" {
                index += 2
                continue
            }
            if text.hasPrefix("-") && !text.hasPrefix("--") && text.count > 1 {
                if text.dropFirst().allSatisfy({ $0.isLetter }) && text.contains("c") { sawC = true }
                index += 1
                continue
            }
            if text.hasPrefix("--") {
                index += 1
                continue
            }
            return sawC ? words[index] : nil
        }
        return nil
    }
}
