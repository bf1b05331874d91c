import Foundation
import SluiceStore
import SluiceTesting
import Testing

/// Who may drive sluiced: only requests signed with a key it knows, sent to its own address, within AWS's clock
/// skew, of sizes and shapes it accepts. Every refusal is AWS's error, nothing is written, and sluiced goes on.
@Suite struct APISecurityTests {
    /// Raw HTTP requests built and signed with botocore's own signer (or not signed at all), sent with http.client
    /// so that the test decides every header.
    static let rawClient = """
        import http.client, json, os, sys, urllib.parse
        import botocore.session
        from botocore.auth import SigV4Auth
        from botocore.awsrequest import AWSRequest
        from botocore.credentials import Credentials
        endpoint = urllib.parse.urlparse(os.environ["AWS_ENDPOINT_URL"])
        creds = botocore.session.get_session().get_credentials()
        def signed(body, target="AWSStepFunctions.ListStateMachines", key=None, secret=None, host=None):
            request = AWSRequest(method="POST", url=os.environ["AWS_ENDPOINT_URL"] + "/", data=body,
                                 headers={"X-Amz-Target": target, "Content-Type": "application/x-amz-json-1.0"})
            if host: request.headers["Host"] = host
            SigV4Auth(Credentials(key or creds.access_key, secret or creds.secret_key), "states", "local").add_auth(request)
            return dict(request.headers.items())
        def send(headers, body):
            connection = http.client.HTTPConnection(endpoint.hostname, endpoint.port, timeout=120)
            connection.putrequest("POST", "/", skip_host=True, skip_accept_encoding=True)
            if "Host" not in headers: connection.putheader("Host", endpoint.netloc)
            for name, value in headers.items(): connection.putheader(name, value)
            connection.putheader("Content-Length", str(len(body)))
            connection.endheaders(body)
            response = connection.getresponse()
            text = response.read().decode()
            try:
                kind = json.loads(text).get("__type")
            except Exception:
                kind = text[:80]
            return [response.status, kind]

        """

    @Test func refusalsAreAWSErrorsAndNothingHappens() async throws {
        let root = try DaemonRoot()
        try root.apiMachines()
        let clock = ShiftedClock()
        try await InProcessDaemon.run(on: root, clock: clock.wallClock) { _ in
            let client = AWSClient(root: root.path)
            let start = #"{"stateMachineArn": "arn:aws:states:local:000000000000:stateMachine:hello", "name": "x"}"#
            let run = try await client.python(
                Self.rawClient + """
                    start = sys.argv[1].encode()
                    results = {}
                    results["unsigned"] = send({"X-Amz-Target": "AWSStepFunctions.StartExecution",
                                                "Content-Type": "application/x-amz-json-1.0"}, start)
                    results["unknownKey"] = send(signed(start, "AWSStepFunctions.StartExecution", key="AKIANOTSLUICE0000000"), start)
                    results["wrongSecret"] = send(signed(start, "AWSStepFunctions.StartExecution", secret="not-the-secret"), start)
                    headers = signed(start, "AWSStepFunctions.StartExecution")
                    results["tampered"] = send(headers, start.replace(b'"x"', b'"y"'))
                    results["foreignHost"] = send(signed(start, "AWSStepFunctions.StartExecution", host="evil.example:" + str(endpoint.port)), start)
                    big = b'{"input": "' + b"x" * (9 << 20) + b'"}'
                    results["oversize"] = send(signed(big, "AWSStepFunctions.StartExecution"), big)
                    results["notJSON"] = send(signed(b"{not json", "AWSStepFunctions.StartExecution"), b"{not json")
                    results["unknownOperation"] = send(signed(b"{}", "AWSStepFunctions.Explode"), b"{}")
                    listing = b"{}"
                    captured = signed(listing)
                    results["fresh"] = send(captured, listing)
                    results["captured"] = [captured]
                    print(json.dumps(results))
                    """,
                arguments: [start]
            )
            #expect(run.status == 0, "\(run.output) \(run.errors)")
            // The same request, byte for byte, sent again 20 minutes later.
            clock.advance(by: .seconds(20 * 60))
            let captured = try #require(
                ((run.json as? [String: [Any]])?["captured"]?.first).flatMap {
                    try? JSONSerialization.data(withJSONObject: $0)
                }
            )
            let replayed = try await client.python(
                Self.rawClient + """
                    print(json.dumps({"replayed": send(json.loads(sys.argv[1]), b"{}")}))
                    """,
                arguments: [String(decoding: captured, as: UTF8.self)]
            )
            clock.advance(by: .seconds(-20 * 60))
            #expect(run.status == 0, "\(run.errors)")
            let lines = run.output.split(separator: "\n")
            let first = try #require(
                lines.first.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) } as? [String: [Any]],
                "\(run.output) \(run.errors)"
            )
            func refusal(_ key: String) -> String { "\(first[key]?[0] ?? "") \(first[key]?[1] ?? "")" }
            #expect(refusal("unsigned") == "403 MissingAuthenticationTokenException")
            #expect(refusal("unknownKey") == "403 UnrecognizedClientException")
            #expect(refusal("wrongSecret") == "403 InvalidSignatureException")
            #expect(refusal("tampered") == "403 InvalidSignatureException")
            #expect(refusal("foreignHost") == "400 InvalidHostHeader")
            #expect(refusal("oversize") == "413 RequestEntityTooLargeException")
            #expect(refusal("notJSON") == "400 SerializationException")
            #expect(refusal("unknownOperation") == "400 UnknownOperationException")
            #expect(first["fresh"]?.first as? Int == 200)
            let replay = try #require(replayed.json as? [String: [Any]], "\(replayed.output) \(replayed.errors)")
            #expect(
                "\(replay["replayed"]?[0] ?? "") \(replay["replayed"]?[1] ?? "")" == "403 InvalidSignatureException"
            )
            // Nothing was started by any of them, and sluiced still answers.
            #expect(try root.store()?.executions().isEmpty == true)
            let after = try await client.aws(["stepfunctions", "list-state-machines"])
            #expect(after.status == 0 && after.output.contains("hello"), "\(after.errors)")
        }
    }
}
