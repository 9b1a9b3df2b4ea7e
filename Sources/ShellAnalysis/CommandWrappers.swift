/// Strips wrappers (`sudo -u x`, `env A=1`, `timeout 5`, `xargs -n1` …) to find the effective program.
enum CommandWrappers {
    /// Wrapper name → options that take a separate value.
    static let valueOptions: [String: Set<String>] = [
        "sudo": [
            "-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-T", "-U", "--user", "--group", "--chdir", "--host",
            "--prompt", "--role", "--type", "--close-from", "--other-user",
        ],
        "doas": ["-u", "-C"],
        "env": ["-u", "-C", "-S", "--unset", "--chdir", "--split-string"],
        "nohup": [],
        "time": ["-f", "-o", "--format", "--output"],
        "nice": ["-n", "--adjustment"],
        "ionice": ["-c", "-n", "-p", "-P", "-u", "--class", "--classdata", "--pid", "--pgid", "--uid"],
        "timeout": ["-s", "-k", "--signal", "--kill-after"],
        "stdbuf": ["-i", "-o", "-e", "--input", "--output", "--error"],
        "xargs": [
            "-I", "-n", "-P", "-L", "-d", "-E", "-s", "-a", "--max-args", "--max-procs", "--max-lines", "--delimiter",
            "--eof", "--max-chars", "--arg-file", "--replace",
        ],
        "command": [],
        "exec": ["-a"],
        "builtin": [],
    ]

    /// The last path component (`/usr/bin/kubectl` → `kubectl`).
    static func basename(_ text: String) -> String {
        guard let slash = text.utf8.lastIndex(of: UInt8(ascii: "/")) else { return text }
        let rest = text[text.utf8.index(after: slash)...]
        return rest.isEmpty ? text : String(rest)
    }

    /// Fills `wrappers`, `program` and `arguments` from `words`.
    static func apply(to command: inout SimpleCommand) {
        let words = command.words
        guard !words.isEmpty else {
            command.program = nil
            command.arguments = []
            return
        }
        var index = 0
        var lastWrapper: Int?
        while index < words.count {
            let name = basename(words[index].text)
            guard let valued = valueOptions[name], !words[index].hasExpansion else { break }
            if name == "command", index + 1 < words.count, ["-v", "-V"].contains(words[index + 1].text) { break }
            lastWrapper = index
            command.wrappers.append(name)
            index += 1
            index = skipOptions(words, from: index, valued: valued, wrapper: name)
            if name == "env" || name == "sudo" {
                while index < words.count, let eq = words[index].text.firstIndex(of: "="),
                    ByteClass.isIdentifier(String(words[index].text[..<eq]))
                {
                    command.assignments.append(String(words[index].text[..<eq]))
                    index += 1
                }
            }
            if name == "timeout", index < words.count { index += 1 }
        }
        if index >= words.count, let last = lastWrapper {
            command.wrappers.removeLast()
            index = last
        }
        command.program = basename(words[index].text)
        command.arguments = Array(words[(index + 1)...])
    }

    /// Skips a wrapper's own options (and their values); returns the index of the first non-option word.
    static func skipOptions(_ words: [ShellWord], from start: Int, valued: Set<String>, wrapper: String) -> Int {
        var index = start
        while index < words.count {
            let text = words[index].text
            guard text.hasPrefix("-"), text.count > 1 else { return index }
            if wrapper == "timeout" || wrapper == "nice", text.dropFirst().allSatisfy(\.isNumber) {
                if wrapper == "nice" {
                    index += 1
                    continue
                }
                return index
            }
            index += 1
            if text == "--" { return index }
            if valued.contains(text) { index += 1 }
        }
        return index
    }
}
