#!/usr/bin/env python3
"""Loads every dashboard page from the fixture server in headless Chromium, checks the selectors the pages
promise, the live update, the actions and the login notice, and saves screenshots in .build/screenshots/.

    python3 .ci/dashboard-pages.py        # needs Debian's chromium and ../shared/browser/cdp.py

A development check for the pages alone (the daemon's browser tests drive a real sluiced).
"""
import json, os, shutil, socket, subprocess, sys, tempfile, time, urllib.parse, urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.environ.get("SLUICE_CDP_DIR", os.path.join(ROOT, "..", "shared", "browser")))
from cdp import Chromium  # noqa: E402

SHOTS = os.path.join(ROOT, ".build", "screenshots")
FIXTURES = os.path.join(ROOT, "Tests", "SluiceDaemonTests", "DashboardFixtures")
failures = []


def check(page, what, js, timeout=5):
    try:
        page.wait_for(f"!!({js})", timeout=timeout)
        print(f"  ok   {what}")
    except TimeoutError:
        failures.append(what)
        print(f"  FAIL {what}: {js}")


def click(page, selector):
    """cdp.py clicks at the element's centre in the viewport: scroll it there first."""
    page.eval(f"document.querySelector({json.dumps(selector)}).scrollIntoView({{block: 'center'}})")
    page.click(selector)


def visit(page, url):
    """A fresh load (a navigation that only changes the hash fires no load event, and cdp.py would wait for one)."""
    page.goto("about:blank")
    page.goto(url)


def errors(browser):
    found = [e for e in browser.events if e.get("method") == "Runtime.exceptionThrown"]
    browser.events = [e for e in browser.events if e.get("method") != "Runtime.exceptionThrown"]
    return [e["params"]["exceptionDetails"].get("exception", {}).get("description", "?") for e in found]


def main():
    folder = tempfile.mkdtemp(prefix="dashboard-fixtures-")
    for name in os.listdir(FIXTURES):
        shutil.copy(os.path.join(FIXTURES, name), folder)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, os.path.join(ROOT, ".ci", "dashboard-fixtures.py"), "--port",
                               str(port), "--fixtures", folder], stderr=subprocess.PIPE)
    server.stderr.readline()
    base = f"http://127.0.0.1:{port}/"
    overview = json.load(open(os.path.join(folder, "overview.json")))
    running = json.load(open(os.path.join(folder, "map-run-running.json")))["describe"]
    failed_run = json.load(open(os.path.join(folder, "map-run-failed.json")))["describe"]
    failed_exec = json.load(open(os.path.join(folder, "execution-failed.json")))["describe"]
    q = urllib.parse.quote
    try:
        with Chromium() as browser:
            page = browser.open("about:blank")
            browser.call("Runtime.enable", session=page.session)

            print("overview")
            visit(page, base)
            check(page, "counters", "document.querySelector('#exec-count-RUNNING').textContent === '1,004'")
            check(page, "title", "document.title === 'sluice · overview'")
            check(page, "user", "document.querySelector('#user').textContent === 'alice'")
            check(page, "map runs", "document.querySelectorAll('#map-runs tr.map-run').length === 3")
            check(page, "progress", "+document.querySelector('#map-runs tr.map-run .bar').dataset.total === 227000")
            check(page, "functions", "document.querySelector('#functions tr.function[data-function=score] "
                  "td.concurrent').textContent === '1,000'")
            check(page, "workers", "document.querySelector('#workers-busy').textContent === '1,002'")
            check(page, "deliveries", "document.querySelector('#deliveries-dead-lettered').textContent === '1'")
            check(page, "failures", "document.querySelectorAll('#recent-failures tr.failure a').length === 10")
            check(page, "recent", "document.querySelectorAll('#recent-executions tr.execution').length === 20")
            check(page, "chart", "+document.querySelector('svg.chart[data-series=concurrency]').dataset.points > 500")
            page.screenshot(os.path.join(SHOTS, "overview.png"))
            page.eval("window.__marker = 1; window.scrollTo(0, 300)")
            overview["executions"]["RUNNING"] = 1234
            overview["mapRuns"][0]["itemCounts"]["succeeded"] += 500
            json.dump(overview, open(os.path.join(folder, "overview.json"), "w"))
            check(page, "live update without reload", "document.querySelector('#exec-count-RUNNING').textContent"
                  " === '1,234' && window.__marker === 1")
            check(page, "scroll kept", "window.scrollY === 300")

            print("map run (running)")
            visit(page, base + "#/map-runs/" + q(running["mapRunArn"], safe=""))
            check(page, "counters", f"document.querySelector('#item-count-total').textContent === '227,000'")
            check(page, "execution counts", "document.querySelector('#execution-count-running').textContent "
                  "=== '1,000'")
            check(page, "progress", "+document.querySelector('#map-run-progress').dataset.total === 227000")
            check(page, "running chart", "+document.querySelector('svg.chart[data-series=running]').dataset.points"
                  " === 1760")
            check(page, "gap", "document.querySelectorAll('svg.chart[data-series=running] path.series').length === 2")
            check(page, "items chart", "document.querySelector('svg.chart[data-series=items-per-second]')")
            check(page, "concurrency chart", "document.querySelector('#chart-concurrency svg.chart')")
            check(page, "failures", "document.querySelectorAll('#map-run-failures tr.failure').length === 100")
            check(page, "stop enabled", "!document.querySelector('#stop').disabled")
            check(page, "redrive disabled", "document.querySelector('#redrive').disabled")
            check(page, "form filled", "document.querySelector('#max-concurrency').value === '1000'")
            page.screenshot(os.path.join(SHOTS, "map-run.png"))
            doc = json.load(open(os.path.join(folder, "map-run-running.json")))
            doc["describe"]["itemCounts"]["succeeded"] += 1234
            doc["samples"].append({**doc["samples"][-1], "t": doc["samples"][-1]["t"] + 1})
            json.dump(doc, open(os.path.join(folder, "map-run-running.json"), "w"))
            check(page, "live update", "document.querySelector('#item-count-succeeded').textContent === "
                  f"'{doc['describe']['itemCounts']['succeeded']:,}' && "
                  "+document.querySelector('svg.chart[data-series=running]').dataset.points === 1761")
            page.eval("document.querySelector('#max-concurrency').value = '-1';"
                      "document.querySelector('#max-concurrency').dispatchEvent(new Event('input'))")
            click(page, "#update-map-run button[type=submit]")
            check(page, "4xx shown", "document.querySelector('#update-message.error')?.textContent"
                  ".includes('ValidationException')")
            page.screenshot(os.path.join(SHOTS, "map-run-update-error.png"))
            page.eval("document.querySelector('#max-concurrency').value = '500'")
            click(page, "#update-map-run button[type=submit]")
            check(page, "update ok", "document.querySelector('#update-message.ok')")
            click(page, "#stop")
            check(page, "stop ok", "document.querySelector('#action-message.ok')?.textContent === 'Stop requested.'")
            posts = json.load(urllib.request.urlopen(base + "_fixture/posts"))
            ok = posts[-1] == {"path": "/_sluice/api/stop-execution", "body": {"executionArn": running["executionArn"]}}
            ok = ok and posts[-2]["body"] == {"mapRunArn": running["mapRunArn"], "maxConcurrency": 500,
                                              "toleratedFailurePercentage": 5, "toleratedFailureCount": 0}
            print(f"  {'ok  ' if ok else 'FAIL'} posts {posts[-2:]}")
            if not ok: failures.append("posts")

            print("map run (failed)")
            visit(page, base + "#/map-runs/" + q(failed_run["mapRunArn"], safe=""))
            check(page, "redrive enabled", "document.querySelector('#redrive') && "
                  "!document.querySelector('#redrive').disabled")
            check(page, "stop disabled", "document.querySelector('#stop').disabled")
            check(page, "result files", "document.querySelectorAll('#result-files tbody tr[data-key]').length === 3")
            page.screenshot(os.path.join(SHOTS, "map-run-failed.png"))
            click(page, "#redrive")
            check(page, "redrive ok",
                  "document.querySelector('#action-message.ok')?.textContent === 'Redrive requested.'")
            posts = json.load(urllib.request.urlopen(base + "_fixture/posts"))
            ok = posts[-1] == {"path": "/_sluice/api/redrive-execution",
                               "body": {"executionArn": failed_run["executionArn"]}}
            print(f"  {'ok  ' if ok else 'FAIL'} redrive posted {posts[-1]}")
            if not ok: failures.append("redrive post")

            print("execution (failed)")
            visit(page, base + "#/executions/" + q(failed_exec["executionArn"], safe=""))
            check(page, "status", "document.querySelector('#execution-status .status.FAILED')")
            check(page, "graph", "document.querySelectorAll('#execution-graph svg .state').length === 4")
            check(page, "states", "document.querySelectorAll('#execution-states tr.state').length === 4 && "
                  "document.querySelector('#execution-states tr[data-state=ScoreEach]').dataset.status === 'FAILED'")
            check(page, "events", "document.querySelectorAll('#events tr.event').length === 10")
            check(page, "input",
                  "document.querySelector('#execution-input').textContent.includes('\"bucket\": \"drops\"')")
            check(page, "map run link", "document.querySelector('#execution-map-runs a')")
            check(page, "redrive enabled", "!document.querySelector('#redrive').disabled")
            click(page, "#events tr.event button.toggle")
            check(page, "details", "document.querySelector('#events tr.event-details pre').textContent"
                  ".includes('executionStartedEventDetails')")
            page.screenshot(os.path.join(SHOTS, "execution.png"))

            print("execution (running)")
            visit(page, base + "#/executions/" + q(running["executionArn"], safe=""))
            check(page, "stop enabled", "!document.querySelector('#stop').disabled")
            click(page, "#stop")
            check(page, "stop ok", "document.querySelector('#action-message.ok')")

            print("function")
            for rng, points in ((3600, 3600), (21600, 360), (86400, 1440), (604800, 9_000)):
                visit(page, base + f"#/functions/score?range={rng}")
                check(page, f"range {rng}", f"document.querySelector('#range-picker button.selected')?.dataset.range"
                      f" === '{rng}' && +document.querySelector('svg.chart[data-series=concurrency]')?.dataset.points"
                      f" >= {points}")
                for series in ("invocations", "errors", "throttles", "duration"):
                    check(page, f"  {series}", f"document.querySelector('svg.chart[data-series={series}]')")
                page.screenshot(os.path.join(SHOTS, f"function-{rng}.png"))
            visit(page, base + "#/functions/idle")
            check(page, "no samples",
                  "document.querySelector('svg.chart[data-series=concurrency]')?.dataset.points === '0'"
                  " && document.querySelector('svg.chart .no-data')")
            page.screenshot(os.path.join(SHOTS, "function-idle.png"))
            click(page, "#range-picker button[data-range='3600']")
            check(page, "picker click", "location.hash.endsWith('range=3600')")

            print("executions list")
            visit(page, base)
            click(page, "#exec-count-FAILED")
            check(page, "filtered", "location.hash === '#/executions?status=FAILED' && "
                  "document.querySelectorAll('#execution-list tr.execution').length === 19 && "
                  "[...document.querySelectorAll('#execution-list .status')]"
                  ".every(s => s.classList.contains('FAILED'))")
            visit(page, base + "#/executions")
            check(page, "first page", "document.querySelectorAll('#execution-list tr.execution').length === 50")
            click(page, "#load-more")
            check(page, "more", "document.querySelectorAll('#execution-list tr.execution').length === 100")
            page.eval("window.scrollTo(0, 0)")
            page.screenshot(os.path.join(SHOTS, "executions.png"))

            print("no login")
            urllib.request.urlopen(base + "_fixture/login?on=0")
            visit(page, base)
            check(page, "login notice", "document.querySelector('#login-notice') && "
                  "!document.querySelector('#overview') && document.querySelector('#app').children.length === 1")
            visit(page, base + "#/map-runs/" + q(running["mapRunArn"], safe=""))
            check(page, "login notice on map run", "document.querySelector('#login-notice') && "
                  "!document.querySelector('#map-run')")
            page.screenshot(os.path.join(SHOTS, "login.png"))
            thrown = errors(browser)
            print(f"  {'ok  ' if not thrown else 'FAIL'} no script errors {thrown}")
            if thrown: failures.append("script errors")
    finally:
        server.terminate()
        shutil.rmtree(folder, ignore_errors=True)
    print("FAILED: " + ", ".join(failures) if failures else "all pages ok")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
