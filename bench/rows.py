"""The per-row code both sides of `sluice-bench distributed-map` share: a CSV row of the shared workload (every
value a string, as AWS's ItemReader gives CSV rows) to the item the shared model scores."""

ANSWER_COLUMNS = tuple("answer_%d" % i for i in range(20))


def item_of_row(row):
    return {
        "company_id": int(row["company_id"]),
        "sector": row["sector"],
        "employees": float(row["employees"]),
        "revenue": float(row["revenue"]),
        "answers": [int(row[column]) for column in ANSWER_COLUMNS],
    }
