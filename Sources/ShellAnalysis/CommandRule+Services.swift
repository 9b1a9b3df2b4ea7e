/// systemd, SysV services, journald, and service-level CLIs (etcd, consul, vault, terraform).
extension CommandRule {
    static let serviceRules: [CommandRule] = {
        var rules: [CommandRule] = []
        let systemctlReads = [
            "status", "is-active", "is-enabled", "is-failed", "is-system-running", "list-units", "list-unit-files",
            "list-timers", "list-sockets", "list-dependencies", "list-jobs", "list-machines", "show", "cat",
            "get-default", "help", "show-environment",
        ]
        let systemctlChanges = [
            "start", "restart", "reload", "reload-or-restart", "try-restart", "try-reload-or-restart", "enable",
            "reenable", "daemon-reload", "daemon-reexec", "reset-failed", "set-property", "edit", "stop", "disable",
            "mask", "unmask", "kill", "isolate", "preset", "revert", "link", "set-default", "set-environment",
        ]
        rules += systemctlReads.map { reads("systemctl", [$0], "systemctl \($0) only reads") }
        rules += systemctlChanges.map { changes("systemctl", [$0], "systemctl \($0) changes a unit") }
        rules += ["reboot", "poweroff", "halt", "kexec", "suspend", "hibernate", "emergency", "rescue"].map {
            destroys("systemctl", [$0], "systemctl \($0) takes the machine down")
        }
        rules += [
            reads("systemctl", when: ["--failed"], "systemctl --failed only reads"),
            prompts("systemctl", ["edit"], "systemctl edit opens an editor"),
        ]
        rules += ["reboot", "poweroff", "halt", "shutdown"].map { destroys($0, "\($0) takes the machine down") }
        rules += [
            reads("service", when: ["--status-all"], "service --status-all only reads"),
            reads("service", ["*", "status"], "service status only reads"),
            changes("service", ["*", "start"], "service start changes a service's state"),
            changes("service", ["*", "stop"], "service stop changes a service's state"),
            changes("service", ["*", "restart"], "service restart changes a service's state"),
            changes("service", ["*", "reload"], "service reload changes a service's state"),
            changes("service", ["*", "force-reload"], "service force-reload changes a service's state"),
            reads("journalctl", "journalctl only reads"),
            changes(
                "journalctl", when: ["--vacuum-size", "--vacuum-time", "--vacuum-files", "--rotate", "--flush"],
                "journalctl --vacuum deletes old journal files"),
            endless("journalctl", when: ["-f", "--follow"], "journalctl -f follows until interrupted"),
            reads("etcdctl", ["get"], "etcdctl get only reads"),
            reads("etcdctl", ["member", "list"], "etcdctl member list only reads"),
            reads("etcdctl", ["endpoint"], "etcdctl endpoint only reads"),
            reads("etcdctl", ["alarm", "list"], "etcdctl alarm list only reads"),
            reads("etcdctl", ["snapshot", "save"], "etcdctl snapshot save writes a local backup"),
            reads("etcdctl", ["snapshot", "status"], "etcdctl snapshot status only reads"),
            reads("etcdctl", ["version"], "etcdctl version only reads"),
            changes("etcdctl", "etcdctl changes the cluster"),
            destroys("etcdctl", ["del"], "etcdctl del deletes keys"),
            destroys("etcdctl", ["member", "remove"], "etcdctl member remove shrinks the cluster"),
            endless("etcdctl", ["watch"], "etcdctl watch runs until interrupted"),
            reads("consul", ["members"], "consul members only reads"),
            reads("consul", ["info"], "consul info only reads"),
            reads("consul", ["kv", "get"], "consul kv get only reads"),
            reads("consul", ["catalog"], "consul catalog only reads"),
            changes("consul", ["kv", "put"], "consul kv put writes a key"),
            destroys("consul", ["kv", "delete"], "consul kv delete deletes keys"),
            endless("consul", ["monitor"], "consul monitor streams until interrupted"),
            endless("consul", ["watch"], "consul watch runs until interrupted"),
            reads("vault", ["status"], "vault status only reads"),
            reads("vault", ["read"], "vault read only reads"),
            reads("vault", ["list"], "vault list only reads"),
            reads("vault", ["kv", "get"], "vault kv get only reads"),
            reads("vault", ["kv", "list"], "vault kv list only reads"),
            changes("vault", "vault changes secrets or auth state"),
            destroys("vault", ["delete"], "vault delete deletes secrets"),
            destroys("vault", ["kv", "delete"], "vault kv delete deletes secrets"),
            destroys("vault", ["kv", "destroy"], "vault kv destroy destroys secret versions"),
            destroys("vault", ["kv", "metadata", "delete"], "vault kv metadata delete deletes all versions"),
            reads("terraform", ["plan"], "terraform plan only reads"),
            reads("terraform", ["show"], "terraform show only reads"),
            reads("terraform", ["output"], "terraform output only reads"),
            reads("terraform", ["validate"], "terraform validate only reads"),
            reads("terraform", ["state", "list"], "terraform state list only reads"),
            reads("terraform", ["state", "show"], "terraform state show only reads"),
            reads("terraform", ["version"], "terraform version only reads"),
            changes("terraform", "terraform changes infrastructure or state"),
            destroys("terraform", ["destroy"], "terraform destroy removes infrastructure"),
            destroys("terraform", ["apply"], when: ["-destroy"], "terraform apply -destroy removes infrastructure"),
            destroys("terraform", ["state", "rm"], "terraform state rm forgets resources"),
        ]
        return rules
    }()

    static let databaseRules: [CommandRule] = [
        reads("pg_isready", "pg_isready only checks"),
        reads("pg_dump", "pg_dump only reads the database"),
        reads("pg_dumpall", "pg_dumpall only reads the database"),
        reads("pg_basebackup", "pg_basebackup only reads the database"),
        reads("pg_controldata", "pg_controldata only reads"),
        changes("pg_restore", "pg_restore writes into a database"),
        destroys("pg_restore", when: ["-c", "--clean"], "pg_restore --clean drops objects first"),
        reads("pg_ctl", ["status"], "pg_ctl status only reads"),
        changes("pg_ctl", "pg_ctl changes the server state"),
        reads("pg_lsclusters", "pg_lsclusters only reads"),
        changes("pg_ctlcluster", "pg_ctlcluster changes the server state"),
        changes("vacuumdb", "vacuumdb vacuums tables"),
        changes("reindexdb", "reindexdb rebuilds indexes"),
        changes("createdb", "createdb creates a database"),
        changes("createuser", "createuser creates a role"),
        changes("pgbench", "pgbench writes load to the database"),
        destroys("dropdb", "dropdb drops a database"),
        destroys("dropuser", "dropuser drops a role"),
        reads("mysqladmin", ["status"], "mysqladmin status only reads"),
        reads("mysqladmin", ["processlist"], "mysqladmin processlist only reads"),
        reads("mysqladmin", ["extended-status"], "mysqladmin extended-status only reads"),
        reads("mysqladmin", ["variables"], "mysqladmin variables only reads"),
        reads("mysqladmin", ["ping"], "mysqladmin ping only checks"),
        reads("mysqladmin", ["version"], "mysqladmin version only reads"),
        changes("mysqladmin", "mysqladmin changes the server"),
        destroys("mysqladmin", ["kill"], "mysqladmin kill kills client threads"),
        destroys("mysqladmin", ["shutdown"], "mysqladmin shutdown stops the server"),
        destroys("mysqladmin", ["drop"], "mysqladmin drop drops a database"),
        reads("mysqldump", "mysqldump only reads the database"),
        reads("mongodump", "mongodump only reads the database"),
        changes("mongorestore", "mongorestore writes into a database"),
        destroys("mongorestore", when: ["--drop"], "mongorestore --drop drops collections first"),
        endless("mongostat", unless: ["-n", "--rowcount"], "mongostat refreshes until interrupted (add -n)"),
        reads("mongostat", "mongostat only reads"),
        endless("mongotop", unless: ["-n", "--rowcount"], "mongotop refreshes until interrupted"),
        reads("mongotop", "mongotop only reads"),
        reads("kafka-topics", when: ["--list", "--describe"], "kafka-topics --list/--describe only reads"),
        changes("kafka-topics", when: ["--create", "--alter"], "kafka-topics changes topics"),
        destroys("kafka-topics", when: ["--delete"], "kafka-topics --delete deletes a topic"),
        reads("kafka-consumer-groups", when: ["--list", "--describe"], "kafka-consumer-groups only reads"),
        changes(
            "kafka-consumer-groups", when: ["--reset-offsets"], "kafka-consumer-groups --reset-offsets moves offsets"),
        destroys("kafka-consumer-groups", when: ["--delete"], "kafka-consumer-groups --delete deletes a group"),
        reads("kafka-console-consumer", "kafka-console-consumer only reads"),
        endless(
            "kafka-console-consumer", unless: ["--max-messages", "--timeout-ms"],
            "kafka-console-consumer consumes until interrupted (add --max-messages)"),
    ]
}

/// Ceph.
extension CommandRule {
    static let cephRules: [CommandRule] = {
        let readPaths: [[String]] = [
            ["status"], ["health"], ["df"], ["versions"], ["version"], ["osd", "tree"], ["osd", "df"],
            ["osd", "status"],
            ["osd", "stat"], ["osd", "dump"], ["osd", "pool", "ls"], ["osd", "pool", "get"], ["osd", "pool", "stats"],
            ["osd", "lspools"], ["osd", "perf"], ["pg", "stat"], ["pg", "dump"], ["pg", "ls"], ["pg", "query"],
            ["mon", "stat"], ["mon", "dump"], ["mds", "stat"], ["fs", "status"], ["fs", "ls"], ["fs", "dump"],
            ["config", "get"], ["config", "show"], ["config", "dump"], ["crash", "ls"], ["crash", "info"],
            ["orch", "ps"], ["orch", "ls"], ["orch", "status"], ["mgr", "stat"], ["mgr", "dump"], ["quorum_status"],
        ]
        var rules = [changes("ceph", "ceph changes the storage cluster")]
        rules += readPaths.map { reads("ceph", $0, "ceph \($0.joined(separator: " ")) only reads") }
        rules += [
            reads("ceph", when: ["-s", "--status"], "ceph -s only reads"),
            endless("ceph", when: ["-w", "--watch"], "ceph -w watches until interrupted"),
            destroys("ceph", ["osd", "pool", "delete"], "ceph osd pool delete deletes a pool"),
            destroys("ceph", ["osd", "pool", "rm"], "ceph osd pool rm deletes a pool"),
            destroys("ceph", ["osd", "purge"], "ceph osd purge removes an OSD"),
            destroys("ceph", ["osd", "destroy"], "ceph osd destroy destroys an OSD"),
            destroys("ceph", ["fs", "rm"], "ceph fs rm removes a filesystem"),
        ]
        return rules
    }()
}
