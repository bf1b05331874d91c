#!/usr/bin/env python3
"""Serves the dashboard's pages against fixture JSON, for working on the pages without a sluiced.

    python3 .ci/dashboard-fixtures.py [--port 4599] [--fixtures DIR] [--unauthorized]

The assets come straight from the Swift files that embed them (Sources/SluiceDaemon/Dashboard/Assets/), read
on every request, so an edit shows on the next reload without a build: each `static let source` raw string
is cut out with its indentation removed as Swift removes it, and the script's pieces are joined in the order
DashboardAssets.scriptPieces lists them. The API answers follow issue 17's contract from the fixtures (also read
on every request, so a test can change one between polls):
  overview.json; map-run-running.json / map-run-failed.json (by mapRunArn); execution-running.json /
  execution-failed.json (by executionArn); function-NAME-hour.json (range up to 2 h) / function-NAME-week.json,
  cut to the range asked; executions.json filtered by status and stateMachine, 50 a page (nextToken an offset).
POSTs need `X-Sluice-CSRF: fixture-csrf-token` (403 otherwise) and are recorded: GET /_fixture/posts lists them.
update-map-run answers 400 ValidationException for a negative MaxConcurrency or a percentage over 100.
GET /_fixture/login?on=0|1 turns the login off and on (off: every API answers 401).
"""
import argparse, json, os, re, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
ASSETS = os.path.join(ROOT, "Sources", "SluiceDaemon", "Dashboard", "Assets")
CSRF = "fixture-csrf-token"
SOURCE = re.compile(r'static let source = #"""\n(.*?)\n([ \t]*)"""#', re.S)


def swift_source(type_name):
    """The raw string of `enum TYPE { static let source = ... }`, indentation stripped as Swift does."""
    with open(os.path.join(ASSETS, type_name + ".swift")) as f:
        m = SOURCE.search(f.read())
    body, indent = m.group(1), m.group(2)
    lines = body.split("\n")
    for number, line in enumerate(lines):
        # Swift refuses a line (even of spaces only) indented less than the closing delimiter: so does this.
        if line and not line.startswith(indent):
            raise ValueError(f"{type_name}.swift: line {number + 1} of the string is indented less than its end")
    return "\n".join(line[len(indent):] for line in lines)


def script():
    with open(os.path.join(ASSETS, "DashboardAssets.swift")) as f:
        text = f.read()
    listing = text[text.index("scriptPieces"):text.index("]", text.index("scriptPieces: [String] = [") + 30)]
    pieces = [swift_source(name) for name in re.findall(r"(\w+)\.source", listing)]
    return '"use strict";\n(() => {\n' + "\n".join(pieces) + "\n})();\n"


class State:
    logged_in = True
    posts = []
    fixtures = os.path.join(ROOT, "Tests", "SluiceDaemonTests", "DashboardFixtures")


def fixture(name):
    path = os.path.join(State.fixtures, name)
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send(self, status, body, content_type="application/json"):
        data = body if isinstance(body, bytes) else (
            body.encode() if isinstance(body, str) else json.dumps(body).encode())
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urlparse(self.path)
        q = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path == "/":
            return self.send(200, swift_source("DashboardPage"), "text/html; charset=utf-8")
        if url.path == "/_sluice/app.js":
            return self.send(200, script(), "text/javascript; charset=utf-8")
        if url.path == "/_sluice/app.css":
            return self.send(200, swift_source("DashboardStyles"), "text/css; charset=utf-8")
        if url.path == "/_fixture/login":
            State.logged_in = q.get("on", "1") == "1"
            return self.send(200, {"loggedIn": State.logged_in})
        if url.path == "/_fixture/posts":
            return self.send(200, State.posts)
        if not url.path.startswith("/_sluice/api/"):
            return self.send(404, {"error": "NotFound"})
        if not State.logged_in:
            return self.send(401, {"error": "log in with `sluice dashboard`"})
        route = url.path[len("/_sluice/api/"):]
        body = None
        if route == "overview":
            body = fixture("overview.json")
        elif route == "map-run":
            body = fixture("map-run-running.json")
            if body and body["describe"]["mapRunArn"] != q.get("mapRunArn"):
                body = fixture("map-run-failed.json")
                if body and body["describe"]["mapRunArn"] != q.get("mapRunArn"):
                    body = None
        elif route == "execution":
            body = fixture("execution-running.json")
            if body and body["describe"]["executionArn"] != q.get("executionArn"):
                body = fixture("execution-failed.json")
        elif route == "executions":
            listed = [e for e in fixture("executions.json")["executions"]
                      if q.get("status") in (None, e["status"]) and q.get("stateMachine") in (None, e["stateMachine"])]
            start = int(q.get("nextToken", "0"))
            body = {"executions": listed[start:start + 50]}
            if start + 50 < len(listed):
                body["nextToken"] = str(start + 50)
        elif route == "function":
            span = int(q.get("range", "3600"))
            body = fixture(f"function-{q.get('name')}-{'hour' if span <= 7200 else 'week'}.json")
            if body:
                end = max((s["t"] for s in body["samples"]), default=0) + body["step"]
                body["samples"] = [s for s in body["samples"] if s["t"] >= end - span]
        if body is None:
            return self.send(404, {"error": "ResourceNotFound", "message": f"no fixture for {self.path}"})
        return self.send(200, body)

    def do_POST(self):
        url = urlparse(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        payload = json.loads(self.rfile.read(length) or b"{}")
        if not State.logged_in:
            return self.send(401, {"error": "log in with `sluice dashboard`"})
        if self.headers.get("X-Sluice-CSRF") != CSRF:
            return self.send(403, {"error": "Forbidden", "message": "missing or wrong X-Sluice-CSRF"})
        State.posts.append({"path": url.path, "body": payload})
        if url.path == "/_sluice/api/update-map-run":
            if payload.get("maxConcurrency", 0) < 0 or payload.get("toleratedFailurePercentage", 0) > 100:
                return self.send(400, {"error": "ValidationException",
                                       "message": "1 validation error detected: maxConcurrency must be >= 0"})
        if url.path not in ("/_sluice/api/stop-execution", "/_sluice/api/redrive-execution",
                            "/_sluice/api/update-map-run"):
            return self.send(404, {"error": "NotFound"})
        return self.send(200, {})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=4599)
    parser.add_argument("--fixtures", default=State.fixtures)
    parser.add_argument("--unauthorized", action="store_true")
    args = parser.parse_args()
    State.fixtures, State.logged_in = args.fixtures, not args.unauthorized
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    print(f"dashboard fixtures on http://127.0.0.1:{args.port}/", file=sys.stderr, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
