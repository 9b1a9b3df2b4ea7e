/// Decides whether an unlabelled code block holds shell commands (rather than output, a directory
/// tree, configuration or prose): most of its non-comment lines must start like a command.
enum ShellSniff {
    private static let commonPrograms: Set<String> = [
        "kubectl", "oc", "docker", "docker-compose", "podman", "helm", "systemctl", "journalctl", "curl", "wget",
        "psql", "mysql", "redis-cli", "aws", "gcloud", "az", "git", "ssh", "scp", "rsync", "rm", "cp", "mv", "mkdir",
        "ls", "cat", "grep", "tail", "head", "echo", "export", "cd", "sudo", "make", "npm", "pip", "python", "python3",
        "go", "cargo", "swift", "terraform", "ansible", "ansible-playbook", "jq", "df", "du", "free", "ps", "kill",
        "pkill", "top", "watch", "ping", "dig", "nslookup", "netstat", "ss", "lsof", "tar", "gzip", "gunzip", "find",
        "sed", "awk", "chmod", "chown", "service", "crictl", "etcdctl", "vault", "consul", "nomad", "openssl", "nc",
        "telnet", "apt", "apt-get", "yum", "dnf", "brew", "for", "if", "while", "source", "set", "unset", "touch",
        "ceph", "rados", "rbd", "mc", "promtool", "amtool", "firebreak", "bash", "sh", "env", "uptime", "hostname",
        "systemd-analyze", "ip", "iptables", "nft", "tcpdump", "strace", "perf", "iostat", "vmstat", "sar", "mount",
        "umount", "lsblk", "fdisk", "xfs_repair", "fsck", "date", "sleep", "test", "[", "[[", "true", "false", "read",
    ]

    static func looksLikeShell(_ lines: [Substring]) -> Bool {
        var commands = 0
        var others = 0
        for line in lines {
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            if trimmed.hasPrefix("$ ") || trimmed.hasPrefix("./") || trimmed.hasPrefix("~/") {
                commands += 1
                continue
            }
            let word = trimmed.prefix(while: { $0 != " " && $0 != "\t" && $0 != "=" })
            if commonPrograms.contains(String(word)) {
                commands += 1
            } else if trimmed.dropFirst(word.count).first == "=",
                word.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }),
                word.first?.isLetter == true
            {
                commands += 1
            } else {
                others += 1
            }
        }
        return commands > 0 && commands >= others
    }
}
