"""Starting `firebreak serve`, creating tokens, and talking to its API, for the proof scripts
(scripts/durability.py, bench/ingest_fill.py). Standard library only.

Every server started here listens on 127.0.0.1 on a port that was free a moment before; callers
stop what they start (Server.kill / Server.stop), also on failure.
"""

import http.client
import json
import os
import signal
import socket
import subprocess
import time
import uuid
from datetime import datetime, timezone

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_CONFIG = os.path.join(ROOT, "examples", "firebreak.yml")


class ProofError(Exception):
    """A failure of the system under test or of the set-up, with what to look at."""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def firebreak_binary(configuration="debug"):
    """$FIREBREAK, else the executable `swift build` left in .build."""
    if os.environ.get("FIREBREAK"):
        return os.environ["FIREBREAK"]
    swift = os.environ.get("SWIFT", "swift")
    out = subprocess.run([swift, "build", "-c", configuration, "--show-bin-path"], cwd=ROOT,
                         check=True, capture_output=True, text=True).stdout.strip()
    return os.path.join(out, "firebreak")


def storage_options(data_dir, database=None):
    options = ["--data-dir", data_dir]
    if database:
        options += ["--database", database]
    return options


def create_token(binary, name, role, data_dir, database=None):
    """Runs `firebreak token create` and returns the secret it prints (its last stdout line)."""
    done = subprocess.run([binary, "token", "create", "--name", name, "--role", role]
                          + storage_options(data_dir, database),
                          capture_output=True, text=True, timeout=120)
    lines = [line.strip() for line in done.stdout.splitlines() if line.strip()]
    if done.returncode != 0 or not lines:
        raise ProofError(f"firebreak token create --role {role} failed (exit {done.returncode}): "
                         f"{done.stderr.strip() or done.stdout.strip()}")
    return lines[-1]


class Server:
    """One `firebreak serve` process, its output in a log file."""

    def __init__(self, binary, data_dir, log_path, database=None, config=DEFAULT_CONFIG):
        self.port = free_port()
        self.log_path = log_path
        self.log = open(log_path, "ab")
        args = [binary, "serve", "--config", config, "--listen", f"127.0.0.1:{self.port}"]
        self.process = subprocess.Popen(args + storage_options(data_dir, database),
                                        stdout=self.log, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL)

    @property
    def pid(self):
        return self.process.pid

    def wait_ready(self, seconds=60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ProofError(f"firebreak serve exited with {self.process.returncode} before it "
                                 f"was ready; see {self.log_path}")
            try:
                status, _ = request(self.port, "GET", "/health/ready", timeout=2)
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise ProofError(f"firebreak serve was not ready within {seconds} s; see {self.log_path}")

    def kill(self):
        """kill -9, and reap."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self.log.close()

    def stop(self, seconds=15):
        """SIGTERM, then SIGKILL after `seconds`."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(seconds)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()


def request(port, method, path, body=None, headers=None, timeout=10, connection=None):
    """One HTTP request; returns (status, parsed JSON or None)."""
    conn = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        data = json.dumps(body).encode() if body is not None else None
        all_headers = {"Content-Type": "application/json"} if data is not None else {}
        all_headers.update(headers or {})
        conn.request(method, path, body=data, headers=all_headers)
        response = conn.getresponse()
        raw = response.read()
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = None
        return response.status, parsed
    finally:
        if connection is None:
            conn.close()


def now_rfc3339():
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def webhook(group, alerts, status="firing"):
    """An Alertmanager webhook (version 4) for the group `group` (a cluster label value) with
    `alerts` given as instance names; fingerprints are derived from group and instance."""
    labels = {"alertname": "ProofAlert", "cluster": group}
    starts = now_rfc3339()
    return {
        "version": "4",
        "groupKey": '{}:{alertname="ProofAlert", cluster="%s"}' % group,
        "truncatedAlerts": 0,
        "status": status,
        "receiver": "firebreak",
        "groupLabels": labels,
        "commonLabels": labels,
        "commonAnnotations": {},
        "externalURL": "http://127.0.0.1:9093",
        "alerts": [{
            "status": status,
            "labels": dict(labels, instance=instance, severity="warning"),
            "annotations": {"summary": f"proof alert {instance}"},
            "startsAt": starts,
            "endsAt": "0001-01-01T00:00:00Z",
            "generatorURL": "http://127.0.0.1/graph",
            "fingerprint": uuid.uuid5(uuid.NAMESPACE_URL, f"{group}/{instance}").hex[:16],
        } for instance in alerts],
    }


def deliveries(port, token, after=0, page=1000):
    """Every delivery record with an id above `after`, paging through GET /api/v1/deliveries."""
    found = []
    while True:
        status, body = request(port, "GET", f"/api/v1/deliveries?after={after}&limit={page}",
                               headers={"Authorization": f"Bearer {token}"}, timeout=60)
        if status != 200:
            raise ProofError(f"GET /api/v1/deliveries answered {status}: {body}")
        records = body if isinstance(body, list) else (body or {}).get("deliveries", [])
        if not records:
            return found
        found += records
        after = max(int(record["id"]) for record in records)
        if len(records) < page:
            return found
