import Foundation
import SluiceTesting
import Testing

/// Functions for the Lambda API tests, in the root's etc/sluice/functions as an administrator ships them:
/// `greet` (a process per invocation: says hello, fails when asked, leaves a mark in `out/` when asked) and `warm`
/// (a persistent worker, for provisioned concurrency).
extension DaemonRoot {
    func apiFunctions() throws {
        try write(
            "etc/sluice/functions/greet.py",
            """
            import json, os, sys
            event = json.load(sys.stdin)
            if "mark" in event:
                open(os.path.join(os.environ["OUT"], event["mark"]), "w").write("ran")
            if "fail" in event:
                print(json.dumps({"errorType": "GreetingError", "errorMessage": "no greeting for " + event["fail"]}))
                sys.exit(1)
            print(json.dumps({"greeting": "hello " + str(event.get("name", "nobody"))}))
            """
        )
        try write(
            "etc/sluice/functions/greet.json",
            #"{"Command": ["python3", "greet.py"], "Description": "says hello", "Timeout": 10, "Environment": {"OUT": "\#(path)/out"}}"#
        )
        try write(
            "etc/sluice/functions/warm.py",
            """
            import json, sys
            for line in sys.stdin:
                request = json.loads(line)
                print(json.dumps({"requestId": request["requestId"], "result": {"warm": True}}), flush=True)
            """
        )
        try write(
            "etc/sluice/functions/warm.json",
            #"{"Command": ["python3", "warm.py"], "Runtime": "persistent", "ReservedConcurrency": 2}"#
        )
    }
}

extension AWSClient {
    /// Runs a boto3 script (`boto3Preamble` before it) that must succeed; the JSON object it printed last.
    func boto3Object(_ script: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String: Any]
    {
        let run = try await python(boto3Preamble + script)
        #expect(run.status == 0, "\(run.errors)", sourceLocation: sourceLocation)
        return try #require(run.json as? [String: Any], "\(run.output) \(run.errors)", sourceLocation: sourceLocation)
    }
}
