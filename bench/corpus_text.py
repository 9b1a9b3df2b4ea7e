"""Vocabulary and prose for the synthetic benchmark corpus (fictional services only)."""

import re

TEAMS = {
    "payments": ["ledger-api", "settlement-worker", "fx-rates", "card-gateway", "payout-scheduler"],
    "platform": ["ingress-edge", "service-mesh", "cluster-autoscaler", "secrets-broker", "build-runners"],
    "data": ["orders-db", "event-bus", "warehouse-loader", "cdc-relay", "feature-store"],
    "identity": ["auth-api", "session-store", "token-signer", "directory-sync"],
    "storefront": ["catalog-api", "cart-service", "checkout-web", "image-resizer", "pricing-engine"],
    "messaging": ["email-relay", "sms-dispatch", "push-fanout", "webhook-sender"],
    "search": ["indexer", "query-router", "suggest-api"],
    "observability": ["metrics-gateway", "log-shipper", "trace-collector"],
}

SCENARIOS = [
    {"title": "High error rate", "alert": "HighErrorRate", "tags": ["errors", "http"],
     "signal": "the 5xx ratio", "metric": "http_requests_errors_ratio"},
    {"title": "Latency above SLO", "alert": "LatencySLOBurn", "tags": ["latency", "slo"],
     "signal": "p99 latency", "metric": "http_request_duration_p99_seconds"},
    {"title": "Pods crash looping", "alert": "CrashLooping", "tags": ["kubernetes", "restarts"],
     "signal": "the restart count", "metric": "kube_pod_container_status_restarts_total"},
    {"title": "Database replication lag", "alert": "ReplicationLag", "tags": ["postgres", "replication"],
     "signal": "replica lag", "metric": "pg_replication_lag_seconds"},
    {"title": "Connection pool exhausted", "alert": "PoolExhausted", "tags": ["postgres", "connections"],
     "signal": "waiting connections", "metric": "db_pool_waiting_connections"},
    {"title": "Disk filling up", "alert": "DiskFillingUp", "tags": ["storage", "capacity"],
     "signal": "free disk space", "metric": "node_filesystem_avail_bytes"},
    {"title": "Certificate expiring", "alert": "CertificateExpiring", "tags": ["tls", "certificates"],
     "signal": "days to expiry", "metric": "tls_certificate_expiry_seconds"},
    {"title": "Queue backlog growing", "alert": "QueueBacklog", "tags": ["kafka", "backlog"],
     "signal": "consumer lag", "metric": "kafka_consumergroup_lag"},
    {"title": "Cache hit ratio dropped", "alert": "CacheHitRatioLow", "tags": ["redis", "cache"],
     "signal": "the cache hit ratio", "metric": "redis_keyspace_hit_ratio"},
    {"title": "Memory leak suspected", "alert": "MemoryGrowth", "tags": ["memory", "oom"],
     "signal": "resident memory", "metric": "container_memory_working_set_bytes"},
    {"title": "Deployment rollout stuck", "alert": "RolloutStuck", "tags": ["kubernetes", "deploy"],
     "signal": "unavailable replicas", "metric": "kube_deployment_status_replicas_unavailable"},
    {"title": "Upstream rate limiting", "alert": "UpstreamThrottled", "tags": ["http", "throttling"],
     "signal": "429 responses", "metric": "upstream_throttled_requests_total"},
    {"title": "DNS resolution failures", "alert": "DNSFailures", "tags": ["dns", "network"],
     "signal": "SERVFAIL answers", "metric": "coredns_dns_responses_servfail_total"},
    {"title": "Backup job failed", "alert": "BackupFailed", "tags": ["backup", "storage"],
     "signal": "hours since the last good backup", "metric": "backup_last_success_timestamp"},
    {"title": "Leader election flapping", "alert": "LeaderFlapping", "tags": ["consensus", "availability"],
     "signal": "leader changes", "metric": "leader_changes_total"},
]

OPENERS = [
    "Start by confirming that", "Before changing anything, check whether", "In most incidents so far,",
    "It is worth ruling out early that", "The quickest signal is whether", "On the dashboard, look at whether",
    "If the alert fired right after a deploy,", "During peak hours,", "When only one zone is affected,",
    "A common false alarm is when",
]
CLAUSES = [
    "{signal} of {service} moved before any other metric did",
    "the change lines up with the last rollout of {service}",
    "the nodes running {service} are under memory pressure",
    "traffic shifted to a single availability zone",
    "a batch job started competing for the same database",
    "the upstream dependency answered slowly for a few minutes",
    "retries from clients doubled the request rate",
    "{metric} crossed its warning threshold an hour earlier",
    "the connection limit of the primary was reached",
    "a feature flag changed the query pattern",
    "garbage collection pauses grew together with heap usage",
    "the load balancer marked some targets unhealthy",
]
ENDINGS = [
    "Note the time you first see it in the incident channel.",
    "Write down what you find before moving on; the postmortem needs it.",
    "If it does not match, go to the next check instead of restarting things.",
    "This usually narrows the search to one component.",
    "Compare with the same hour last week to rule out normal seasonality.",
    "Ask in the team channel if the graph looks different from what is described here.",
    "Keep the dashboard open; the later steps refer to it.",
    "A screenshot in the incident ticket saves time for the next responder.",
]
STEP_SENTENCES = [
    "Check the current state of the pods for {service}:",
    "Look at the recent events in the namespace:",
    "Confirm what the database sees from its side:",
    "Query the error budget burn for the last hour:",
    "Read the last lines of the application log:",
    "Inspect the cache before touching it:",
    "See which consumers are falling behind:",
    "Compare resource usage with the configured limits:",
    "Verify that the health endpoint answers:",
    "Check the certificate the ingress is serving:",
    "List the recent rollouts and their revisions:",
    "Find the slowest queries running right now:",
]
NOTE_TITLES = [
    "Check recent deploys", "Inspect pod resources", "Database side", "Cache behaviour",
    "Traffic patterns", "Upstream dependencies", "Node health", "Queue consumers",
    "Configuration drift", "Network path", "Storage usage", "Scale out the workers",
    "Restart the unhealthy replicas", "Fail over the primary", "Drain a bad node",
    "Roll back the release", "Clear the poisoned cache keys", "Rebuild the search index",
]
SYMPTOMS = [
    "{signal} above the alert threshold for more than 5 minutes",
    "Customers report timeouts at checkout",
    "`UNAVAILABLE` errors in the client logs of {service}",
    "Readiness probe failures on several pods",
    "The {service} dashboard shows a step change in {signal}",
    "Support tickets mentioning slow pages",
    "Increased retries from the mobile app",
    "Synthetic checks failing from two regions",
    "Error messages like `connection reset by peer` in {service} logs",
    "A growing gap between produced and consumed events",
]
CAUSES = [
    "A release with a slow query on a hot path",
    "Undersized connection pool after a traffic increase",
    "A noisy neighbour on shared nodes",
    "Expired or rotated credentials not picked up",
    "An index missing after a schema migration",
    "A cache flush that sent all reads to the database",
    "Autoscaler limits reached during a traffic spike",
    "A partial network partition between zones",
]


def slug(text):
    """File-name slug: lowercase words joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class Prose:
    """Sentences about one service and scenario, drawn from a seeded random generator."""

    def __init__(self, rng, service, scenario):
        self.rng = rng
        self.values = {"service": service, "signal": scenario["signal"], "metric": scenario["metric"]}
        self.metric = scenario["metric"]

    def fmt(self, template):
        return template.format(**self.values)

    def sentence(self):
        return f"{self.rng.choice(OPENERS)} {self.fmt(self.rng.choice(CLAUSES))}."

    def paragraph(self, sentences):
        parts = [self.sentence() for _ in range(max(1, sentences - 1))]
        parts.append(self.rng.choice(ENDINGS))
        return " ".join(parts)

    def step_sentence(self):
        return self.fmt(self.rng.choice(STEP_SENTENCES))

    def note_title(self):
        return self.rng.choice(NOTE_TITLES)

    def symptoms(self, count):
        return [self.fmt(s) for s in self.rng.sample(SYMPTOMS, count)]

    def causes(self, count):
        return self.rng.sample(CAUSES, count)

    def metric_rows(self, count):
        rows = []
        for _ in range(count):
            warning = self.rng.randint(2, 40)
            rows.append(f"| `{self.metric}` | > {warning} | > {warning * 3} | "
                        f"{self.values['service']}-overview |")
        return rows
