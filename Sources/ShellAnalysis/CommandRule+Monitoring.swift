/// Network tools, commands that never terminate, and interactive programs.
extension CommandRule {
    static let networkRules: [CommandRule] = [
        reads("curl", "curl without a body or write method only reads"),
        reads("wget", "wget only downloads"),
        changes(
            "wget", when: ["--post-data", "--post-file", "--body-data", "--body-file", "--method"],
            "wget with a body or method sends a write request"),
        destroys(
            "wget", when: ["--method=DELETE", "--method DELETE"], "wget --method=DELETE deletes a remote resource"),
        reads("ping", "ping only probes"),
        reads("ping6", "ping only probes"),
        endless("ping", unless: ["-c", "--count", "-w", "--deadline"], "ping runs until interrupted (add -c N)"),
        endless("ping6", unless: ["-c", "--count", "-w", "--deadline"], "ping runs until interrupted (add -c N)"),
        reads("tcpdump", "tcpdump only captures"),
        endless("tcpdump", unless: ["-c"], "tcpdump captures until interrupted (add -c N)"),
        reads("tshark", "tshark only captures"),
        endless("tshark", unless: ["-c", "-a"], "tshark captures until interrupted (add -c N)"),
        reads("ip", "ip only reads (show/list)"),
        changes("ip", ["*", "add"], "ip … add changes networking"),
        changes("ip", ["*", "del"], "ip … del changes networking"),
        changes("ip", ["*", "delete"], "ip … delete changes networking"),
        changes("ip", ["*", "set"], "ip … set changes networking"),
        changes("ip", ["*", "flush"], "ip … flush changes networking"),
        changes("ip", ["*", "change"], "ip … change changes networking"),
        changes("ip", ["*", "replace"], "ip … replace changes networking"),
        reads("openssl", ["x509"], "openssl x509 only reads"),
        reads("openssl", ["s_client"], "openssl s_client only connects"),
        reads("openssl", ["version"], "openssl version only reads"),
        reads("openssl", ["verify"], "openssl verify only reads"),
        reads("openssl", ["req"], when: ["-text", "-noout"], "openssl req -text only reads"),
        reads("openssl", ["crl"], "openssl crl only reads"),
        prompts("openssl", ["s_client"], "openssl s_client waits for terminal input (add </dev/null)"),
        reads("nc", when: ["-z"], "nc -z only probes"),
        endless("nc", when: ["-l"], "nc -l listens until interrupted"),
        endless("ncat", when: ["-l", "--listen"], "ncat -l listens until interrupted"),
        endless("ssh", when: ["-N"], "ssh -N holds a tunnel open until interrupted"),
        prompts("telnet", "telnet opens an interactive session"),
        prompts("ftp", "ftp opens an interactive session"),
        prompts("sftp", unless: ["-b"], "sftp opens an interactive session"),
        reads("mtr", "mtr only probes"),
        endless(
            "mtr", unless: ["-r", "--report", "-c", "--report-cycles", "-w", "--report-wide", "-j", "--json"],
            "mtr refreshes until interrupted (add --report)"),
    ]

    static let monitoringRules: [CommandRule] =
        [
            reads("tail", "tail only reads"),
            endless("tail", when: ["-f", "-F", "--follow", "--retry"], "tail -f follows until interrupted"),
            reads("watch", "watch repeats a command"),
            endless("watch", "watch repeats until interrupted"),
            reads("top", "top only reads"),
            endless("top", unless: ["-n"], "top refreshes until interrupted (use top -b -n 1)"),
            reads("dmesg", "dmesg only reads"),
            changes("dmesg", when: ["-c", "-C", "--clear", "--read-clear"], "dmesg -c clears the kernel ring buffer"),
            endless("dmesg", when: ["-w", "--follow", "-W", "--follow-new"], "dmesg -w follows until interrupted"),
            endless(
                "free", when: ["-s", "--seconds"], unless: ["-c", "--count"],
                "free -s repeats until interrupted (add -c N)"),
            reads("yes", "yes only prints"),
            endless("yes", "yes prints forever"),
            reads("sleep", "sleep only waits"),
            endless("sleep", when: ["infinity", "inf"], "sleep infinity never ends"),
            reads("stern", "stern only reads logs"),
            endless("stern", unless: ["--no-follow"], "stern follows logs until interrupted"),
            reads("kubetail", "kubetail only reads logs"),
            endless("kubetail", "kubetail follows logs until interrupted"),
            reads("inotifywait", "inotifywait only watches"),
            endless("inotifywait", when: ["-m", "--monitor"], "inotifywait -m runs until interrupted"),
            reads("strace", "strace only traces"),
            endless("strace", when: ["-p"], "strace -p traces until interrupted"),
            reads("ltrace", "ltrace only traces"),
            reads("perf", "perf only measures"),
            endless("perf", ["top"], "perf top refreshes until interrupted"),
            endless(
                "python", when: ["-m http.server", "-m SimpleHTTPServer"],
                "python -m http.server serves until interrupted"),
            endless("python3", when: ["-m http.server"], "python -m http.server serves until interrupted"),
            reads("varnishstat", "varnishstat only reads"),
            endless("varnishstat", unless: ["-1", "-j", "-x"], "varnishstat refreshes until interrupted (add -1)"),
            endless("varnishlog", unless: ["-d"], "varnishlog streams until interrupted"),
            reads("varnishlog", "varnishlog only reads"),
        ]
        + ["iostat", "vmstat", "mpstat", "sar", "pidstat", "dstat", "nfsiostat", "free"].map {
            reads($0, "\($0) only reads")
        }
        + [
            "htop", "btop", "atop", "glances", "iftop", "iotop", "nload", "nethogs", "bmon", "k9s", "gtop", "nmon",
            "ctop", "lazydocker", "ngxtop", "varnishtop", "kafkacat",
        ].flatMap {
            [
                reads($0, "\($0) only reads"),
                endless($0, "\($0) refreshes until interrupted"),
                prompts($0, "\($0) is a full-screen interactive program"),
            ]
        }

    static let interactiveRules: [CommandRule] =
        ["vim", "vi", "nvim", "nano", "emacs", "pico", "joe", "micro", "mcedit", "visudo", "vipw", "vigr", "sudoedit"]
        .flatMap {
            [changes($0, "\($0) edits files"), prompts($0, "\($0) is an interactive editor")]
        }
        + ["less", "more", "most", "man", "info", "ranger"].flatMap {
            [reads($0, "\($0) only reads"), prompts($0, "\($0) is an interactive pager")]
        }
        + [
            "bash", "sh", "zsh", "dash", "ksh", "fish", "python", "python3", "node", "irb", "ipython", "ipython3",
            "lua", "R", "ghci", "php", "perl", "ruby",
        ].map {
            prompts($0, unless: ["*"], "bare \($0) opens an interactive session")
        }
        + [
            prompts("sudo", when: ["-i", "-s", "--login", "--shell"], "sudo -i opens an interactive shell"),
            prompts("su", unless: ["-c", "--command"], "su opens an interactive shell"),
            prompts("passwd", unless: ["--stdin", "-l", "-u", "-S", "-e", "-d"], "passwd asks for a password"),
            changes("passwd", "passwd changes a password"),
            prompts(
                "screen", unless: ["-ls", "-list", "-dm", "-d", "-X", "-S"], "screen opens an interactive terminal"),
            prompts("tmux", unless: ["*"], "tmux opens an interactive terminal"),
            prompts("tmux", ["attach*"], "tmux attach opens an interactive terminal"),
            prompts("tmux", ["a"], "tmux attach opens an interactive terminal"),
            prompts("tmux", ["new*"], unless: ["-d"], "tmux new opens an interactive terminal"),
            reads("tmux", ["ls"], "tmux ls only lists"),
            reads("tmux", ["list-*"], "tmux list-* only lists"),
            prompts("read", when: ["-p"], "read -p waits for an answer"),
            reads("read", "read only reads input"),
        ]
}
