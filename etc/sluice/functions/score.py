#!/usr/bin/env python3
"""The `score` function of the shipped example: a persistent sluice worker (DESIGN.md "Function").

It reads one request per line on stdin, {"requestId", "payload", "deadlineMs"}, and answers one line on stdout,
{"requestId", "result"} or {"requestId", "errorType", "errorMessage", "stackTrace"}. The payload is a batch
{"Items": [...]} of companies as a Distributed Map's ItemReader gives them (CSV rows: every value a string, the
answers in columns answer_0..answer_19), or a single company; the result is one {"company_id", "score"} per
company. The model is a small logistic risk score with fixed weights (the arithmetic of the shared benchmark
workload, so figures stay comparable). Standard library only.
"""
import gc
import json
import math
import sys
import traceback
from operator import getitem, itemgetter, mul

SECTOR_BIAS = {
    "energy": 0.30, "materials": 0.12, "industrials": -0.05, "consumer_discretionary": 0.08,
    "consumer_staples": -0.20, "health_care": -0.10, "financials": 0.25, "information_technology": 0.15,
    "communication_services": 0.05, "utilities": -0.30, "real_estate": 0.20, "agriculture": 0.10,
}
WEIGHTS = (0.42, -0.31, 0.18, 0.27, -0.22, 0.35, -0.15, 0.11, 0.29, -0.38,
           0.24, -0.19, 0.33, -0.08, 0.21, -0.27, 0.16, 0.31, -0.12, 0.26)
INTERCEPT = -0.35
EMPLOYEES_WEIGHT = -0.18
REVENUE_PER_EMPLOYEE_WEIGHT = 0.07


class BadCompany(Exception):
    """A row that cannot be scored; reported to Step Functions as errorType BadCompany."""


ANSWER_COLUMNS = tuple("answer_%d" % i for i in range(len(WEIGHTS)))
answers_of_row = itemgetter(*ANSWER_COLUMNS)
fields_of = itemgetter("company_id", "employees", "revenue")
# Answers are whole numbers 0..10; CSV gives them as strings. Each weighted term w * (a - 5) and each square
# (a - 5)^2 is looked up instead of computed from float(a): the same products (so the same sums, added in the same
# order), at a fraction of the cost. Any other answer goes through float().
WEIGHTED = tuple({key: w * (i - 5.0) for i in range(11) for key in (str(i), i)} for w in WEIGHTS)
SQUARES = {key: (i - 5.0) * (i - 5.0) for i in range(11) for key in (str(i), i)}
square_of = SQUARES.__getitem__
log1p = math.log1p
exp = math.exp


def risk(company):
    try:
        answers = company.get("answers")
        if answers is None:
            answers = answers_of_row(company)
        if len(answers) != len(WEIGHTS):
            raise ValueError("%d answers, expected %d" % (len(answers), len(WEIGHTS)))
        # Left-to-right sums, the same order as the reference model's loop.
        try:
            linear = sum(map(getitem, WEIGHTED, answers))
            spread = sum(map(square_of, answers))
        except (KeyError, TypeError):
            centred = [float(answer) - 5.0 for answer in answers]
            linear = sum(map(mul, WEIGHTS, centred))
            spread = sum(map(mul, centred, centred))
        company_id, employees, revenue = fields_of(company)
        employees = float(employees)
        revenue = float(revenue)
        company_id = int(company_id)
    except (KeyError, ValueError, TypeError, AttributeError) as e:
        raise BadCompany("cannot score %r: %s" % (company.get("company_id", company)
                                                  if isinstance(company, dict) else company, e))
    z = (INTERCEPT + SECTOR_BIAS.get(company.get("sector", ""), 0.0) + 0.2 * linear - 0.002 * spread
         + EMPLOYEES_WEIGHT * log1p(employees)
         + REVENUE_PER_EMPLOYEE_WEIGHT * log1p(revenue / employees))
    return {"company_id": company_id, "score": round(1.0 / (1.0 + exp(-z)), 6)}


def handle(payload):
    if isinstance(payload, dict) and isinstance(payload.get("Items"), list):
        return list(map(risk, payload["Items"]))
    return risk(payload)


def main():
    # Every request allocates thousands of dicts and strings and no cycles: the cyclic collector would only scan
    # them (~7% of the worker's time on 1,000-row batches). Reference counting still frees everything.
    gc.disable()
    out = sys.stdout
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        request_id = request.get("requestId")
        try:
            answer = {"requestId": request_id, "result": handle(request.get("payload"))}
        except Exception as e:  # every failure goes back as a Lambda-style error
            answer = {"requestId": request_id, "errorType": type(e).__name__, "errorMessage": str(e),
                      "stackTrace": traceback.format_exc().splitlines()}
        out.write(json.dumps(answer, separators=(",", ":")) + "\n")
        out.flush()


if __name__ == "__main__":
    main()
