import Foundation
import SluiceTesting
import Testing

/// Lambda through boto3 against sluiced in-process: invocations of the functions in etc/sluice/functions, and
/// their concurrency set through the API as an overlay in var/lib/sluice/config/functions.
@Suite struct LambdaAPITests {
    @Test("Invoke answers the function's result, its error, Event (202), DryRun (204) and unknown functions")
    func invoke() async throws {
        let root = try DaemonRoot()
        defer { root.remove() }
        try root.apiFunctions()
        try await InProcessDaemon.run(on: root) { daemon in
            let result = try await AWSClient(root: root.path).boto3Object(
                """
                def call(**kwargs):
                    r = lam.invoke(**kwargs)
                    body = r["Payload"].read()
                    return {"status": r["StatusCode"], "error": r.get("FunctionError"),
                            "version": r.get("ExecutedVersion"), "body": json.loads(body) if body else None}
                arn = "arn:aws:lambda:local:000000000000:function:greet"
                out({"ok": call(FunctionName="greet", Payload=json.dumps({"name": "api"})),
                     "byArn": call(FunctionName=arn, Payload=b'{"name": "arn"}'),
                     "empty": call(FunctionName="greet"),
                     "failed": call(FunctionName="greet", Payload=b'{"fail": "bob"}'),
                     "event": call(FunctionName="greet", InvocationType="Event", Payload=b'{"mark": "event"}'),
                     "eventFails": call(FunctionName="greet", InvocationType="Event", Payload=b'{"fail": "later"}'),
                     "dry": call(FunctionName="greet", InvocationType="DryRun", Payload=b'{"mark": "dry"}'),
                     "missing": code(lambda: lam.invoke(FunctionName="nope", Payload=b"{}")),
                     "notJSON": code(lambda: lam.invoke(FunctionName="greet", Payload=b"hello"))})
                """
            )
            let ok = try #require(result["ok"] as? [String: Any])
            #expect(ok["status"] as? Int == 200)
            #expect(ok["error"] is NSNull)
            #expect(ok["version"] as? String == "$LATEST")
            #expect((ok["body"] as? [String: Any])?["greeting"] as? String == "hello api")
            #expect(
                ((result["byArn"] as? [String: Any])?["body"] as? [String: Any])?["greeting"] as? String == "hello arn"
            )
            #expect(
                ((result["empty"] as? [String: Any])?["body"] as? [String: Any])?["greeting"] as? String
                    == "hello nobody"
            )
            let failed = try #require(result["failed"] as? [String: Any])
            #expect(failed["status"] as? Int == 200)
            #expect(failed["error"] as? String == "Unhandled")
            let error = try #require(failed["body"] as? [String: Any])
            #expect(error["errorType"] as? String == "GreetingError")
            #expect(error["errorMessage"] as? String == "no greeting for bob")
            #expect((result["event"] as? [String: Any])?["status"] as? Int == 202)
            #expect((result["dry"] as? [String: Any])?["status"] as? Int == 204)
            #expect(result["missing"] as? String == "ResourceNotFoundException")
            #expect(result["notJSON"] as? String == "InvalidRequestContentException")
            // The Event invocation ran on its own; the DryRun never ran.
            try await eventually("the Event invocation's mark") { root.exists("out/event") }
            #expect(!root.exists("out/dry"))
            // Nobody waits for an Event invocation: its failure is told in sluiced's log.
            try await eventually("the failed Event invocation in the log") {
                daemon.log.contains("(Event invocation") && daemon.log.contains("GreetingError: no greeting for later")
            }
        }
    }

    @Test("ListFunctions pages with Marker; GetFunction shows the configuration; unknown names are 404")
    func listAndGet() async throws {
        let root = try DaemonRoot()
        defer { root.remove() }
        try root.apiFunctions()
        try await InProcessDaemon.run(on: root) { _ in
            let result = try await AWSClient(root: root.path).boto3Object(
                """
                first = lam.list_functions(MaxItems=1)
                second = lam.list_functions(Marker=first["NextMarker"], MaxItems=1)
                every = lam.list_functions()["Functions"]
                got = lam.get_function(FunctionName="greet")
                config = lam.get_function_configuration(FunctionName="warm")
                out({"first": [f["FunctionName"] for f in first["Functions"]],
                     "second": [f["FunctionName"] for f in second["Functions"]], "more": "NextMarker" in second,
                     "every": every, "got": got["Configuration"], "concurrency": got.get("Concurrency"),
                     "code": got["Code"], "warm": config,
                     "missing": code(lambda: lam.get_function(FunctionName="nope")),
                     "badMarker": code(lambda: lam.list_functions(Marker="nope"))})
                """
            )
            #expect(result["first"] as? [String] == ["greet"])
            #expect(result["second"] as? [String] == ["warm"])
            #expect(result["more"] as? Bool == false)
            #expect((result["every"] as? [[String: Any]])?.count == 2)
            let greet = try #require(result["got"] as? [String: Any])
            #expect(greet["FunctionArn"] as? String == "arn:aws:lambda:local:000000000000:function:greet")
            #expect(greet["Runtime"] as? String == "provided")
            #expect(greet["Description"] as? String == "says hello")
            #expect(greet["Timeout"] as? Int == 10)
            #expect(greet["MemorySize"] as? Int == 128)
            #expect(greet["Version"] as? String == "$LATEST")
            #expect(
                (greet["Environment"] as? [String: Any])?["Variables"] as? [String: String] == [
                    "OUT": root.path + "/out"
                ]
            )
            #expect((greet["LastModified"] as? String)?.hasSuffix("+0000") == true)
            #expect(result["concurrency"] is NSNull)
            #expect((result["code"] as? [String: Any])?["RepositoryType"] as? String == "Local")
            #expect((result["warm"] as? [String: Any])?["FunctionName"] as? String == "warm")
            #expect(result["missing"] as? String == "ResourceNotFoundException")
            #expect(result["badMarker"] as? String == "InvalidParameterValueException")
        }
    }
}
