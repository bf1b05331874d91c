#!/usr/bin/env python3
"""Writes N made-up companies as CSV (the columns the `score` function reads), deterministically.

usage: generate-companies.py N OUT.csv
"""
import csv
import random
import sys

SECTORS = ["energy", "materials", "industrials", "consumer_discretionary", "consumer_staples", "health_care",
           "financials", "information_technology", "communication_services", "utilities", "real_estate",
           "agriculture"]
COUNTRIES = ["US", "DE", "FR", "GB", "JP", "CN", "IN", "BR", "CA", "AU", "NL", "SE"]


def main():
    count, path = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(227000)
    with open(path, "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["company_id", "name", "domain", "sector", "country", "founded", "employees", "revenue"]
                     + ["answer_%d" % i for i in range(20)])
        for i in range(count):
            employees = int(rng.lognormvariate(4.0, 1.6)) + 1
            out.writerow([i, "company-%d" % i, "company-%d.example.com" % i, rng.choice(SECTORS),
                          rng.choice(COUNTRIES), rng.randrange(1900, 2024), employees,
                          round(employees * rng.lognormvariate(11.5, 0.8), 2)]
                         + [rng.randrange(0, 11) for _ in range(20)])


if __name__ == "__main__":
    main()
