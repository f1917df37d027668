#!/usr/bin/env python3
"""Sends requests for a while, each on a new connection, and counts the ones that fail.

    load.py URL SECONDS [CONCURRENCY] [HOST-HEADER]

Prints "ok=N failed=M" (and the first errors) and exits 1 when any request failed or none
was answered. Used by the system test to show that restarts and failovers refuse nothing.
"""
import http.client
import sys
import threading
import time
import urllib.parse

url, seconds = sys.argv[1], float(sys.argv[2])
concurrency = int(sys.argv[3]) if len(sys.argv) > 3 else 4
host_header = sys.argv[4] if len(sys.argv) > 4 else None
target = urllib.parse.urlsplit(url)
deadline = time.monotonic() + seconds
lock = threading.Lock()
counts = {"ok": 0, "failed": 0}
errors = []


def worker():
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection(target.hostname, target.port or 80, timeout=10)
            headers = {"Connection": "close"}
            if host_header:
                headers["Host"] = host_header
            connection.request("GET", target.path or "/", headers=headers)
            response = connection.getresponse()
            response.read()
            connection.close()
            outcome = "ok" if response.status == 200 else "failed"
            if outcome == "failed":
                error = f"status {response.status}"
        except Exception as exception:  # every failure counts, whatever its kind
            outcome, error = "failed", repr(exception)
        with lock:
            counts[outcome] += 1
            if outcome == "failed" and len(errors) < 5:
                errors.append(error)


threads = [threading.Thread(target=worker) for _ in range(concurrency)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(f"ok={counts['ok']} failed={counts['failed']}" + "".join(f"\n  {e}" for e in errors))
sys.exit(1 if counts["failed"] or not counts["ok"] else 0)
