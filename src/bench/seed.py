#!/usr/bin/env python3
"""Seeds the benchmark database through the API: a unit, N customer accounts, a cash deposit on each.

usage: seed.py BASE_URL ADMIN_TOKEN FRONT_TOKEN N DEPOSIT IDS_FILE
Writes the created account ids, one per line, to IDS_FILE. Standard library only.
"""
import http.client
import json
import sys
import threading
import urllib.parse
import uuid

base, admin, front, count, deposit, ids_file = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5], sys.argv[6]
url = urllib.parse.urlparse(base)
WORKERS = 8


def post(connection, token, path, body, key):
    connection.request("POST", path, json.dumps(body), {
        "Authorization": "Bearer " + token, "Content-Type": "application/json", "Idempotency-Key": key})
    response = connection.getresponse()
    payload = response.read()
    if response.status != 201:
        raise SystemExit(f"POST {path} answered {response.status}: {payload[:300]!r}")
    return json.loads(payload)


def connect():
    return http.client.HTTPConnection(url.hostname, url.port, timeout=60)


def main():
    connection = connect()
    post(connection, admin, "/units", {"code": "BEN-01", "name": "Benchmark", "region": "Local"}, "seed-unit")
    ids = [None] * count

    def work(worker):
        c = connect()
        for n in range(worker, count, WORKERS):
            account = post(c, front, "/accounts", {
                "holder": {"name": f"Customer {n}", "customerId": f"B-{n:06d}"},
                "type": "CURRENT", "currency": "EUR", "unit": "BEN-01", "overdraftLimit": "100.00"}, f"seed-account-{n}")
            post(c, front, "/operations", {"type": "CASH_DEPOSIT", "amount": deposit, "currency": "EUR",
                                            "creditAccountId": account["id"]}, f"seed-deposit-{n}-{uuid.uuid4()}")
            ids[n] = account["id"]

    threads = [threading.Thread(target=work, args=(w,)) for w in range(WORKERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if any(i is None for i in ids):
        raise SystemExit("seeding failed")
    with open(ids_file, "w") as out:
        out.write("\n".join(ids) + "\n")


main()
