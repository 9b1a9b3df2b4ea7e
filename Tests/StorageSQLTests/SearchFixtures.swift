import RunbookCatalog

/// Search documents for a fictional double-entry ledger service and its neighbours.
enum SearchFixtures {
    static func document(
        id: String, title: String, file: String? = nil, line: Int = 1, alerts: [String] = [], symptoms: String = "",
        errors: String = "", commands: String = "", body: String = ""
    ) -> SearchDocument {
        SearchDocument(
            id: id, title: title, file: file ?? "runbooks/\(id.lowercased()).md", line: line, alerts: alerts,
            symptoms: symptoms, errors: errors, commands: commands, body: body)
    }

    static let ledgerSet = [
        document(
            id: "LEDGER-001", title: "Ledger primary failover", file: "runbooks/ledger/failover.md", line: 3,
            alerts: ["LedgerPrimaryDown"], symptoms: "Writes to the ledger time out; the primary is unreachable.",
            commands: "ledgerctl status --primary\nledgerctl promote --replica 2",
            body: "Promote the most recent replica and repoint the writers."),
        document(
            id: "LEDGER-002", title: "Ledger reconciliation drift", file: "runbooks/ledger/reconciliation.md", line: 12,
            symptoms: "Nightly reconciliation reports drift between the journal and the balances table.",
            commands: "ledgerctl reconcile --dry-run", body: "Compare journal totals with balances, account by account."
        ),
        document(
            id: "LEDGER-003", title: "Ledger journal disk pressure", file: "runbooks/ledger/disk.md", line: 1,
            alerts: ["LedgerJournalDiskFilling"], symptoms: "The journal volume is above 90% and growing.",
            commands: "df -h /var/lib/ledger", body: "Archive sealed journal segments to cold storage."),
    ]

    /// The same filler in every document, so that lengths are equal and only the field of the term differs.
    private static let filler = "Routine checks for the settlement pipeline are listed in the team handbook."

    static let weighting = [
        document(id: "IN-TITLE", title: "Settlement backpressure", body: filler),
        document(id: "IN-SYMPTOMS", title: "Settlement queue one", symptoms: "backpressure", body: filler),
        document(id: "IN-ERRORS", title: "Settlement queue two", errors: "backpressure", body: filler),
        document(id: "IN-BODY", title: "Settlement queue three", body: filler + " backpressure"),
        document(id: "IN-ALERT", title: "Settlement limits", alerts: ["LedgerQuotaExceeded"], body: filler),
        document(id: "IN-COMMANDS", title: "Settlement limits two", commands: "ledgerctl quota show", body: filler),
    ]

    static let exactTokens = [
        document(
            id: "GRPC-UNAVAILABLE", title: "Settlement RPCs failing",
            symptoms: "Clients log status UNAVAILABLE from the settlement gRPC endpoint.", errors: "UNAVAILABLE"),
        document(
            id: "CRASHLOOP", title: "Ledger worker restarting", alerts: ["KubePodCrashLooping"],
            symptoms: "The ledger-worker pod is in CrashLoopBackOff.", errors: "CrashLoopBackOff\nCrash Loop Back Off"),
        document(
            id: "OOM", title: "Ledger worker memory", symptoms: "Containers are OOMKilled during month-end close.",
            errors: "OOMKilled\nOOM Killed"),
        document(
            id: "GATEWAY-503", title: "Payments gateway errors", symptoms: "The gateway answers 503 to most requests.",
            errors: "503"),
        document(
            id: "PORT-5030", title: "Ledger admin port", body: "The admin listener binds port 5030 on every node."),
        document(id: "UNRELATED", title: "Ledger schema migrations", body: "Migrations run before each release."),
    ]

    static let multiWord = [
        document(id: "ALL-WORDS", title: "Read path slow", body: "When the ledger replica shows lag, reads are stale."),
        document(id: "LEDGER-ONLY", title: "Ledger ledger ledger", symptoms: "ledger ledger", body: "ledger"),
        document(id: "LAG-ONLY", title: "Queue lag", body: "Consumer lag grows."),
        document(id: "UNRELATED", title: "Schema migrations", body: "Migrations run before each release."),
    ]

    /// Queries that would be syntax errors or worse if passed to FTS5 or SQL as they are.
    static let hostileQueries: [String] = [
        "", " ", "\"", "\"\"", "*", "\"unterminated", "NEAR(a b)", "NEAR(", "AND", "OR OR", "NOT", "a AND",
        "AND OR NOT",
        "title:ledger", "{title alerts}: ledger", "^ledger", "ledger*", "a + b - c", "(((", ")))", "'", "';",
        "'; DROP TABLE documents; --", "\u{0}", "\u{2}\u{3}", "🔥🚨", "Überlastung des Hauptbuchs", "台帳の遅延", "\\", "%_%",
        "ledger\"OR\"1\"=\"1", String(repeating: "CrashLoopBackOff NEAR( \" * AND ", count: 350),
        String(repeating: "x", count: 10_240), String(repeating: "ledger ", count: 2_000),
    ]
}
