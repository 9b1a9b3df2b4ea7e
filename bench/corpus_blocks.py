"""Fenced code blocks for the synthetic benchmark corpus: commands, console sessions, alternatives."""

SYNTAX_ERROR_RATE = 0.01

READ_COMMANDS = [
    ("Pods and where they run", ['kubectl -n "$NAMESPACE" get pods -l app={service} -o wide']),
    ("Deployment conditions", ['kubectl -n "$NAMESPACE" describe deployment {service} | sed -n \'/Conditions/,/Events/p\'']),
    ("Errors in the last 15 minutes", [
        'kubectl -n "$NAMESPACE" logs deploy/{service} --since=15m --tail=500 \\',
        "  | grep -iE 'error|timeout|refused' | tail -n 40"]),
    ("Resource usage per container", ['kubectl -n "$NAMESPACE" top pods -l app={service} --containers']),
    ("Recent events", ['kubectl -n "$NAMESPACE" get events --sort-by=.lastTimestamp | tail -n 30']),
    ("Rollout history", ['kubectl -n "$NAMESPACE" rollout history deployment/{service}']),
    ("Autoscaler state", [
        'kubectl -n "$NAMESPACE" get hpa {service} \\',
        "  -o jsonpath='{{.status.currentReplicas}}/{{.spec.maxReplicas}}{{\"\\n\"}}'"]),
    ("Connections by state", [
        'psql "$DATABASE_URL" -c "SELECT state, count(*) FROM pg_stat_activity GROUP BY state ORDER BY 2 DESC;"']),
    ("Replica lag in seconds", [
        'psql "$REPLICA_URL" -Atc "SELECT extract(epoch FROM now() - pg_last_xact_replay_timestamp());"']),
    ("Longest running queries", [
        'psql "$DATABASE_URL" -c "SELECT pid, now() - query_start AS age, left(query, 80)',
        "  FROM pg_stat_activity WHERE state <> 'idle' ORDER BY age DESC LIMIT 10;\""]),
    ("Cache hits and misses", ['redis-cli -h "$REDIS_HOST" INFO stats | grep -E \'keyspace_(hits|misses)\'']),
    ("Slow cache commands", ['redis-cli -h "$REDIS_HOST" SLOWLOG GET 10']),
    ("Cache memory", ['redis-cli -h "$REDIS_HOST" INFO memory | grep -E \'used_memory_human|maxmemory_human\'']),
    ("Health endpoint", [
        "curl -sS -o /dev/null -w '%{{http_code}} %{{time_total}}s\\n' https://{service}.internal.example/healthz"]),
    ("Current error ratio", [
        'curl -sS "$PROMETHEUS_URL/api/v1/query" \\',
        "  --data-urlencode 'query=sum(rate({metric}[5m]))' | jq -r '.data.result[].value[1]'"]),
    ("Consumer lag", [
        'kafka-consumer-groups.sh --bootstrap-server "$KAFKA_BROKERS" --describe --group {service} \\',
        "  | sort -k6 -n -r | head -n 15"]),
    ("Disk usage", ["df -h /var/lib/{service} && du -sh /var/lib/{service}/* | sort -h | tail -n 5"]),
    ("Certificate expiry", [
        "echo | openssl s_client -connect {service}.internal.example:443 \\",
        "  -servername {service}.internal.example 2>/dev/null | openssl x509 -noout -enddate"]),
    ("Service journal", ['journalctl -u {service} --since "30 min ago" --no-pager | tail -n 50']),
    ("Load on every pod", [
        'for pod in $(kubectl -n "$NAMESPACE" get pods -l app={service} -o name); do',
        '  echo "== $pod"',
        '  kubectl -n "$NAMESPACE" exec "$pod" -- cat /proc/loadavg',
        "done"]),
    ("Fail fast if the health check is red", [
        "if ! curl -sf https://{service}.internal.example/readyz >/dev/null; then",
        '  echo "{service} is not ready" >&2',
        "fi"]),
]

ALTERNATIVES = [
    ("restart the pods one at a time (no downtime)", [
        'kubectl -n "$NAMESPACE" rollout restart deployment/{service}',
        'kubectl -n "$NAMESPACE" rollout status deployment/{service} --timeout=5m']),
    ("roll back to the previous revision", [
        'kubectl -n "$NAMESPACE" rollout undo deployment/{service}',
        'kubectl -n "$NAMESPACE" rollout status deployment/{service} --timeout=5m']),
    ("add replicas while the cause is investigated", [
        'kubectl -n "$NAMESPACE" scale deployment/{service} --replicas=8']),
    ("raise the pool size through the config map", [
        'kubectl -n "$NAMESPACE" patch configmap {service}-config --type merge \\',
        "  -p '{{\"data\":{{\"DB_POOL_SIZE\":\"40\"}}}}'",
        'kubectl -n "$NAMESPACE" rollout restart deployment/{service}']),
]

DESTRUCTIVE = [
    ['kubectl -n "$NAMESPACE" delete pod -l app={service} --field-selector=status.phase=Failed'],
    ["psql \"$DATABASE_URL\" -c \"SELECT pg_terminate_backend(pid) FROM pg_stat_activity",
     "  WHERE state = 'idle in transaction' AND now() - state_change > interval '10 minutes';\""],
    ['redis-cli -h "$REDIS_HOST" --scan --pattern "{service}:session:*" | xargs -r -n 100 redis-cli -h "$REDIS_HOST" DEL'],
    ['kubectl -n "$NAMESPACE" scale deployment/{service}-worker --replicas=0'],
]

CONSOLE = [
    ('kubectl -n "$NAMESPACE" get deploy {service}', [
        "NAME{pad}READY   UP-TO-DATE   AVAILABLE   AGE", "{service}   6/6     6            6           41d"]),
    ("curl -s https://{service}.internal.example/healthz", ['{{"status":"ok","checks":{{"db":"ok","cache":"ok"}}}}']),
    ('psql "$DATABASE_URL" -Atc "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = \'Lock\';"', ["0"]),
    ('redis-cli -h "$REDIS_HOST" PING', ["PONG"]),
]

QUERIES = [
    ("promql", ["sum by (pod) (rate({metric}[5m]))", "  / ignoring(pod) group_left sum(rate({metric}[1h]))"]),
    ("sql", ["SELECT relname, n_dead_tup, last_autovacuum", "FROM pg_stat_user_tables", "ORDER BY n_dead_tup DESC LIMIT 10;"]),
    ("yaml", ["resources:", "  requests:", "    cpu: 500m", "    memory: 1Gi", "  limits:", "    memory: 2Gi"]),
]

FENCE_LANGUAGES = ["bash"] * 10 + ["sh"] * 2 + ["shell"] * 3 + [""] * 2


class BlockWriter:
    """Writes fenced blocks for one service and counts what it planted in `stats`."""

    def __init__(self, rng, service, team, stats):
        self.rng = rng
        self.values = {"service": service, "team": team, "metric": "http_requests_total",
                       "pad": " " * max(1, len(service) - 1)}
        self.stats = stats

    def fmt(self, lines):
        return [line.format(**self.values) for line in lines]

    def fence(self, language, body):
        info = language
        if language and self.rng.random() < 0.06:
            info += " {timeout=" + self.rng.choice(["30s", "2m", "5m"]) + "}"
        return ["```" + info, *body, "```"]

    def shell_block(self, kind, problem):
        self.stats["shell_blocks"] += 1
        if kind == "alternatives":
            body = self.alternatives()
        elif kind == "destructive":
            body = self.fmt(self.rng.choice(DESTRUCTIVE))
        elif kind == "console":
            return self.fence("console", self.console())
        else:
            body = self.commands(self.rng.randint(3, 5))
        if problem == "placeholder":
            self.stats["placeholders"] += 1
            body += ["", "# Inspect the previous container of the failing pod",
                     'kubectl -n "$NAMESPACE" logs <pod-name> --previous | tail -n 100']
        elif problem == "follow-logs":
            self.stats["follow_logs"] += 1
            body += ["", "# Watch new errors as they arrive", self.fmt(['kubectl -n "$NAMESPACE" logs -f deploy/{service}'])[0]]
        if self.rng.random() < SYNTAX_ERROR_RATE:
            self.stats["syntax_errors"] += 1
            body = self.break_syntax(body)
        return self.fence(self.rng.choice(FENCE_LANGUAGES), body)

    def commands(self, count):
        body = []
        for title, lines in self.rng.sample(READ_COMMANDS, count):
            if body:
                body.append("")
            body.append(f"# {title}")
            body.extend(self.fmt(lines))
        return body

    def alternatives(self):
        body = []
        for number, (title, lines) in enumerate(self.rng.sample(ALTERNATIVES, 2), 1):
            if body:
                body.append("")
            body.append(f"# Option {number}: {title}")
            body.extend(self.fmt(lines))
        return body

    def console(self):
        body = []
        for command, output in self.rng.sample(CONSOLE, 2):
            body.append("$ " + self.fmt([command])[0])
            body.extend(self.fmt(output))
        return body

    def query_block(self):
        self.stats["other_blocks"] += 1
        language, lines = self.rng.choice(QUERIES)
        return ["```" + language, *self.fmt(lines), "```"]

    def break_syntax(self, body):
        """Plants one shell syntax error of a kind authors really make."""
        broken = list(body)
        variant = self.rng.randrange(3)
        if variant == 0:
            broken.append('echo "restart requested by $USER')
        elif variant == 1:
            broken += ['if [ "$(kubectl -n "$NAMESPACE" get pods --no-headers | wc -l)" -lt 3 ]; then',
                       '  echo "fewer than three pods"']
        else:
            broken.append('kubectl -n "$NAMESPACE" get pods -o name | while read -r pod; do echo "$pod"')
        return broken
