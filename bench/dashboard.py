"""The dashboard's benchmark, driven by `sluice-bench dashboard`: what a browser asks sluiced for, timed from here.

    python3 bench/dashboard.py pages N LOGIN_URL MAP_RUN_ARN EXECUTION_ARN FUNCTION
        N rounds of every page a person opens (the HTML, its script and styles, and each page's JSON: the overview,
        a page of executions, a map run, an execution, a function over a week), each timed alone; prints one JSON
        line of p50/p95/max in milliseconds per request, and per page (its requests one after another, as a
        browser's first load makes them).
    python3 bench/dashboard.py watch SECONDS LOGIN_URL
        Polls as an open overview page does (its JSON every second, the map run's too while one runs) until
        SECONDS pass or stdin closes; prints how many polls it made and how long they took.

Python's standard library only: http.client on one keep-alive connection, as a browser tab holds one.
"""
import http.client
import json
import sys
import threading
import time
import urllib.parse


class Browser:
    def __init__(self, login_url):
        url = urllib.parse.urlparse(login_url)
        self.connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
        status, headers, _ = self.get(url.path + "?" + url.query, cookie=False)
        if status != 303:
            raise SystemExit(f"login refused: {status}")
        self.cookie = headers["Set-Cookie"].split(";")[0]

    def get(self, path, cookie=True):
        headers = {"Cookie": self.cookie} if cookie else {}
        self.connection.request("GET", path, headers=headers)
        response = self.connection.getresponse()
        body = response.read()
        return response.status, dict(response.getheaders()), body

    def timed(self, path):
        start = time.perf_counter()
        status, _, body = self.get(path)
        elapsed = (time.perf_counter() - start) * 1000
        if status != 200:
            raise SystemExit(f"{path}: HTTP {status}: {body[:200]!r}")
        return elapsed, body


def summary(samples):
    samples = sorted(samples)
    pick = lambda p: samples[min(len(samples) - 1, int(p * len(samples)))]
    return {"p50": round(pick(0.5), 2), "p95": round(pick(0.95), 2), "max": round(samples[-1], 2)}


def pages(rounds, login, map_run, execution, function):
    browser = Browser(login)
    q = urllib.parse.quote
    shell = ["/", "/_sluice/app.js", "/_sluice/app.css"]
    layout = {
        "overview": shell + ["/_sluice/api/overview"],
        "executions": ["/_sluice/api/executions"],
        "map-run": ["/_sluice/api/map-run?mapRunArn=" + q(map_run)],
        "execution": ["/_sluice/api/execution?executionArn=" + q(execution)],
        "function-week": ["/_sluice/api/function?name=" + q(function) + "&range=604800"],
    }
    requests, totals, sizes = {}, {}, {}
    for _ in range(rounds):
        for page, paths in layout.items():
            total = 0.0
            for path in paths:
                elapsed, body = browser.timed(path)
                requests.setdefault(path.split("?")[0], []).append(elapsed)
                sizes[path.split("?")[0]] = len(body)
                total += elapsed
            totals.setdefault(page, []).append(total)
    print(json.dumps({
        "requests": {path: dict(summary(s), bytes=sizes[path]) for path, s in requests.items()},
        "pages": {page: summary(s) for page, s in totals.items()},
    }))


def watch(seconds, login):
    browser = Browser(login)
    done = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.read(), done.set()), daemon=True).start()
    polls, spent = 0, []
    end = time.time() + seconds
    while not done.is_set() and time.time() < end:
        elapsed, body = browser.timed("/_sluice/api/overview")
        spent.append(elapsed)
        for run in json.loads(body).get("mapRuns", []):
            if run.get("status") == "RUNNING":
                extra, _ = browser.timed("/_sluice/api/map-run?mapRunArn=" + urllib.parse.quote(run["mapRunArn"]))
                spent.append(extra)
        polls += 1
        done.wait(1.0)
    print(json.dumps({"polls": polls, "requests": summary(spent) if spent else None}))


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "pages":
        pages(int(sys.argv[2]), *sys.argv[3:7])
    elif mode == "watch":
        watch(float(sys.argv[2]), sys.argv[3])
    else:
        raise SystemExit(__doc__)
