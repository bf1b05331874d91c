import Foundation
import SluiceEngine
import SluiceStore
import SluiceTesting
import SluiceVocabulary
import Testing

/// Who may look at the dashboard and change things from it: a one-time login from `sluice dashboard` gives an
/// HttpOnly, SameSite=Strict session; without it the JSON answers 401; a change needs the session's CSRF token in
/// a header and a JSON body; `/metrics` is open on loopback.
@Suite struct DashboardAccessTests {
    /// Raw HTTP with http.client, so that the test decides every header and sees every answer as sent.
    static let rawClient = """
        import http.client, json, os, sys, urllib.parse
        endpoint = urllib.parse.urlparse(os.environ["AWS_ENDPOINT_URL"])
        def send(method, path, headers=None, body=None):
            connection = http.client.HTTPConnection(endpoint.hostname, endpoint.port, timeout=60)
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read()

        """

    /// A login URL's path as `sluice dashboard` makes it, from the credentials file sluiced wrote.
    static func loginPath(root: DaemonRoot, issued: Int64 = Int64(Date().timeIntervalSince1970)) throws -> String {
        let text = try String(contentsOfFile: root.paths.credentials, encoding: .utf8)
        let key = try #require(CredentialsFile.keys(text).first)
        let claims = DashboardToken.Claims(
            accessKeyId: key.accessKeyId,
            user: "tester",
            time: issued,
            nonce: UUID().uuidString.replacingOccurrences(of: "-", with: "")
        )
        return "/_sluice/login?token=" + DashboardToken.login(claims, secret: key.secretAccessKey)
    }

    @Test func aLoginGivesASessionAndChangesNeedItsCsrfToken() async throws {
        let root = try DaemonRoot()
        try root.apiMachines()
        try root.write("etc/sluice/buckets/inbox.json", "{}")
        try root.write("var/lib/sluice/buckets/inbox/notes/a.txt", "hello")
        try await InProcessDaemon.run(on: root) { _ in
            let client = AWSClient(root: root.path)
            let started = try await client.aws([
                "stepfunctions", "start-execution", "--name", "long",
                "--state-machine-arn", "arn:aws:states:local:000000000000:stateMachine:wait",
            ])
            #expect(started.status == 0, "\(started.errors)")
            let arn = "arn:aws:states:local:000000000000:execution:wait:long"
            try await eventually("the execution runs", within: .seconds(20)) { root.execution(arn)?.status == .running }
            let run = try await client.python(
                Self.rawClient + """
                    login, execution, stale = sys.argv[1], sys.argv[2], sys.argv[3]
                    results = {}
                    results["noLogin"] = send("GET", "/_sluice/api/overview")[0]
                    results["fileNoLogin"] = send("GET", "/_sluice/files/inbox/a.txt")[0]
                    status, headers, page = send("GET", "/")
                    results["page"] = [status, headers.get("Content-Security-Policy", "").startswith("default-src 'none'")]
                    results["stale"] = send("GET", stale)[0]
                    status, headers, _ = send("GET", login)
                    cookie = headers.get("Set-Cookie", "")
                    results["login"] = [status, headers.get("Location"), "HttpOnly" in cookie, "SameSite=Strict" in cookie]
                    results["again"] = send("GET", login)[0]
                    session = cookie.split(";")[0]
                    status, _, body = send("GET", "/_sluice/api/overview", {"Cookie": session})
                    overview = json.loads(body)
                    results["overview"] = [status, overview["user"], overview["executions"]["RUNNING"]]
                    csrf = overview["csrf"]
                    forged = session[:-4] + ("0000" if not session.endswith("0000") else "1111")
                    results["forged"] = send("GET", "/_sluice/api/overview", {"Cookie": forged})[0]
                    stop = json.dumps({"executionArn": execution, "cause": "stopped from the dashboard"})
                    json_headers = {"Cookie": session, "Content-Type": "application/json"}
                    results["noCsrf"] = send("POST", "/_sluice/api/stop-execution", json_headers, stop)[0]
                    results["wrongCsrf"] = send("POST", "/_sluice/api/stop-execution", dict(json_headers, **{"X-Sluice-CSRF": "0" * 64}), stop)[0]
                    form = {"Cookie": session, "Content-Type": "text/plain", "X-Sluice-CSRF": csrf}
                    results["form"] = send("POST", "/_sluice/api/stop-execution", form, stop)[0]
                    with_csrf = dict(json_headers, **{"X-Sluice-CSRF": csrf})
                    results["otherOrigin"] = send("POST", "/_sluice/api/stop-execution", dict(with_csrf, Origin="http://evil.example"), stop)[0]
                    unknown = json.dumps({"executionArn": execution + "-nope"})
                    status, _, body = send("POST", "/_sluice/api/stop-execution", with_csrf, unknown)
                    results["unknown"] = [status, json.loads(body).get("error")]
                    results["stop"] = send("POST", "/_sluice/api/stop-execution", with_csrf, stop)[0]
                    status, _, body = send("GET", "/_sluice/api/execution?executionArn=" + urllib.parse.quote(execution), {"Cookie": session})
                    results["execution"] = [status, json.loads(body)["describe"]["status"]]
                    status, headers, body = send("GET", "/_sluice/files/inbox/notes/a.txt", {"Cookie": session})
                    results["file"] = [status, body.decode(), headers.get("Content-Disposition")]
                    results["fileMissing"] = send("GET", "/_sluice/files/inbox/nope.txt", {"Cookie": session})[0]
                    results["fileEscape"] = send("GET", "/_sluice/files/inbox/..%2F..%2Fcredentials", {"Cookie": session})[0]
                    status, headers, body = send("GET", "/metrics")
                    results["metrics"] = [status, headers.get("Content-Type", "")]
                    print(json.dumps(results))
                    """,
                arguments: [
                    try Self.loginPath(root: root), arn,
                    try Self.loginPath(root: root, issued: Int64(Date().timeIntervalSince1970) - 600),
                ]
            )
            let results = try #require(run.json as? [String: Any], "\(run.output) \(run.errors)")
            #expect(results["noLogin"] as? Int == 401)
            #expect(results["fileNoLogin"] as? Int == 401)
            #expect("\(results["file"] ?? "")" == #"[200, "hello", "attachment; filename=\"a.txt\""]"#)
            #expect(results["fileMissing"] as? Int == 404)
            #expect(results["fileEscape"] as? Int == 404)
            #expect("\(results["page"] ?? "")" == "[200, 1]")
            #expect(results["stale"] as? Int == 403)
            #expect("\(results["login"] ?? "")" == #"[303, "/", 1, 1]"#)
            #expect(results["again"] as? Int == 403)
            #expect("\(results["overview"] ?? "")" == "\([200, "tester", 1] as [Any])")
            #expect(results["forged"] as? Int == 401)
            #expect(results["noCsrf"] as? Int == 403)
            #expect(results["wrongCsrf"] as? Int == 403)
            #expect(results["form"] as? Int == 415)
            #expect(results["otherOrigin"] as? Int == 403)
            #expect("\(results["unknown"] ?? "")" == "\([400, "ExecutionDoesNotExist"] as [Any])")
            #expect(results["stop"] as? Int == 200)
            #expect((results["metrics"] as? [Any])?.first as? Int == 200)
            try await eventually("the execution is stopped", within: .seconds(20)) {
                root.execution(arn)?.status == .aborted
            }
            #expect(root.execution(arn)?.cause == "stopped from the dashboard")
        }
    }

    @Test func metricsOffTheMachineNeedTheBearerToken() async throws {
        let root = try DaemonRoot()
        var settings = SluiceSettings.testing
        settings.api.listen = "0.0.0.0:0"
        settings.api.metricsToken = "scrape-me-please-0123456789"
        try await InProcessDaemon.run(on: root, settings: settings) { _ in
            let run = try await AWSClient(root: root.path).python(
                Self.rawClient + """
                    import socket
                    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                    try:
                        probe.connect(("10.255.255.255", 1))
                        address = probe.getsockname()[0]
                    except OSError:
                        address = "127.0.0.1"
                    def scrape(host, headers):
                        connection = http.client.HTTPConnection(host, endpoint.port, timeout=60)
                        connection.request("GET", "/metrics", headers=headers)
                        response = connection.getresponse()
                        response.read()
                        return response.status
                    token = {"Authorization": "Bearer scrape-me-please-0123456789"}
                    print(json.dumps({
                        "remote": not address.startswith("127."),
                        "loopback": scrape("127.0.0.1", {}),
                        "bare": scrape(address, {}),
                        "wrong": scrape(address, {"Authorization": "Bearer not-the-token-at-all"}),
                        "token": scrape(address, token),
                    }))
                    """
            )
            let results = try #require(run.json as? [String: Any], "\(run.output) \(run.errors)")
            #expect(results["loopback"] as? Int == 200)
            // A machine with no address but loopback cannot show the rest.
            guard results["remote"] as? Bool == true else { return }
            #expect(results["bare"] as? Int == 401)
            #expect(results["wrong"] as? Int == 401)
            #expect(results["token"] as? Int == 200)
        }
    }
}
