#!/usr/bin/env python3
"""Durability proof: every webhook that got a 2xx survives a `kill -9` of the server.

For each backend (SQLite in a data directory; PostgreSQL in a throwaway cluster started with
scripts/pg-test-cluster.sh) and each round: a load generator (THREADS threads, each on its own
keep-alive connection) posts Alertmanager webhooks with unique X-Request-IDs and records those that
were answered 2xx; at a random moment the server gets SIGKILL; it is restarted on the same data
directory or database, and the request ids of GET /api/v1/deliveries are compared with the
acknowledged ones. Each round's restart is the next round's server.

Prints one line per round and a summary table `backend rounds acknowledged lost`; exits 1 when a
request was lost, when a round acknowledged nothing, or when the server did not come back.

    scripts/durability.py                              # 20 rounds on SQLite and on PostgreSQL
    scripts/durability.py --backend sqlite --rounds 3
    FIREBREAK=.build/release/firebreak scripts/durability.py --seed 7
"""

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid

from firebreak_client import ROOT, ProofError, Server, create_token, deliveries, firebreak_binary, request, webhook

MAX_LOAD_SECONDS = 30  # a load thread stops by itself after this, even if the kill never came
MAX_REQUESTS_PER_THREAD = 50_000


class Load:
    """Threads posting webhooks until the server is gone; collects acknowledged request ids."""

    def __init__(self, port, token, threads, round_id, rng):
        self.port, self.token, self.round_id = port, token, round_id
        self.acknowledged = set()
        self.mismatched = []  # 2xx answers whose request_id is not the one sent
        self.failures_before_kill = []  # non-2xx answers and errors while the server was alive
        self.killed = threading.Event()
        self.lock = threading.Lock()
        self.seeds = [rng.randrange(1 << 30) for _ in range(threads)]
        self.threads = [threading.Thread(target=self.run, args=(n,), daemon=True) for n in range(threads)]

    def start(self):
        for thread in self.threads:
            thread.start()

    def join(self):
        for thread in self.threads:
            thread.join(MAX_LOAD_SECONDS + 15)

    def run(self, n):
        import http.client
        rng = random.Random(self.seeds[n])
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        deadline = time.monotonic() + MAX_LOAD_SECONDS
        for sequence in range(MAX_REQUESTS_PER_THREAD):
            if self.killed.is_set() or time.monotonic() > deadline:
                break
            request_id = f"durability-{self.round_id}-{n}-{sequence}-{uuid.uuid4().hex[:8]}"
            # A few groups per round, so that webhooks both open incidents and join open ones.
            group = f"{self.round_id}-g{rng.randrange(8)}"
            alerts = [f"{group}-i{rng.randrange(40)}" for _ in range(rng.randint(1, 5))]
            body = webhook(group, sorted(set(alerts)), status="resolved" if rng.random() < 0.1 else "firing")
            headers = {"Authorization": f"Bearer {self.token}", "X-Request-ID": request_id}
            try:
                status, answer = request(self.port, "POST", "/api/v1/alerts/alertmanager", body, headers,
                                         connection=connection)
            except OSError as error:
                connection.close()
                if self.killed.is_set():
                    break
                with self.lock:
                    self.failures_before_kill.append(f"{type(error).__name__}: {error}")
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
                continue
            with self.lock:
                if 200 <= status < 300:
                    self.acknowledged.add(request_id)
                    if not isinstance(answer, dict) or answer.get("request_id") != request_id:
                        self.mismatched.append((request_id, answer))
                elif not self.killed.is_set():
                    self.failures_before_kill.append(f"HTTP {status}: {answer}")
        connection.close()


def start_postgres(directory):
    """Starts a throwaway cluster with scripts/pg-test-cluster.sh; returns its URL. The script's
    output goes to a file: pg_ctl leaves a daemon that would hold a pipe open."""
    script = os.path.join(ROOT, "scripts", "pg-test-cluster.sh")
    log = os.path.join(directory, "pg-test-cluster.log")
    with open(log, "ab") as out:
        if subprocess.call([script, "start", os.path.join(directory, "pg")], stdout=out, stderr=out) != 0:
            raise ProofError(f"{script} start failed; see {log}")
    url_file = os.path.join(directory, "pg-url")
    with open(url_file, "wb") as out, open(log, "ab") as err:
        if subprocess.call([script, "url", os.path.join(directory, "pg")], stdout=out, stderr=err) != 0:
            raise ProofError(f"{script} url failed; see {log}")
    with open(url_file) as f:
        return f.read().strip().splitlines()[-1]


def stop_postgres(directory):
    script = os.path.join(ROOT, "scripts", "pg-test-cluster.sh")
    with open(os.path.join(directory, "pg-test-cluster.log"), "ab") as out:
        subprocess.call([script, "stop", os.path.join(directory, "pg")], stdout=out, stderr=out)


def run_backend(backend, args, binary, rng, directory):
    """Runs the rounds on one backend; returns (acknowledged, lost, problems)."""
    database = start_postgres(directory) if backend == "postgres" else None
    data_dir = os.path.join(directory, "data")
    os.makedirs(data_dir, exist_ok=True)
    ingest = create_token(binary, "durability-ingest", "ingest", data_dir, database)
    admin = create_token(binary, "durability-admin", "admin", data_dir, database)
    log = os.path.join(directory, "firebreak.log")
    total_acknowledged, total_lost, problems = 0, 0, []
    server = Server(binary, data_dir, log, database)
    try:
        server.wait_ready()
        cursor = max([int(d["id"]) for d in deliveries(server.port, admin)] or [0])
        for round_number in range(1, args.rounds + 1):
            load = Load(server.port, ingest, args.threads, f"{backend}{round_number}-{rng.randrange(1 << 20)}", rng)
            delay = rng.uniform(args.min_delay, args.max_delay)
            started = time.monotonic()
            load.start()
            time.sleep(delay)  # the random moment of the kill is the point of this test
            load.killed.set()
            server.kill()
            killed_after = time.monotonic() - started
            load.join()
            server = Server(binary, data_dir, log, database)
            server.wait_ready()
            records = deliveries(server.port, admin, after=cursor)
            cursor = max([int(d["id"]) for d in records] + [cursor])
            stored = {d.get("request_id") for d in records}
            lost = load.acknowledged - stored
            total_acknowledged += len(load.acknowledged)
            total_lost += len(lost)
            print(f"{backend} round {round_number}: killed after {killed_after:.2f} s, "
                  f"{len(load.acknowledged)} acknowledged, {len(lost)} lost, "
                  f"{len(stored - load.acknowledged)} stored without an answer", flush=True)
            if lost:
                problems.append(f"{backend} round {round_number}: lost {sorted(lost)[:5]}")
            if not load.acknowledged:
                problems.append(f"{backend} round {round_number}: no request was acknowledged; see {log}")
            if load.mismatched:
                problems.append(f"{backend} round {round_number}: {len(load.mismatched)} answers without the "
                                f"sent request_id, e.g. {load.mismatched[0]}")
            if load.failures_before_kill:
                problems.append(f"{backend} round {round_number}: {len(load.failures_before_kill)} failures "
                                f"before the kill, e.g. {load.failures_before_kill[0]}")
    finally:
        server.stop()
        if database:
            stop_postgres(directory)
    return total_acknowledged, total_lost, problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--min-delay", type=float, default=0.5, help="earliest kill, seconds after load starts")
    parser.add_argument("--max-delay", type=float, default=3.0, help="latest kill, seconds after load starts")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: random, printed)")
    parser.add_argument("--keep", action="store_true", help="keep the data directories and logs")
    args = parser.parse_args()
    if args.rounds < 1 or args.threads < 1 or not 0 < args.min_delay <= args.max_delay:
        parser.error("--rounds and --threads must be positive and 0 < --min-delay <= --max-delay")
    seed = args.seed if args.seed is not None else random.randrange(1 << 31)
    print(f"durability: seed {seed}, {args.rounds} rounds, {args.threads} threads", flush=True)
    rng = random.Random(seed)
    binary = firebreak_binary()
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    results, problems = [], []
    work = tempfile.mkdtemp(prefix="firebreak-durability-")
    os.chmod(work, 0o755)  # PostgreSQL runs as its own user when this runs as root
    try:
        for backend in backends:
            directory = os.path.join(work, backend)
            os.makedirs(directory)
            try:
                acknowledged, lost, found = run_backend(backend, args, binary, rng, directory)
            except ProofError as error:
                problems.append(f"{backend}: {error}")
                continue
            results.append((backend, args.rounds, acknowledged, lost))
            problems += found
    finally:
        if args.keep or problems:
            print(f"durability: data and logs kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(f"{'backend':<10} {'rounds':>6} {'acknowledged':>12} {'lost':>5}")
    for backend, rounds, acknowledged, lost in results:
        print(f"{backend:<10} {rounds:>6} {acknowledged:>12} {lost:>5}")
    for problem in problems:
        print(f"durability: {problem}", file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
