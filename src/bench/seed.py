#!/usr/bin/env python3
"""Seeds the benchmark database through the API. Standard library only.

usage: seed.py BASE_URL ADMIN_TOKEN FRONT_TOKEN N DEPOSIT DEPOSITS IDS_FILE
    Creates a unit and N customer accounts, makes DEPOSITS cash deposits of DEPOSIT on each, and writes
    the account ids, one per line, to IDS_FILE.
usage: seed.py --top-up BASE_URL FRONT_TOKEN IDS_FILE DEPOSIT DEPOSITS
    Makes DEPOSITS more cash deposits of DEPOSIT on each account of IDS_FILE.

A cash deposit above the STP threshold (1000.00) is not executed at once but waits for an agent, so
DEPOSIT must be at most 1000.00: more money on an account means more deposits, not larger ones.
Every deposit must come back EXECUTED, or the script stops.
"""
import http.client
import json
import sys
import threading
import urllib.parse
import uuid
from decimal import Decimal

WORKERS = 8
STP_THRESHOLD = Decimal("1000.00")


def post(connection, token, path, body, key):
    connection.request("POST", path, json.dumps(body), {
        "Authorization": "Bearer " + token, "Content-Type": "application/json", "Idempotency-Key": key})
    response = connection.getresponse()
    payload = response.read()
    if response.status != 201:
        raise SystemExit(f"POST {path} answered {response.status}: {payload[:300]!r}")
    return json.loads(payload)


def deposit(connection, token, account_id, amount, times):
    for _ in range(times):
        operation = post(connection, token, "/operations", {
            "type": "CASH_DEPOSIT", "amount": amount, "currency": "EUR", "creditAccountId": account_id},
            f"seed-deposit-{uuid.uuid4()}")
        if operation.get("status") != "EXECUTED":
            raise SystemExit(f"deposit on {account_id} is {operation.get('status')}, not EXECUTED")


def in_parallel(count, job):
    """Runs job(connection, n) for n in 0..count-1 on WORKERS threads, each with its own connection."""
    failures = []

    def work(worker):
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
        try:
            for n in range(worker, count, WORKERS):
                job(connection, n)
        except BaseException as e:  # SystemExit included: report it from the main thread
            failures.append(e)

    threads = [threading.Thread(target=work, args=(w,)) for w in range(WORKERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        raise SystemExit(f"seeding failed: {failures[0]}")


def check_amount(amount):
    if Decimal(amount) > STP_THRESHOLD:
        raise SystemExit(f"DEPOSIT {amount} is above the STP threshold {STP_THRESHOLD}: it would wait for approval")


def seed(admin, front, count, amount, times, ids_file):
    check_amount(amount)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    post(connection, admin, "/units", {"code": "BEN-01", "name": "Benchmark", "region": "Local"}, "seed-unit")
    ids = [None] * count

    def create(c, n):
        # an opening grants no credit line above the bank's default, 0.00 (docs/security.md "Security rules"); the
        # deposits cover the benchmark's transfers of 1.00
        account = post(c, front, "/accounts", {
            "holder": {"name": f"Customer {n}", "customerId": f"B-{n:06d}"},
            "type": "CURRENT", "currency": "EUR", "unit": "BEN-01", "overdraftLimit": "0.00"}, f"seed-account-{n}")
        deposit(c, front, account["id"], amount, times)
        ids[n] = account["id"]

    in_parallel(count, create)
    with open(ids_file, "w") as out:
        out.write("\n".join(ids) + "\n")


def top_up(front, ids_file, amount, times):
    check_amount(amount)
    with open(ids_file) as f:
        ids = [line.strip() for line in f if line.strip()]
    # one job per deposit, so that a few accounts topped up many times still use every worker
    in_parallel(len(ids) * times, lambda c, n: deposit(c, front, ids[n % len(ids)], amount, 1))


if sys.argv[1] == "--top-up":
    url = urllib.parse.urlparse(sys.argv[2])
    top_up(sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6]))
else:
    url = urllib.parse.urlparse(sys.argv[1])
    seed(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5], int(sys.argv[6]), sys.argv[7])
