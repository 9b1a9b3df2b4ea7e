"""Posts REQUESTS Alertmanager webhooks of BATCH distinct alerts each to a running Firebreak, over
one keep-alive connection, and fails on the first answer that is not 2xx. bench/ingest.sh uses it
to put exactly 100,000 alerts into a fresh server before it reads the server's memory use.

    python3 bench/ingest_fill.py --url http://127.0.0.1:PORT --token SECRET --requests 1000 --batch 100
"""

import argparse
import http.client
import json
import os
import sys
from urllib.parse import urlparse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
from firebreak_client import request, webhook  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=100)
    args = parser.parse_args()
    port = urlparse(args.url).port
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Authorization": f"Bearer {args.token}"}
    for n in range(args.requests):
        body = webhook(f"fill-{n}", [f"fill-{n}-{i}" for i in range(args.batch)])
        status, answer = request(port, "POST", "/api/v1/alerts/alertmanager", body, headers,
                                 connection=connection)
        if not 200 <= status < 300:
            sys.exit(f"ingest_fill: request {n} answered {status}: {json.dumps(answer)[:300]}")
    connection.close()


if __name__ == "__main__":
    main()
