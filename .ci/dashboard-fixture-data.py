#!/usr/bin/env python3
"""Writes the dashboard's fixture JSON (the contract of issue 17) to Tests/SluiceDaemonTests/DashboardFixtures/.

The story's run, frozen at 2026-12-06T19:30:00Z: score-companies half-way through its 227,000 companies (a
running map run, 30 minutes of per-second samples), an earlier run that failed, and the function `score` with a
week of per-minute samples and an hour of per-second ones. Deterministic (seeded), so the files only change when
this script does.
"""
import json, math, os, random, sys

NOW = 1796585400  # 2026-12-06T19:30:00Z
REGION, ACCOUNT = "us-east-1", "123456789012"
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "Tests",
                                                         "SluiceDaemonTests", "DashboardFixtures")
rnd = random.Random(17)


def iso(t):
    import datetime
    d = datetime.datetime.fromtimestamp(t, datetime.timezone.utc)
    return d.strftime("%Y-%m-%dT%H:%M:%S.") + f"{d.microsecond // 1000:03d}Z"


def sm_arn(name):
    return f"arn:aws:states:{REGION}:{ACCOUNT}:stateMachine:{name}"


def exec_arn(sm, name):
    return f"arn:aws:states:{REGION}:{ACCOUNT}:execution:{sm}:{name}"


def map_run_arn(sm, label, uid):
    return f"arn:aws:states:{REGION}:{ACCOUNT}:mapRun:{sm}/{label}:{uid}"


def child_arn(sm, label, name):
    return f"arn:aws:states:{REGION}:{ACCOUNT}:express:{sm}/{label}:{name}"


RUN_START = NOW - 1800
PARENT = exec_arn("score-companies", "drop-2026-12-06")
RUNNING_RUN = map_run_arn("score-companies", "ScoreEach", "7d1c2a90-5b8e-4c6f-9a51-0e3f2d7c8b14")
FAILED_PARENT = exec_arn("score-companies", "drop-2026-12-05")
FAILED_RUN = map_run_arn("score-companies", "ScoreEach", "c0ffee00-1111-4222-8333-944455556666")
TOTAL = 227000


def run_samples():
    """One sample a second: running ramps to 1,000, items/s around 126 with noise, failures now and then."""
    samples, fn, done, failed = [], [], 0, 0
    for i in range(1800):
        t = RUN_START + i
        running = min(1000, 40 * i) if i < 1790 else 1000
        rate = 0 if i < 20 else max(0, 63 + 9 * math.sin(i / 90) + rnd.gauss(0, 4))
        errors = 1 if rnd.random() < 0.1 else 0
        throttles = 1 if 300 < i < 330 and rnd.random() < 0.5 else 0
        done += rate
        failed += errors
        samples.append({"t": t, "running": running, "succeeded": int(done) - failed, "failed": failed,
                        "itemsPerSecond": round(rate, 1)})
        fn.append({"t": t, "concurrent": running, "throttles": throttles, "errors": errors})
    # sluiced was restarted for 40 s at minute 20: no samples then, so the graphs show a gap.
    cut = lambda xs: [x for x in xs if not (RUN_START + 1200 <= x["t"] < RUN_START + 1240)]
    return cut(samples), cut(fn)


SAMPLES, SCORE_RUN = run_samples()
SUCCEEDED, FAILED = SAMPLES[-1]["succeeded"], SAMPLES[-1]["failed"]
RUNNING = 1000
PENDING = TOTAL - SUCCEEDED - FAILED - RUNNING
RATE = 63.2
COUNTS = {"pending": PENDING, "running": RUNNING, "succeeded": SUCCEEDED, "failed": FAILED, "timedOut": 0,
          "aborted": 0, "total": TOTAL, "resultsWritten": 0, "failuresNotRedrivable": 0, "pendingRedrive": 0}


def failures(label, n, status="FAILED"):
    out = []
    for i in range(n):
        name = f"company-{rnd.randrange(10**6):06d}"
        out.append({"executionArn": child_arn("score-companies", label, name), "name": name, "status": status,
                    "error": "States.TaskFailed" if i % 3 else "ScoreError",
                    "cause": json.dumps({"errorMessage": f"no filings for {name} in 2025",
                                         "errorType": "ScoreError", "stackTrace": ["score.py line 41"]})})
    return out


def overview():
    ended = {"mapRunArn": FAILED_RUN, "executionArn": FAILED_PARENT, "stateMachine": "score-companies",
             "status": "FAILED", "startDate": iso(NOW - 86400), "stopDate": iso(NOW - 86400 + 2100),
             "itemCounts": {"pending": 0, "running": 0, "succeeded": 224100, "failed": 2900, "timedOut": 0,
                            "aborted": 0, "total": 227000, "resultsWritten": 227000, "failuresNotRedrivable": 0,
                            "pendingRedrive": 0}, "itemsPerSecond": 0, "etaSeconds": None}
    small = {"mapRunArn": map_run_arn("notify-subscribers", "Each", "0a0b0c0d-aaaa-4bbb-8ccc-0d0e0f101112"),
             "executionArn": exec_arn("notify-subscribers", "n-1"), "stateMachine": "notify-subscribers",
             "status": "SUCCEEDED", "startDate": iso(NOW - 7200), "stopDate": iso(NOW - 7100),
             "itemCounts": {"pending": 0, "running": 0, "succeeded": 5000, "failed": 0, "timedOut": 0,
                            "aborted": 0, "total": 5000, "resultsWritten": 5000, "failuresNotRedrivable": 0,
                            "pendingRedrive": 0}, "itemsPerSecond": 0, "etaSeconds": None}
    running = {"mapRunArn": RUNNING_RUN, "executionArn": PARENT, "stateMachine": "score-companies",
               "status": "RUNNING", "startDate": iso(RUN_START), "itemCounts": COUNTS, "itemsPerSecond": RATE,
               "etaSeconds": round(PENDING / RATE)}
    recent = []
    for i in range(20):
        status = "RUNNING" if i < 3 else ("FAILED" if i % 7 == 0 else "SUCCEEDED")
        start = NOW - 5 - i * 3
        e = {"executionArn": child_arn("score-companies", "ScoreEach", f"company-{i:06d}"),
             "name": f"company-{i:06d}", "stateMachine": "score-companies", "status": status,
             "startDate": iso(start)}
        if status != "RUNNING":
            e["stopDate"] = iso(start + 2.4)
        recent.append(e)
    recent.insert(0, {"executionArn": PARENT, "name": "drop-2026-12-06", "stateMachine": "score-companies",
                      "status": "RUNNING", "startDate": iso(RUN_START - 2)})
    recent = recent[:20]
    fails = [{**f, "stateMachine": "score-companies", "stopDate": iso(NOW - 7 * i)}
             for i, f in enumerate(failures("ScoreEach", 9))]
    fails.insert(0, {"executionArn": FAILED_PARENT, "name": "drop-2026-12-05", "stateMachine": "score-companies",
                     "status": "FAILED", "stopDate": iso(NOW - 86400 + 2100),
                     "error": "States.ExceedToleratedFailureThreshold",
                     "cause": "The specified tolerated failure threshold was exceeded"})
    window = [p for p in SCORE_RUN if p["t"] > NOW - 600]
    notify = [{"t": t, "concurrent": 1 + (t // 13) % 3, "throttles": 0, "errors": 0}
              for t in range(NOW - 600, NOW, 1) if (t // 60) % 3 == 0]
    return {"now": iso(NOW), "user": "alice", "csrf": "fixture-csrf-token",
            "executions": {"RUNNING": 1004, "SUCCEEDED": SUCCEEDED + 5311, "FAILED": FAILED + 2901,
                           "TIMED_OUT": 3, "ABORTED": 1, "PENDING_REDRIVE": 0},
            "mapRuns": [running, small, ended],
            "functions": [
                {"name": "score", "concurrent": 1000, "reservedConcurrency": None, "provisionedConcurrency": 0,
                 "invocations": SUCCEEDED + FAILED + 1000, "errors": FAILED, "throttles": 31},
                {"name": "notify", "concurrent": 2, "reservedConcurrency": 5, "provisionedConcurrency": 1,
                 "invocations": 5311, "errors": 0, "throttles": 0},
                {"name": "fetch-filings", "concurrent": 0, "reservedConcurrency": 50, "provisionedConcurrency": 0,
                 "invocations": 0, "errors": 0, "throttles": 0}],
            "workers": {"busy": 1002, "max": 1200},
            "deliveries": {"queued": 2, "delivered": 57, "deadLettered": 1},
            "recentFailures": fails, "recentExecutions": recent,
            "concurrency": {"from": NOW - 600, "step": 1, "functions": {"score": window, "notify": notify}}}


def map_run_running():
    describe = {"mapRunArn": RUNNING_RUN, "executionArn": PARENT, "status": "RUNNING", "startDate": iso(RUN_START),
                "maxConcurrency": 1000, "toleratedFailurePercentage": 5, "toleratedFailureCount": 0,
                "itemCounts": COUNTS, "executionCounts": dict(COUNTS), "redriveCount": 0}
    return {"csrf": "fixture-csrf-token", "describe": describe, "itemsPerSecond": RATE,
            "etaSeconds": round(PENDING / RATE), "samples": SAMPLES, "functions": {"score": SCORE_RUN},
            "failures": failures("ScoreEach", 100), "resultFiles": []}


def map_run_failed():
    start, stop = NOW - 86400, NOW - 86400 + 2100
    counts = overview()["mapRuns"][2]["itemCounts"]
    samples, fn, done = [], [], 0
    for i in range(stop - start):
        running = min(1000, 25 * i) if i < 2050 else max(0, 1000 - 20 * (i - 2050))
        rate = max(0, 108 + rnd.gauss(0, 5)) if 20 < i < 2090 else 0
        done += rate
        samples.append({"t": start + i, "running": running, "succeeded": int(done * .987),
                        "failed": int(done * .013), "itemsPerSecond": round(rate, 1)})
        fn.append({"t": start + i, "concurrent": running, "throttles": 0, "errors": 1 if rnd.random() < .08 else 0})
    describe = {"mapRunArn": FAILED_RUN, "executionArn": FAILED_PARENT, "status": "FAILED", "startDate": iso(start),
                "stopDate": iso(stop), "maxConcurrency": 1000, "toleratedFailurePercentage": 1,
                "toleratedFailureCount": 0, "itemCounts": counts, "executionCounts": dict(counts), "redriveCount": 0}
    files = [{"bucket": "scores", "key": "results/c0ffee00/manifest.json", "size": 412},
             {"bucket": "scores", "key": "results/c0ffee00/SUCCEEDED_0.json", "size": 48_211_090},
             {"bucket": "scores", "key": "results/c0ffee00/FAILED_0.json", "size": 1_730_118}]
    return {"csrf": "fixture-csrf-token", "describe": describe, "itemsPerSecond": 0, "etaSeconds": None,
            "samples": samples, "functions": {"score": fn}, "failures": failures("ScoreEach", 100),
            "resultFiles": files}


GRAPH = ('<svg xmlns="http://www.w3.org/2000/svg" class="state-graph" viewBox="0 0 220 330" width="220" height="330">'
         + "".join(f'<g class="state" data-state="{n}"><rect x="30" y="{20 + 75 * i}" width="160" height="40" rx="6" '
                   f'fill="{c}" stroke="#414d5c"/><text x="110" y="{45 + 75 * i}" text-anchor="middle" '
                   f'font-size="13" fill="#fff">{n}</text></g>'
                   + (f'<path d="M110,{60 + 75 * i}V{95 + 75 * i}" stroke="#414d5c"/>' if i < 3 else "")
                   for i, (n, c) in enumerate([("ListCompanies", "#037f0c"), ("ScoreEach", "#d91515"),
                                              ("NotifySubscribers", "#8d99a8"), ("Done", "#8d99a8")]))
         + "</svg>")


def events(status):
    start = RUN_START - 2 if status == "RUNNING" else NOW - 86400
    ev, t = [], start
    def add(kind, details_key=None, details=None, prev=None):
        nonlocal t
        e = {"id": len(ev) + 1, "timestamp": iso(t), "type": kind,
             "previousEventId": prev if prev is not None else len(ev)}
        if details_key:
            e[details_key] = details
        ev.append(e)
        t += 0.137
    add("ExecutionStarted", "executionStartedEventDetails",
        {"input": json.dumps({"bucket": "drops", "key": "companies-2026-12-06.csv"}),
         "roleArn": "arn:aws:iam::123456789012:role/sluice"})
    add("TaskStateEntered", "stateEnteredEventDetails", {"name": "ListCompanies", "input": "{}"})
    add("TaskScheduled", "taskScheduledEventDetails", {"resource": "invoke", "resourceType": "lambda",
                                                         "parameters": json.dumps({"FunctionName": "list"})})
    add("TaskStarted", "taskStartedEventDetails", {"resource": "invoke", "resourceType": "lambda"})
    add("TaskSucceeded", "taskSucceededEventDetails", {"resource": "invoke", "resourceType": "lambda",
                                                         "output": json.dumps({"count": TOTAL})})
    add("TaskStateExited", "stateExitedEventDetails", {"name": "ListCompanies", "output": json.dumps({"count": TOTAL})})
    add("MapStateEntered", "stateEnteredEventDetails", {"name": "ScoreEach", "input": json.dumps({"count": TOTAL})})
    add("MapRunStarted", "mapRunStartedEventDetails", {"mapRunArn": RUNNING_RUN if status == "RUNNING" else FAILED_RUN})
    if status == "FAILED":
        t = start + 2100
        threshold = {"error": "States.ExceedToleratedFailureThreshold",
                     "cause": "The specified tolerated failure threshold was exceeded"}
        add("MapRunFailed", "mapRunFailedEventDetails", threshold)
        add("ExecutionFailed", "executionFailedEventDetails", threshold)
    return ev


def execution(status):
    arn = PARENT if status == "RUNNING" else FAILED_PARENT
    start = RUN_START - 2 if status == "RUNNING" else NOW - 86400
    describe = {"executionArn": arn, "stateMachineArn": sm_arn("score-companies"), "name": arn.split(":")[-1],
                "status": status, "startDate": iso(start),
                "input": json.dumps({"bucket": "drops", "key": "companies-2026-12-06.csv", "size": 18_342_117}),
                "inputDetails": {"included": True}, "redriveCount": 0}
    states = {"ListCompanies": "SUCCEEDED", "ScoreEach": status, "NotifySubscribers": "NOT_RUN", "Done": "NOT_RUN"}
    if status == "FAILED":
        describe.update({"stopDate": iso(start + 2100), "error": "States.ExceedToleratedFailureThreshold",
                         "cause": "The specified tolerated failure threshold was exceeded",
                         "redriveStatus": "REDRIVABLE"})
    graph = GRAPH if status == "FAILED" else GRAPH.replace('fill="#d91515"', 'fill="#0972d3"')
    return {"csrf": "fixture-csrf-token", "describe": describe, "graph": graph, "states": states,
            "events": events(status), "eventsTruncated": False,
            "mapRuns": [{"mapRunArn": RUNNING_RUN if status == "RUNNING" else FAILED_RUN, "status": status}]}


def function_samples(start, end, step):
    out = []
    for t in range(start, end, step):
        if NOW - 3 * 86400 + 3600 <= t < NOW - 3 * 86400 + 7200:
            continue  # sluiced was down for an hour three days ago: a gap
        day = math.sin((t % 86400) / 86400 * 2 * math.pi)
        busy = t >= RUN_START or (NOW - 86400 <= t < NOW - 86400 + 2100)
        peak = 1000 if busy else max(0, int(6 + 5 * day + rnd.gauss(0, 2)))
        inv = (63 if busy else max(0, peak // 2)) * step // (1 if step == 1 else 1)
        errs = rnd.random() < (0.1 if busy else 0.02)
        out.append({"t": t, "concurrent": peak, "invocations": inv,
                    "errors": int(errs) * (1 if step == 1 else rnd.randint(1, 8)),
                    "throttles": 1 if busy and rnd.random() < 0.02 else 0,
                    "durationP50": round(7800 + rnd.gauss(0, 300) if busy else 180 + rnd.gauss(0, 20), 1),
                    "durationP99": round(14200 + rnd.gauss(0, 900) if busy else 950 + rnd.gauss(0, 80), 1)})
    return out


def function(step, span):
    return {"name": "score", "runtime": "python3.12", "timeout": 60, "reservedConcurrency": None,
            "provisionedConcurrency": 0, "concurrent": 1000, "now": iso(NOW), "step": step,
            "samples": function_samples(NOW - span, NOW, step)}


def executions():
    """120 executions, newest first, as ListExecutions lists them (the server pages them, 50 at a time)."""
    out = []
    for i in range(120):
        cycle = ["SUCCEEDED", "SUCCEEDED", "FAILED", "SUCCEEDED", "TIMED_OUT", "ABORTED"]
        status = "RUNNING" if i < 4 else cycle[i % 6]
        start = NOW - 30 * i - 5
        e = {"executionArn": exec_arn("score-companies" if i % 4 else "notify-subscribers", f"run-{i:04d}"),
             "name": f"run-{i:04d}", "stateMachine": "score-companies" if i % 4 else "notify-subscribers",
             "status": status, "startDate": iso(start)}
        if status != "RUNNING":
            e["stopDate"] = iso(start + 12.5)
        out.append(e)
    return {"executions": out}


def write(name, value):
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(value, f, separators=(",", ":"))
        f.write("\n")


os.makedirs(OUT, exist_ok=True)
write("overview.json", overview())
write("map-run-running.json", map_run_running())
write("map-run-failed.json", map_run_failed())
write("execution-running.json", execution("RUNNING"))
write("execution-failed.json", execution("FAILED"))
write("function-score-hour.json", function(1, 3600))
write("function-score-week.json", function(60, 7 * 86400))
write("executions.json", executions())
write("function-idle-hour.json", {"name": "idle", "runtime": "python3.12", "timeout": 3, "reservedConcurrency": 0,
                                  "provisionedConcurrency": 0, "concurrent": 0, "now": iso(NOW), "step": 1,
                                  "samples": []})
