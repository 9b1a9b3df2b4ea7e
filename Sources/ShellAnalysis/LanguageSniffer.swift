import Foundation

/// Tells shell from other languages: for unlabelled fences, and for `bash` fences that really
/// hold SQL, TOML, YAML, JSON or a configuration file.
public enum LanguageSniffer {
    /// Programs and keywords that commonly start a shell line, beyond the classification table.
    static let commonCommands: Set<String> = [
        "if", "for", "while", "until", "case", "function", "do", "done", "then", "fi", "else", "elif", "esac", "{", "}",
        "[", "[[", "sudo", "nohup", "time", "env", "npm", "npx", "yarn", "go", "cargo", "make", "brew", "java",
        "mvn", "gradle", "ansible", "ansible-playbook", "vagrant", "minikube", "kind", "k3s", "kubeadm", "crictl",
        "ctr", "nerdctl", "podman", "buildah", "skopeo", "trivy", "gh", "ssh-keygen", "ssh-copy-id", "firewall-cmd",
        "useradd", "usermod", "groupadd", "chpasswd", "at", "update-alternatives", "fallocate", "lvextend",
        "resize2fs", "xfs_growfs", "pvcreate", "vgextend", "lvcreate", "pip3", "gem", "bundle", "composer", "dotnet",
        "jcmd", "jstack", "jmap", "jstat", "curl", "wget", "kubectl", "k", "helm", "docker", "docker-compose",
        "systemctl", "journalctl", "aws", "gcloud", "az", "git", "ssh", "scp", "psql", "mysql", "redis-cli",
    ]

    /// Words that start SQL statements (matched case-insensitively, except the ambiguous ones).
    static let sqlVerbs: Set<String> = [
        "SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "ALTER", "WITH", "TRUNCATE", "GRANT", "REVOKE",
        "EXPLAIN", "VACUUM",
    ]
    static let upperOnlySQLVerbs: Set<String> = ["SHOW", "DESCRIBE", "BEGIN", "COMMIT", "SET", "USE"]

    /// Whether an unlabelled block reads as shell: most non-blank, non-comment lines start with a
    /// prompt, a known program, `./`, `sudo` or an assignment. Directory trees never do.
    public static func looksLikeShell(_ text: String) -> Bool {
        // A console transcript: prompts mark the commands, the rest is their output.
        if text.split(whereSeparator: \.isNewline).contains(where: { $0.hasPrefix("$ ") }) { return true }
        var counted = 0
        var shellLike = 0
        var continues = false
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.contains("├") || line.contains("└") || line.contains("│") { return false }
            let wasContinued = continues
            continues = line.hasSuffix("\\")
            if line.isEmpty || line.hasPrefix("#") { continue }
            counted += 1
            if wasContinued || lineLooksLikeShell(line) { shellLike += 1 }
        }
        return counted > 0 && shellLike * 2 > counted
    }

    static func lineLooksLikeShell(_ line: String) -> Bool {
        if line.hasPrefix("$ ") || line.hasPrefix("./") || line.hasPrefix("~/") { return true }
        let first = String(line.prefix { !$0.isWhitespace && $0 != ";" && $0 != "|" && $0 != "&" })
        if first.hasSuffix(":") || first.hasPrefix("{") || first.hasPrefix("\"") { return false }
        if let eq = first.firstIndex(of: "="), ByteClass.isIdentifier(String(first[..<eq])) { return true }
        let program = CommandWrappers.basename(first)
        if first.hasPrefix("/") && first.count > 1 && !first.hasSuffix("/") && !line.contains(" -> ") {
            return !program.contains(".") || program.hasSuffix(".sh")
        }
        return CommandClassifier.knownPrograms.contains(program) || commonCommands.contains(program)
    }

    /// The first command that is really another language, with its 0-based line:
    /// `[section]` → "TOML" (or "INI" when capitalised, as in systemd units); `key = value` → "TOML";
    /// `SELECT …` → "SQL"; `key:` / `- key: value` → "YAML"; `"key": …` / `{"…` → "JSON";
    /// `name {` → "configuration". Heredoc bodies and substitutions are not looked at.
    public static func foreignLanguage(in parse: ShellParse, script: String) -> (language: String, line: Int)? {
        for command in parse.commands where !command.isSubstitution && !parse.isInHeredocBody(line: command.line) {
            if let language = language(of: command) { return (language, command.line) }
        }
        return nil
    }

    static func language(of command: SimpleCommand) -> String? {
        guard let head = command.words.first, let program = command.program, command.wrappers.isEmpty else {
            return nil
        }
        let raw = head.raw
        if command.words.count == 1, let header = sectionHeader(raw) {
            return header.first.map { $0.isUppercase } == true ? "INI" : "TOML"
        }
        if command.arguments.first?.raw == "=", isKeyLike(raw) { return "TOML" }
        if !command.arguments.isEmpty, isSQLVerb(program) { return "SQL" }
        if raw.hasPrefix("\"") && raw.contains("\":") { return "JSON" }
        if raw.hasPrefix("{\"") || raw.hasPrefix("[{") || raw.hasPrefix("{'") { return "JSON" }
        if raw.hasSuffix(":") && isKeyLike(String(raw.dropLast())) { return "YAML" }
        if raw == "-", let next = command.arguments.first?.raw, next.hasSuffix(":"), isKeyLike(String(next.dropLast()))
        {
            return "YAML"
        }
        if command.words.count >= 2, command.words.last?.raw == "{", !head.isQuoted { return "configuration" }
        return nil
    }

    /// Whether `program` is one of `sqlVerbs` in any case, or one of `upperOnlySQLVerbs` as written.
    /// ASCII names are compared on bytes (ASCII text is only ever equal to itself); others, whose
    /// upper case may differ in length, go through `String`.
    static func isSQLVerb(_ program: String) -> Bool {
        let bytes = program.utf8
        guard bytes.allSatisfy({ $0 < 0x80 }) else {
            return sqlVerbs.contains(program.uppercased()) || upperOnlySQLVerbs.contains(program)
        }
        guard (3...8).contains(bytes.count) else { return false }
        let upper = bytes.map(ByteClass.uppercased)
        return sqlVerbBytes.contains { $0 == upper } || upperOnlySQLVerbBytes.contains { $0.elementsEqual(bytes) }
    }

    private static let sqlVerbBytes = sqlVerbs.map { Array($0.utf8) }
    private static let upperOnlySQLVerbBytes = upperOnlySQLVerbs.map { Array($0.utf8) }

    /// `[storage]`, `[[inputs.cpu]]`, `[Service]`: the section name.
    static func sectionHeader(_ raw: String) -> String? {
        var body = Substring(raw)
        guard body.hasPrefix("["), body.hasSuffix("]"), raw != "[", raw != "[[", raw != "]]" else { return nil }
        body = body.dropFirst().dropLast()
        if body.hasPrefix("[") && body.hasSuffix("]") { body = body.dropFirst().dropLast() }
        guard !body.isEmpty, body.allSatisfy({ $0.isLetter || $0.isNumber || "_.-\" ".contains($0) }),
            body.first?.isLetter == true
        else {
            return nil
        }
        return String(body)
    }

    static func isKeyLike(_ text: String) -> Bool {
        guard let first = text.utf8.first, ByteClass.isLetter(first) || first == ByteClass.underscore else {
            return false
        }
        return text.utf8.allSatisfy { ByteClass.isIdentifier($0) || $0 == ByteClass.minus || $0 == ByteClass.dot }
    }
}
