#!/usr/bin/env python3
"""The plain sluice worker a user would write for the shared workload: a persistent function (DESIGN.md
"Function") that parses each request with json.loads, turns each CSV row into an item with the shared per-row
code (rows.py) and scores it with the shared model (SLUICE_BENCH_HANDLERS/riskmodel.py), exactly as the Pool
baseline (pool_csv.py) does. Nothing tuned: the fair side of the comparison."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.environ["SLUICE_BENCH_HANDLERS"])
from riskmodel import result  # noqa: E402
from rows import item_of_row  # noqa: E402


def main():
    write = sys.stdout.write
    for line in sys.stdin:
        request = json.loads(line)
        payload = request["payload"]
        results = [result(item_of_row(row)) for row in payload.get("Items", [])]
        write(json.dumps({"requestId": request["requestId"], "result": results}) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
