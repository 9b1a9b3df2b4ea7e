import RunbookModel

/// `redis-cli`: the Redis command among its arguments decides.
extension CommandClassifier {
    static let redisValueOptions: Set<String> = [
        "-h", "-p", "-s", "-a", "-u", "-r", "-i", "-n", "-d", "-D", "--user", "--pass", "--cacert", "--cacertdir",
        "--cert", "--key", "--tls-ciphers", "--tls-ciphersuites", "--sni", "--pattern", "--quoted-pattern", "--count",
        "--rdb", "--functions-rdb", "--pipe-timeout", "--eval", "--memkeys-samples", "-t", "--cluster",
    ]
    static let redisReads: Set<String> = [
        "GET", "MGET", "INFO", "PING", "KEYS", "SCAN", "SSCAN", "HSCAN", "ZSCAN", "TTL", "PTTL", "TYPE", "LLEN",
        "LRANGE", "LINDEX", "SCARD", "SMEMBERS", "SISMEMBER", "HGET", "HGETALL", "HLEN", "HKEYS", "HVALS", "HMGET",
        "HEXISTS", "ZCARD", "ZRANGE", "ZSCORE", "ZRANK", "ZREVRANGE", "ZRANGEBYSCORE", "ZCOUNT", "STRLEN", "EXISTS",
        "DBSIZE", "LASTSAVE", "TIME", "ROLE", "ECHO", "XLEN", "XRANGE", "XREVRANGE", "XINFO", "XPENDING", "PFCOUNT",
        "GETRANGE", "BITCOUNT", "OBJECT", "RANDOMKEY", "DUMP", "COMMAND", "GEOPOS", "GEODIST", "GEOSEARCH",
        "JSON.GET", "FT.INFO", "FT.SEARCH", "WAIT", "LOLWUT",
    ]
    static let redisReadSubcommands: Set<String> = [
        "CONFIG GET", "CLIENT LIST", "CLIENT INFO", "CLIENT GETNAME", "CLIENT ID", "SLOWLOG GET", "SLOWLOG LEN",
        "CLUSTER INFO", "CLUSTER NODES", "CLUSTER SLOTS", "CLUSTER SHARDS", "CLUSTER MYID", "CLUSTER KEYSLOT",
        "CLUSTER COUNTKEYSINSLOT", "CLUSTER GETKEYSINSLOT", "ACL LIST", "ACL WHOAMI", "ACL USERS", "ACL CAT",
        "ACL GETUSER", "ACL LOG", "MODULE LIST", "SCRIPT EXISTS", "FUNCTION LIST", "MEMORY USAGE", "MEMORY STATS",
        "MEMORY DOCTOR", "LATENCY LATEST", "LATENCY HISTORY", "LATENCY DOCTOR", "SENTINEL MASTERS", "SENTINEL MASTER",
        "SENTINEL REPLICAS", "SENTINEL SLAVES", "SENTINEL SENTINELS", "SENTINEL GET-MASTER-ADDR-BY-NAME",
        "SENTINEL CKQUORUM",
    ]
    static let redisDestroys: Set<String> = [
        "DEL", "UNLINK", "FLUSHDB", "FLUSHALL", "SHUTDOWN", "DEBUG", "REPLICAOF", "SLAVEOF", "SWAPDB",
    ]
    static let redisDestroySubcommands: Set<String> = [
        "SCRIPT FLUSH", "FUNCTION FLUSH", "CLUSTER RESET", "CLUSTER FORGET", "CLIENT KILL", "ACL DELUSER",
        "SENTINEL RESET", "SENTINEL REMOVE",
    ]
    static let redisEndless: Set<String> = ["MONITOR", "SUBSCRIBE", "PSUBSCRIBE", "SSUBSCRIBE"]

    /// Classifies one Redis command line (`CONFIG GET maxmemory`).
    static func redisSafety(_ words: [String]) -> (safety: SafetyClass, neverTerminates: Bool, reason: String)? {
        guard let first = words.first?.uppercased() else { return nil }
        let pair = words.count > 1 ? first + " " + words[1].uppercased() : first
        if redisEndless.contains(first) { return (.readOnly, true, "redis-cli \(first) streams until interrupted") }
        if redisDestroySubcommands.contains(pair) || redisDestroys.contains(first) {
            return (.destructive, false, "redis-cli \(pair) deletes data or stops the server")
        }
        if redisReadSubcommands.contains(pair) || redisReads.contains(first) {
            return (.readOnly, false, "redis-cli \(first) only reads")
        }
        return (.mutating, false, "redis-cli \(pair) writes to Redis")
    }

    func refineRedis(_ result: inout CommandAssessment, command: SimpleCommand, arguments: [String], depth: Int) {
        let program = command.program ?? "redis-cli"
        var index = 0
        var operands: [String] = []
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if operands.isEmpty && Self.isOption(argument) {
                if Self.redisValueOptions.contains(argument) { index += 1 }
                continue
            }
            operands.append(argument)
        }
        if ["--scan", "--bigkeys", "--memkeys", "--hotkeys", "--keystats"].contains(where: arguments.contains) {
            result = CommandAssessment(safety: .readOnly, reasons: ["\(program) key scan only reads"])
            return
        }
        if ["--stat", "--latency", "--latency-history", "--latency-dist"].contains(where: arguments.contains) {
            result = CommandAssessment(
                safety: .readOnly, neverTerminates: true, reasons: ["\(program) --stat refreshes until interrupted"])
            return
        }
        if let verdict = Self.redisSafety(operands) {
            result = CommandAssessment(
                safety: verdict.safety, neverTerminates: verdict.neverTerminates, reasons: [verdict.reason])
            return
        }
        if let stdin = command.stdinText {
            var worst = CommandAssessment(safety: .readOnly)
            for line in stdin.split(whereSeparator: \.isNewline) {
                let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
                if let verdict = Self.redisSafety(words) {
                    worst.raise(to: verdict.safety, reason: verdict.reason)
                    worst.neverTerminates = worst.neverTerminates || verdict.neverTerminates
                }
            }
            result = worst
        } else if command.stdinRedirected {
            result = CommandAssessment(
                safety: .unknown, reasons: ["\(program) runs commands from stdin that cannot be checked here"])
        } else {
            result = CommandAssessment(
                safety: .unknown, interactive: true,
                reasons: ["\(program) without a command opens an interactive session"])
        }
    }
}
