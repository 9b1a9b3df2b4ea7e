import RunbookModel

/// The built-in classification table: plain data, grouped by family in `CommandRule+*.swift`.
extension CommandRule {
    /// Every built-in rule.
    static let builtIn: [CommandRule] =
        kubernetesRules + containerRules + serviceRules + cephRules + databaseRules + cloudRules + gitRules + fileRules
        + processRules + networkRules + monitoringRules + interactiveRules + readOnlyUtilityRules

    /// Options that take a separate value, per program, so that `kubectl -n prod get pods`
    /// still has `get` as its first subcommand.
    static let valueOptions: [String: Set<String>] = {
        let kube: Set<String> = [
            "-n", "--namespace", "--context", "--kubeconfig", "--cluster", "--user", "-s", "--server", "--token",
            "-l", "--selector", "-o", "--output", "-c", "--container", "--as", "--as-group", "--request-timeout",
            "--field-selector",
        ]
        return [
            "kubectl": kube, "oc": kube,
            "helm": [
                "-n", "--namespace", "--kube-context", "--kubeconfig", "-f", "--values", "--set", "--version", "-o",
                "--output", "--repo",
            ],
            "docker": [
                "-H", "--host", "--context", "-c", "--config", "-l", "--log-level", "-f", "--file", "-p",
                "--project-name", "--env-file", "--profile", "--project-directory",
            ],
            "docker-compose": [
                "-f", "--file", "-p", "--project-name", "--env-file", "--profile", "--project-directory",
            ],
            "git": ["-C", "-c", "--git-dir", "--work-tree", "--namespace"],
            "systemctl": [
                "-H", "--host", "-M", "--machine", "-p", "--property", "-t", "--type", "--state", "-n", "--lines", "-o",
                "--output", "-s", "--signal", "--kill-whom",
            ],
            "journalctl": [
                "-u", "--unit", "-n", "--lines", "-p", "--priority", "--since", "--until", "-o", "--output", "-b",
                "--boot", "-t", "--identifier", "-D", "--directory",
            ],
            "aws": [
                "--profile", "--region", "--output", "--endpoint-url", "--query", "--color", "--cli-connect-timeout",
                "--cli-read-timeout", "--ca-bundle",
            ],
            "gcloud": ["--project", "--account", "--configuration", "--format", "--verbosity", "--zone", "--region"],
            "az": ["--subscription", "-o", "--output", "--query", "-g", "--resource-group"],
            "etcdctl": [
                "--endpoints", "--cacert", "--cert", "--key", "--user", "--password", "-w", "--write-out",
                "--command-timeout", "--dial-timeout",
            ],
            "consul": ["-http-addr", "-token", "-datacenter"],
            "vault": ["-address", "-namespace", "-format", "-field"],
            "terraform": ["-chdir"],
            "service": [],
            "tmux": ["-L", "-S", "-f", "-t"],
        ]
    }()

    static func rule(
        _ program: String, _ subcommands: [String], _ whenAny: [String], _ unless: [String], _ safety: SafetyClass?,
        endless: Bool = false, prompts: Bool = false, _ reason: String
    ) -> CommandRule {
        CommandRule(
            program: program, subcommands: subcommands, whenAny: whenAny, unless: unless, safety: safety,
            neverTerminates: endless, interactive: prompts, reason: reason
        )
    }

    static func reads(
        _ program: String, _ subcommands: [String], when: [String] = [], unless: [String] = [], _ reason: String
    ) -> CommandRule {
        rule(program, subcommands, when, unless, .readOnly, reason)
    }

    static func reads(_ program: String, when: [String] = [], unless: [String] = [], _ reason: String) -> CommandRule {
        rule(program, [], when, unless, .readOnly, reason)
    }

    static func changes(
        _ program: String, _ subcommands: [String], when: [String] = [], unless: [String] = [], _ reason: String
    ) -> CommandRule {
        rule(program, subcommands, when, unless, .mutating, reason)
    }

    static func changes(_ program: String, when: [String] = [], unless: [String] = [], _ reason: String) -> CommandRule
    {
        rule(program, [], when, unless, .mutating, reason)
    }

    static func destroys(
        _ program: String, _ subcommands: [String], when: [String] = [], unless: [String] = [], _ reason: String
    ) -> CommandRule {
        rule(program, subcommands, when, unless, .destructive, reason)
    }

    static func destroys(_ program: String, when: [String] = [], unless: [String] = [], _ reason: String) -> CommandRule
    {
        rule(program, [], when, unless, .destructive, reason)
    }

    static func endless(
        _ program: String, _ subcommands: [String], when: [String] = [], unless: [String] = [], _ reason: String
    ) -> CommandRule {
        rule(program, subcommands, when, unless, nil, endless: true, reason)
    }

    static func endless(_ program: String, when: [String] = [], unless: [String] = [], _ reason: String) -> CommandRule
    {
        rule(program, [], when, unless, nil, endless: true, reason)
    }

    static func prompts(
        _ program: String, _ subcommands: [String], when: [String] = [], unless: [String] = [], _ reason: String
    ) -> CommandRule {
        rule(program, subcommands, when, unless, nil, prompts: true, reason)
    }

    static func prompts(_ program: String, when: [String] = [], unless: [String] = [], _ reason: String) -> CommandRule
    {
        rule(program, [], when, unless, nil, prompts: true, reason)
    }

    /// One read-only rule per program, with a generic reason.
    static func readOnlyPrograms(_ programs: [String]) -> [CommandRule] {
        programs.map { reads($0, "\($0) only reads") }
    }

    /// `kill -9`, `pkill --signal KILL` …: the forms that deny a process its shutdown.
    static let killSignals = [
        "-9", "-KILL", "-SIGKILL", "-s KILL", "-s SIGKILL", "-s 9", "--signal KILL", "--signal SIGKILL", "--signal 9",
        "--signal=KILL", "--signal=SIGKILL", "--signal=9", "-n 9",
    ]
}
