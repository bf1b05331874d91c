#!/usr/bin/env python3
"""The dashboard in a real browser against a real sluiced: headless Chromium (Debian's) driven over the DevTools
protocol with ../shared/browser/cdp.py, during and after a 227,000-company run of the shipped pipeline.

    python3 Tests/Browser/dashboard.py --bin .build/debug [--shared ../shared] [--shots .build/screenshots]

What it shows, each with a screenshot under --shots for a person to look at:
- a page without a login shows the login notice and no data;
- `sluice dashboard`'s URL logs in; the overview's counters change while the run goes, without a reload;
- the map run's page shows DescribeMapRun's counters exactly (`sluice map-runs describe --json`), and its
  concurrency graph has a point for every second of the run;
- the execution's graph shows every state of `score-companies` with its status;
- Stop on an execution's page stops it (sluice.db says ABORTED);
- the function page draws `score`'s graphs.
Exits 1 with the failed checks listed; Chromium's console errors count as failures.
"""
import argparse
import calendar
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
COMPANIES = 227_000
PAUSE = '{"StartAt": "Pause", "States": {"Pause": {"Type": "Wait", "Seconds": 3600, "End": true}}}'
failures = []


def check(what, ok, detail=""):
    print(("  ok   " if ok else "  FAIL ") + what + ("" if ok else f": {detail}"), flush=True)
    if not ok:
        failures.append(what)


def wait(page, what, js, timeout=60):
    try:
        page.wait_for(js, timeout=timeout)
        check(what, True)
        return True
    except TimeoutError:
        check(what, False, js)
        return False


class Daemon:
    """sluiced on a temporary root holding the shipped configuration, its API on a port of the system's choice."""

    def __init__(self, binaries):
        self.bin = binaries
        self.root = tempfile.mkdtemp(prefix="sluice-browser-")
        shutil.copytree(os.path.join(REPO, "etc", "sluice"), os.path.join(self.root, "etc", "sluice"))
        with open(os.path.join(self.root, "etc", "sluice", "sluiced.json"), "w") as f:
            json.dump({"Api": {"Listen": "127.0.0.1:0"}}, f)
        with open(os.path.join(self.root, "etc", "sluice", "state-machines", "pause.asl.json"), "w") as f:
            f.write(PAUSE)
        self.log = open(os.path.join(self.root, "sluiced.log"), "w")
        self.process = subprocess.Popen([os.path.join(binaries, "sluiced"), "--root", self.root],
                                        stdout=self.log, stderr=subprocess.STDOUT)
        endpoint_file = os.path.join(self.root, "run", "sluice", "api-endpoint")
        deadline = time.time() + 60
        while not os.path.exists(endpoint_file):
            if time.time() > deadline or self.process.poll() is not None:
                raise SystemExit("sluiced did not start its API; its log: " + self.root + "/sluiced.log")
            time.sleep(0.1)
        self.endpoint = open(endpoint_file).read().strip()

    def sluice(self, *arguments):
        run = subprocess.run([os.path.join(self.bin, "sluice"), *arguments, "--root", self.root],
                             capture_output=True, text=True, timeout=120)
        if run.returncode != 0:
            raise SystemExit(f"sluice {' '.join(arguments)}: {run.stderr}")
        return run.stdout

    def drop(self, csv):
        folder = os.path.join(self.root, "var", "lib", "sluice", "buckets", "inbox", "companies")
        os.makedirs(folder, exist_ok=True)
        shutil.copy(csv, os.path.join(folder, ".companies.csv.part"))
        os.rename(os.path.join(folder, ".companies.csv.part"), os.path.join(folder, "companies.csv"))

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def anonymous_page(browser, cdp, url):
    """A tab in a browser context of its own: no cookie of the logged-in tab reaches it."""
    context = browser.call("Target.createBrowserContext")["browserContextId"]
    target = browser.call("Target.createTarget", url="about:blank", browserContextId=context)["targetId"]
    session = browser.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
    page = cdp.Page(browser, session)
    browser.call("Page.enable", session=session)
    page.goto(url, 30)
    return page


def go(page, route):
    """A route of the page's own (a hash change: no reload, so no load event to wait for)."""
    page.eval(f"location.hash = {json.dumps(route)}")


def number(page, selector):
    text = page.eval(f"(document.querySelector({json.dumps(selector)}) || {{}}).textContent")
    try:
        return int((text or "").replace(",", "").strip())
    except ValueError:
        return None


def console_errors(browser):
    found = [e for e in browser.events if e.get("method") == "Runtime.exceptionThrown"]
    browser.events = [e for e in browser.events if e.get("method") != "Runtime.exceptionThrown"]
    return [e["params"]["exceptionDetails"].get("exception", {}).get("description", "?") for e in found]


def watch_the_run(page, daemon, shots):
    """Drops the companies and watches the overview until the execution succeeded, reading its counters every
    200 ms; the page must update them in place (a marker set in the window survives) and show the run moving."""
    page.eval("window.__sluiceTestMarker = 'still the same page'")
    daemon.drop(daemon.csv)
    seen, shot, deadline = [], False, time.time() + 600
    while time.time() < deadline:
        state = page.eval("""(() => {
            const bar = document.querySelector('#map-runs tr.map-run .progress .bar');
            const text = (id) => (document.querySelector(id) || {}).textContent || '';
            return [text('#exec-count-RUNNING'), text('#exec-count-SUCCEEDED'),
                    bar ? bar.getAttribute('data-done') : null, bar ? bar.getAttribute('data-total') : null];
        })()""")
        if not seen or seen[-1] != state:
            seen.append(state)
        if not shot and state[0].strip() == "1" and state[2] not in (None, "0"):
            page.screenshot(os.path.join(shots, "overview-running.png"))
            shot = True
        if state[1].strip() == "1" and state[2] == str(COMPANIES):
            break
        time.sleep(0.2)
    print(f"       the overview showed {len(seen)} states: {seen[:8]}{' ...' if len(seen) > 8 else ''}")
    check("the run ends SUCCEEDED on the overview", seen and seen[-1][1].strip() == "1", seen[-1:] or "nothing")
    check("the overview's counters changed without a reload",
          len(seen) >= 2 and page.eval("window.__sluiceTestMarker") == "still the same page", seen)
    check("the overview showed the run while it ran", any(s[0].strip() == "1" for s in seen), seen)


def map_run_page(page, daemon, shots):
    arn = page.eval("document.querySelector('#map-runs tr.map-run').getAttribute('data-map-run-arn')")
    go(page, "#/map-runs/" + urllib.parse.quote(arn, safe=""))
    wait(page, "the map run's page shows its counters", "document.querySelector('#item-count-succeeded') && "
         f"document.querySelector('#item-count-succeeded').textContent.replace(/,/g, '') === '{COMPANIES}'")
    described = json.loads(daemon.sluice("map-runs", "describe", arn, "--json"))
    for group, prefix in (("itemCounts", "item-count"), ("executionCounts", "execution-count")):
        for field, value in described[group].items():
            shown = number(page, f"#{prefix}-{field}")
            check(f"map run {group}.{field} = DescribeMapRun's {value}", shown == value, f"page shows {shown}")
    start = calendar.timegm(time.strptime(described["startDate"][:19], "%Y-%m-%dT%H:%M:%S"))
    stop = calendar.timegm(time.strptime(described["stopDate"][:19], "%Y-%m-%dT%H:%M:%S"))
    seconds = int(stop - start)
    wait(page, "the map run's graphs are drawn", "!!document.querySelector('svg.chart[data-series=running]')")
    points = page.eval("+document.querySelector('svg.chart[data-series=running]').getAttribute('data-points')")
    check(f"the running-children graph has a point per second of the {seconds + 1}-second run",
          points is not None and points >= seconds, f"{points} points")
    manifest = page.eval("""(async () => {
        const link = Array.from(document.querySelectorAll('#result-files a.result-file'))
            .find((a) => a.textContent.endsWith('manifest.json'));
        if (!link) return null;
        const response = await fetch(link.href);
        return [response.status, JSON.parse(await response.text()).MapRunArn];
    })()""")
    check("the map run's manifest downloads from its result-file link", manifest == [200, arn], manifest)
    page.screenshot(os.path.join(shots, "map-run.png"))


def execution_page(page, daemon, shots, execution_arn):
    go(page, "#/executions/" + urllib.parse.quote(execution_arn, safe=""))
    if not wait(page, "the execution's graph is drawn", "!!document.querySelector('#execution-graph svg g.state')"):
        return
    definition = json.load(open(os.path.join(daemon.root, "etc", "sluice", "state-machines",
                                             "score-companies.asl.json")))
    drawn = page.eval("""Object.fromEntries(Array.from(document.querySelectorAll('#execution-graph svg g.state'))
        .map((g) => [g.getAttribute('data-state'), g.getAttribute('class')]))""")
    for name in definition["States"]:
        check(f"the graph shows state '{name}' as succeeded", "status-succeeded" in (drawn.get(name) or ""),
              drawn.get(name))
    check("the execution page says SUCCEEDED", page.eval("!!document.querySelector('#execution-status .status.SUCCEEDED')"))
    page.screenshot(os.path.join(shots, "execution.png"))


def stop_from_the_page(page, daemon, shots):
    started = json.loads(daemon.sluice("start-execution", "pause", "--json"))
    arn = started["executionArn"]
    deadline = time.time() + 60
    while time.time() < deadline and json.loads(daemon.sluice("executions", "describe", arn, "--json"))[
            "status"] != "RUNNING":
        time.sleep(0.2)
    go(page, "#/executions/" + urllib.parse.quote(arn, safe=""))
    if not wait(page, "a running execution's page offers Stop", "document.querySelector('#stop') && "
                "!document.querySelector('#stop').disabled && "
                "!!document.querySelector('#execution-status .status.RUNNING')"):
        return
    page.eval("document.querySelector('#stop').scrollIntoView({block: 'center'})")
    page.click("#stop")
    wait(page, "the page shows the execution ABORTED",
         "!!document.querySelector('#execution-status .status.ABORTED')", timeout=60)
    status = json.loads(daemon.sluice("executions", "describe", arn, "--json"))["status"]
    check("Stop from the page stopped the execution (sluice.db says ABORTED)", status == "ABORTED", status)
    page.screenshot(os.path.join(shots, "stopped.png"))


def metrics_agree(daemon):
    """/metrics parsed with prometheus_client's text-format parser; its counters equal what sluice.db says."""
    import urllib.request
    from prometheus_client.parser import text_string_to_metric_families
    values = {}
    def scrape():
        text = urllib.request.urlopen(daemon.endpoint + "/metrics", timeout=30).read().decode()
        values.clear()
        for family in text_string_to_metric_families(text):
            for sample in family.samples:
                values[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    def metric(name, **labels):
        return values.get((name, tuple(sorted(labels.items()))))
    succeeded = len(json.loads(daemon.sluice("executions", "list", "--state-machine", "score-companies",
                                             "--status", "SUCCEEDED", "--json"))["executions"])
    runs = json.loads(daemon.sluice("map-runs", "list", "--json"))["mapRuns"]
    items = sum(json.loads(daemon.sluice("map-runs", "describe", run["mapRunArn"], "--json"))["itemCounts"]
                ["succeeded"] for run in runs)
    children = sum(json.loads(daemon.sluice("map-runs", "describe", run["mapRunArn"], "--json"))["executionCounts"]
                   ["total"] for run in runs)
    # The function counters are brought up to date by the sampler each second: a scrape lags by up to a second.
    deadline = time.time() + 10
    scrape()
    while metric("sluice_function_invocations_total", function="score") != children and time.time() < deadline:
        time.sleep(0.5)
        scrape()
    check(f"/metrics: executions succeeded = sluice.db's {succeeded}",
          metric("sluice_executions_succeeded_total", state_machine="score-companies") == succeeded,
          metric("sluice_executions_succeeded_total", state_machine="score-companies"))
    check(f"/metrics: map-run items processed = DescribeMapRun's {items}",
          metric("sluice_map_run_items_processed_total", state_machine="score-companies") == items,
          metric("sluice_map_run_items_processed_total", state_machine="score-companies"))
    check(f"/metrics: score's invocations = the map run's {children} child executions",
          metric("sluice_function_invocations_total", function="score") == children,
          metric("sluice_function_invocations_total", function="score"))


def function_page(page, shots):
    go(page, "#/functions/score")
    wait(page, "the function page draws score's concurrency",
         "+(document.querySelector('svg.chart[data-series=concurrency]') || {getAttribute: () => 0})"
         ".getAttribute('data-points') > 0")
    page.screenshot(os.path.join(shots, "function.png"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=os.path.join(REPO, ".build", "debug"))
    parser.add_argument("--shared", default=os.path.join(REPO, "..", "shared"))
    parser.add_argument("--shots", default=os.path.join(REPO, ".build", "screenshots"))
    args = parser.parse_args()
    sys.path.insert(0, os.path.join(args.shared, "browser"))
    import cdp
    os.makedirs(args.shots, exist_ok=True)
    daemon = Daemon(args.bin)
    try:
        daemon.csv = os.path.join(daemon.root, "companies.csv")
        subprocess.run([sys.executable, os.path.join(REPO, "etc", "sluice", "examples", "generate-companies.py"),
                        str(COMPANIES), daemon.csv], check=True, stdout=subprocess.DEVNULL)
        with cdp.Chromium(size="1280,900") as browser:
            anonymous = anonymous_page(browser, cdp, daemon.endpoint + "/")
            wait(anonymous, "without a login the page shows the login notice", "!!document.querySelector('#login-notice')")
            check("without a login the page shows no data",
                  anonymous.eval("!document.querySelector('#overview') && !document.querySelector('#exec-count-RUNNING')"))
            anonymous.screenshot(os.path.join(args.shots, "login-notice.png"))
            login = daemon.sluice("dashboard").strip()
            page = browser.open(login, 30)
            wait(page, "the login URL opens the overview", "!!document.querySelector('#exec-count-SUCCEEDED')")
            browser.call("Runtime.enable", session=page.session)
            watch_the_run(page, daemon, args.shots)
            page.screenshot(os.path.join(args.shots, "overview.png"))
            execution_arn = json.loads(daemon.sluice("executions", "list", "--state-machine", "score-companies", "--json"))["executions"][0]["executionArn"]
            map_run_page(page, daemon, args.shots)
            metrics_agree(daemon)
            execution_page(page, daemon, args.shots, execution_arn)
            stop_from_the_page(page, daemon, args.shots)
            function_page(page, args.shots)
            for error in console_errors(browser):
                check("no script error in the page", False, error)
    finally:
        daemon.stop()
        if failures:
            print(f"sluiced's root kept for a look: {daemon.root}")
        else:
            shutil.rmtree(daemon.root, ignore_errors=True)
    print(f"dashboard in Chromium: {'FAILED: ' + ', '.join(failures) if failures else 'all checks passed'}; "
          f"screenshots in {args.shots}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
