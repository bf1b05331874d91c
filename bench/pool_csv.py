#!/usr/bin/env python3
"""The Pool baseline over the same CSV with the same per-row code as the sluice worker (reference_worker.py), built
as the shared JSONL baseline (../shared/bench/baselines/pool_map.py) is: the parent streams raw lines to
multiprocessing.Pool(PROCESSES).imap_unordered in chunks of CHUNK; each worker parses its line (the csv module,
with the header's column names), turns the row into an item (rows.py) and scores it with the shared model; the
parent writes one JSON result line per company. (The workload's CSV has no line breaks inside cells.)

usage: pool_csv.py HANDLERS_DIR COMPANIES.csv PROCESSES CHUNK > OUT.jsonl"""
import csv
import json
import os
import sys
from multiprocessing import Pool

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, sys.argv[1])
from riskmodel import result  # noqa: E402
from rows import item_of_row  # noqa: E402

columns = None


def start(header):
    global columns
    columns = header


def handle(line):
    return result(item_of_row(dict(zip(columns, next(csv.reader((line,)))))))


def main():
    path, processes, chunk = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    write = sys.stdout.write
    with open(path, newline="") as f:
        header = next(csv.reader((f.readline(),)))
        with Pool(processes, initializer=start, initargs=(header,)) as pool:
            for r in pool.imap_unordered(handle, f, chunksize=chunk):
                write(json.dumps(r) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
