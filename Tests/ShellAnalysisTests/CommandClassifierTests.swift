import RunbookModel
import XCTest

@testable import ShellAnalysis

final class CommandClassifierTests: XCTestCase {
    private let classifier = CommandClassifier()

    /// The assessment of the script's first command.
    private func assess(_ script: String, file: StaticString = #filePath, line: UInt = #line) -> CommandAssessment {
        guard let first = classifier.assess(script: script).first else {
            XCTFail("no command in \(script)", file: file, line: line)
            return CommandAssessment(safety: .unknown)
        }
        return first.assessment
    }

    private func expect(_ cases: [(String, SafetyClass)], file: StaticString = #filePath, line: UInt = #line) {
        for (script, safety) in cases {
            XCTAssertEqual(assess(script).safety, safety, script, file: file, line: line)
        }
    }

    func testKubectlAndOc() {
        expect([
            ("kubectl get pods -n payments", .readOnly),
            ("kubectl -n payments describe deploy/api", .readOnly),
            ("kubectl --context prod logs deploy/api --tail=100", .readOnly),
            ("kubectl auth can-i delete pods", .readOnly),
            ("kubectl rollout status deploy/api", .readOnly),
            ("kubectl config view --minify", .readOnly),
            ("kubectl rollout restart deploy/api", .mutating),
            ("kubectl scale deploy/api --replicas=3", .mutating),
            ("kubectl apply -f app.yaml", .mutating),
            ("kubectl cordon node-1", .mutating),
            ("kubectl delete pod api-0", .destructive),
            ("kubectl drain node-1 --ignore-daemonsets", .destructive),
            ("kubectl scale deploy/api --replicas=0", .destructive),
            ("kubectl scale deploy/api --replicas 0", .destructive),
            ("kubectl replace --force -f pod.yaml", .destructive),
            ("oc get pods", .readOnly),
            ("oc adm drain node-1", .destructive),
            ("kubectl frobnicate", .unknown),
        ])
        XCTAssertTrue(assess("kubectl logs -f deploy/api").neverTerminates)
        XCTAssertTrue(assess("kubectl logs deploy/api --follow").neverTerminates)
        XCTAssertFalse(assess("kubectl logs deploy/api --tail 50").neverTerminates)
        XCTAssertTrue(assess("kubectl get pods -w").neverTerminates)
        XCTAssertTrue(assess("kubectl get pods --watch").neverTerminates)
        XCTAssertTrue(assess("kubectl port-forward svc/api 8080:80").neverTerminates)
        XCTAssertFalse(assess("kubectl rollout status deploy/api -w").neverTerminates)
        XCTAssertTrue(assess("kubectl exec -it api-0 -- bash").interactive)
        XCTAssertTrue(assess("kubectl exec -ti api-0 -- bash").interactive)
        XCTAssertTrue(assess("kubectl exec -i -t api-0 -- bash").interactive)
        XCTAssertFalse(assess("kubectl exec api-0 -- ls /data").interactive)
        XCTAssertTrue(assess("kubectl edit deploy/api").interactive)
        XCTAssertTrue(assess("oc rsh api-0").interactive)
        XCTAssertTrue(assess("oc debug node/worker-1").interactive)
        XCTAssertEqual(assess("kubectl exec api-0 -- rm -rf /data/cache").safety, .destructive)
    }

    func testDockerAndCompose() {
        expect([
            ("docker ps -a", .readOnly),
            ("docker logs api", .readOnly),
            ("docker stats --no-stream", .readOnly),
            ("docker restart api", .mutating),
            ("docker compose up -d", .mutating),
            ("docker-compose restart api", .mutating),
            ("docker rm -f api", .destructive),
            ("docker system prune -af", .destructive),
            ("docker volume rm data", .destructive),
            ("docker compose down -v", .destructive),
            ("docker-compose down", .mutating),
            ("docker compose ps", .readOnly),
        ])
        XCTAssertTrue(assess("docker logs -f api").neverTerminates)
        XCTAssertTrue(assess("docker stats").neverTerminates)
        XCTAssertFalse(assess("docker stats --no-stream").neverTerminates)
        XCTAssertTrue(assess("docker compose logs -f").neverTerminates)
        XCTAssertTrue(assess("docker exec -it api sh").interactive)
        XCTAssertEqual(assess("docker exec api redis-cli FLUSHALL").safety, .destructive)
    }

    func testSystemdAndJournal() {
        expect([
            ("systemctl status nginx", .readOnly),
            ("systemctl is-active nginx", .readOnly),
            ("systemctl list-units --failed", .readOnly),
            ("sudo systemctl restart nginx", .mutating),
            ("systemctl stop nginx", .mutating),
            ("systemctl disable --now nginx", .mutating),
            ("journalctl -u nginx --since '1 hour ago'", .readOnly),
        ])
        XCTAssertTrue(assess("journalctl -fu nginx").neverTerminates)
        XCTAssertTrue(assess("journalctl -u nginx --follow").neverTerminates)
        XCTAssertFalse(assess("journalctl -u nginx -n 100").neverTerminates)
        XCTAssertTrue(assess("sudo systemctl edit nginx").interactive)
    }

    func testCurlAndWget() {
        expect([
            ("curl -sf http://localhost:8080/health", .readOnly),
            ("curl -X POST http://api/v1/cache/flush", .mutating),
            ("curl --request PUT http://api/x", .mutating),
            ("curl -XPATCH http://api/x", .mutating),
            ("curl -d '{\"a\":1}' http://api/x", .mutating),
            ("curl --data-binary @f.json http://api/x", .mutating),
            ("curl -F file=@x http://api/upload", .mutating),
            ("curl -G -d q=1 http://api/search", .readOnly),
            ("curl -X DELETE http://api/v1/items/3", .destructive),
            ("wget -qO- http://localhost/metrics", .readOnly),
            ("wget --post-data=x=1 http://api", .mutating),
        ])
    }

    func testSQLClients() {
        expect([
            ("psql -c 'SELECT count(*) FROM pg_stat_activity'", .readOnly),
            ("psql -h db -U app -c \"DROP TABLE x\"", .destructive),
            ("psql --command='VACUUM ANALYZE orders'", .mutating),
            ("psql -c 'SELECT pg_terminate_backend(pid) FROM pg_stat_activity'", .destructive),
            ("psql -f migrate.sql", .unknown),
            ("mysql -e 'SHOW PROCESSLIST'", .readOnly),
            ("mysql -u root -e \"KILL 42\"", .destructive),
            ("sqlite3 app.db 'DELETE FROM sessions'", .destructive),
            ("psql \"$DB\" -X -Atc \"SELECT count(*) FROM batches\"", .readOnly),
            ("psql -Atc'DROP TABLE x'", .destructive),
        ])
        XCTAssertFalse(
            assess("psql \"$DB\" -X -Atc \"SELECT 1\"").interactive, "-c inside a flag cluster carries the SQL")
        XCTAssertTrue(assess("psql -h db -U app").interactive)
        XCTAssertTrue(assess("mysql -u root mydb").interactive)
        let heredoc = assess("psql -h db <<EOF\nUPDATE accounts SET locked = false;\nEOF")
        XCTAssertFalse(heredoc.interactive)
        XCTAssertEqual(heredoc.safety, .mutating)
        XCTAssertFalse(assess("psql < dump.sql").interactive)
        XCTAssertFalse(assess("cat q.sql | psql").interactive)
    }

    func testAssessSQL() {
        let cases: [(String, SafetyClass)] = [
            ("SELECT 1", .readOnly),
            ("select * from t where note = 'DROP TABLE x'", .readOnly),
            ("\\dt+", .readOnly),
            ("SHOW max_connections; EXPLAIN SELECT 1", .readOnly),
            ("BEGIN; UPDATE t SET a = 1; COMMIT;", .mutating),
            ("CREATE INDEX CONCURRENTLY i ON t (a)", .mutating),
            ("GRANT SELECT ON t TO r", .mutating),
            ("SELECT 1; DELETE FROM t", .destructive),
            ("TRUNCATE audit_log", .destructive),
            ("-- DROP TABLE x\nSELECT 1", .readOnly),
            ("SELECT pg_cancel_backend(123)", .destructive),
            ("WITH gone AS (DELETE FROM t RETURNING *) SELECT count(*) FROM gone", .destructive),
            ("EXPLAIN ANALYZE DELETE FROM t", .destructive),
            ("ALTER TABLE t ADD COLUMN c int", .mutating),
            ("ALTER TABLE t DROP COLUMN c", .destructive),
            ("DO $$ BEGIN DELETE FROM t; END $$", .mutating),
            ("", .unknown),
        ]
        for (sql, safety) in cases {
            XCTAssertEqual(classifier.assessSQL(sql), safety, sql)
        }
    }

    func testRedisCli() {
        expect([
            ("redis-cli -h cache -p 6379 INFO memory", .readOnly),
            ("redis-cli ping", .readOnly),
            ("redis-cli CONFIG GET maxmemory", .readOnly),
            ("redis-cli CONFIG SET maxmemory 2gb", .mutating),
            ("redis-cli -n 2 SET k v", .mutating),
            ("redis-cli FLUSHALL", .destructive),
            ("redis-cli -a \"$REDIS_PASSWORD\" del session:1", .destructive),
            ("redis-cli --scan --pattern 'user:*'", .readOnly),
        ])
        XCTAssertTrue(assess("redis-cli MONITOR").neverTerminates)
        XCTAssertTrue(assess("redis-cli -h cache psubscribe '*'").neverTerminates)
        XCTAssertTrue(assess("redis-cli -h cache").interactive)
        XCTAssertFalse(assess("redis-cli -h cache <<< 'PING'").interactive)
    }

    func testCloudCLIs() {
        expect([
            ("aws ec2 describe-instances --region eu-west-1", .readOnly),
            ("aws --profile prod s3 ls s3://bucket", .readOnly),
            ("aws sts get-caller-identity", .readOnly),
            ("aws s3 rm s3://bucket/key --recursive", .destructive),
            ("aws rds delete-db-instance --db-instance-identifier x", .destructive),
            ("aws ec2 terminate-instances --instance-ids i-1", .destructive),
            ("aws autoscaling set-desired-capacity --desired-capacity 3", .mutating),
            ("gcloud compute instances list", .readOnly),
            ("gcloud sql instances describe db", .readOnly),
            ("gcloud compute instances delete vm-1 --quiet", .destructive),
            ("gcloud compute instances start vm-1", .mutating),
            ("helm list -A", .readOnly),
            ("helm status api -n prod", .readOnly),
            ("helm upgrade --install api ./chart", .mutating),
            ("helm rollback api 3", .mutating),
            ("helm uninstall api", .destructive),
        ])
    }

    func testGit() {
        expect([
            ("git status", .readOnly),
            ("git log --oneline -5", .readOnly),
            ("git -C /srv/app diff", .readOnly),
            ("git pull", .mutating),
            ("git push origin main", .mutating),
            ("git push --force origin main", .destructive),
            ("git push -f", .destructive),
            ("git reset --hard origin/main", .destructive),
            ("git clean -fdx", .destructive),
        ])
    }

    func testFilesAndProcesses() {
        expect([
            ("rm -rf /var/cache/app", .destructive),
            ("cp a b", .mutating),
            ("mkdir -p /srv/x", .mutating),
            ("chmod 600 key", .mutating),
            ("tee /etc/app.conf", .mutating),
            ("kill 1234", .mutating),
            ("kill -9 1234", .destructive),
            ("kill -s KILL 1234", .destructive),
            ("pkill -f worker", .mutating),
            ("sudo pkill -9 nginx", .destructive),
            ("killall -KILL java", .destructive),
            ("sed -n '1,10p' log", .readOnly),
            ("sed -i 's/a/b/' conf", .mutating),
            ("sed -i.bak 's/a/b/' conf", .mutating),
            ("find /tmp -name '*.log' -mtime +7", .readOnly),
            ("find /tmp -name '*.log' -delete", .destructive),
            ("find /tmp -type f -exec rm {} \\;", .destructive),
            ("find . -exec chmod 644 {} +", .mutating),
            ("dd if=/dev/zero of=/dev/sdb bs=1M", .destructive),
            ("truncate -s 0 app.log", .destructive),
            ("mkfs.ext4 /dev/sdb1", .destructive),
            ("xargs rm -f < list.txt", .destructive),
            ("echo done > /etc/marker", .mutating),
            ("grep -c ERROR app.log 2>/dev/null", .readOnly),
        ])
    }

    func testReadOnlyUtilities() {
        for script in [
            "ls -la", "cat /etc/hosts", "head -n 5 f", "grep -r x .", "awk '{print $1}' f", "sort f", "uniq -c",
            "wc -l f", "jq .items f.json", "df -h", "du -sh /var", "free -m", "ps aux", "pgrep -f x", "uptime",
            "date -u", "id", "whoami", "hostname", "ping -c 3 db", "dig +short api", "ss -tlnp", "netstat -an",
            "lsof -i :80", "ip addr show", "FOO=1",
        ] {
            XCTAssertEqual(assess(script).safety, .readOnly, script)
            XCTAssertFalse(assess(script).neverTerminates, script)
            XCTAssertFalse(assess(script).interactive, script)
        }
        XCTAssertEqual(assess("my-custom-tool --go").safety, .unknown)
    }

    func testNeverTerminating() {
        for script in [
            "tail -f /var/log/syslog", "tail -F app.log", "tail --follow=name app.log", "watch df -h", "top", "top -b",
            "htop", "iostat -x 1", "vmstat 5", "mpstat -P ALL 2", "sar -n DEV 1", "ping db", "tcpdump -i eth0 port 80",
            "dmesg -w", "dmesg --follow", "yes", "redis-cli MONITOR", "kubectl get pods --watch", "stern api",
            "docker compose up",
        ] {
            XCTAssertTrue(assess(script).neverTerminates, script)
        }
        for script in [
            "top -b -n 1", "top -bn1", "iostat -x 1 3", "vmstat", "ping -c 3 db", "tcpdump -c 100 -i eth0", "dmesg -T",
            "timeout 30 tail -f app.log",
        ] {
            XCTAssertFalse(assess(script).neverTerminates, script)
        }
    }

    func testInteractive() {
        for script in [
            "vim /etc/nginx/nginx.conf", "vi x", "nano x", "less app.log", "more x", "man kubectl", "ssh bastion",
            "ssh -i key.pem -p 2222 admin@db", "bash", "sh", "python3", "node", "sudo systemctl edit nginx",
            "crontab -e",
            "mysql", "psql", "redis-cli", "sudo -i", "git commit", "read -p 'Continue? ' answer",
        ] {
            XCTAssertTrue(assess(script).interactive, script)
        }
        for script in [
            "ssh bastion uptime", "bash -c 'echo hi'", "bash deploy.sh", "python3 -c 'print(1)'", "crontab -l",
            "git commit -m 'fix'", "echo hi | python3", "vim -c ':wq' x < /dev/null",
        ] {
            XCTAssertFalse(assess(script).interactive, script)
        }
    }

    func testStdinRedirectionTurnsOffInteractive() {
        XCTAssertFalse(assess("psql <<EOF\nSELECT 1;\nEOF").interactive)
        XCTAssertFalse(assess("mysql < dump.sql").interactive)
        XCTAssertFalse(assess("ssh host <<'EOF'\nuptime\nEOF").interactive)
        let piped = classifier.assess(script: "echo PING | redis-cli")
        XCTAssertFalse(piped[1].assessment.interactive)
    }

    func testWatchAssessesItsInnerCommand() {
        let watched = assess("watch -n 5 'kubectl get pods'")
        XCTAssertTrue(watched.neverTerminates)
        XCTAssertEqual(watched.safety, .readOnly)
        let dangerous = assess("watch -n 60 kubectl delete pod -l app=stuck")
        XCTAssertEqual(dangerous.safety, .destructive)
        XCTAssertTrue(dangerous.neverTerminates)
    }

    func testShellStringsAndSsh() {
        let results = classifier.assess(script: "bash -c 'kubectl delete ns staging'")
        XCTAssertEqual(results.map(\.command.program), ["bash", "kubectl"])
        XCTAssertEqual(results.map(\.assessment.safety), [.destructive, .destructive])
        XCTAssertEqual(assess("ssh db-1 'sudo systemctl restart postgresql'").safety, .mutating)
        XCTAssertEqual(assess("ssh db-1 uptime").safety, .readOnly)
        XCTAssertTrue(assess("ssh db-1 tail -f /var/log/syslog").neverTerminates)
        XCTAssertEqual(assess("bash <<'EOF'\nrm -rf /tmp/x\nEOF").safety, .destructive)
    }

    func testExtraRulesOverrideBuiltIns() {
        let custom = CommandClassifier(extraRules: [
            CommandRule(program: "kubectl", subcommands: ["get"], safety: .destructive, reason: "site policy"),
            CommandRule(
                program: "deployctl", subcommands: ["status"], safety: .readOnly, reason: "deployctl status only reads"),
            CommandRule(
                program: "deployctl", whenAny: ["--follow"], neverTerminates: true, reason: "deployctl --follow streams"
            ),
        ])
        func first(_ script: String) -> CommandAssessment { custom.assess(script: script)[0].assessment }
        XCTAssertEqual(first("kubectl get pods").safety, .destructive)
        XCTAssertEqual(first("kubectl get pods").reasons, ["site policy"])
        XCTAssertEqual(first("kubectl delete pod x").safety, .destructive)
        XCTAssertEqual(first("kubectl describe pod x").safety, .readOnly)
        XCTAssertEqual(first("deployctl status api").safety, .readOnly)
        XCTAssertTrue(first("deployctl status api --follow").neverTerminates)
        XCTAssertEqual(first("deployctl rollout api").safety, .unknown)
    }

    func testRulesDecodeWithDefaults() throws {
        let json =
            #"[{"program": "deployctl", "subcommands": ["status"], "safety": "read-only"}, {"program": "x", "neverTerminates": true}]"#
        let rules = try JSONDecoder().decode([CommandRule].self, from: Data(json.utf8))
        XCTAssertEqual(rules[0], CommandRule(program: "deployctl", subcommands: ["status"], safety: .readOnly))
        XCTAssertEqual(rules[1].neverTerminates, true)
        XCTAssertEqual(rules[1].whenAny, [])
    }

    func testFlagMatching() {
        XCTAssertTrue(CommandRule.present("-f", in: ["-rf", "/x"]))
        XCTAssertTrue(CommandRule.present("-f", in: ["-fr"]))
        XCTAssertTrue(CommandRule.present("--follow", in: ["--follow=name"]))
        XCTAssertFalse(CommandRule.present("--follow", in: ["--follower"]))
        XCTAssertFalse(CommandRule.present("-f", in: ["--force"]))
        XCTAssertFalse(CommandRule.present("-f", in: ["-Hfoo:bar"]))
        XCTAssertTrue(CommandRule.present("--replicas 0", in: ["scale", "--replicas", "0"]))
        XCTAssertFalse(CommandRule.present("--replicas 0", in: ["scale", "--replicas", "3"]))
    }
}
