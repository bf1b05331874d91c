import Foundation
import SluiceTesting

/// The kill campaign's configuration (KillCampaignTests.swift): four kinds of work on one sluiced at once, each
/// ending with a message to topic `news`, whose subscriber appends `MessageId Message` per delivery to
/// `deliveries`.
/// - `upload`: every object under inbox/uploads/ (a rule), scored by the persistent function `score`.
/// - `long`: a Distributed Map over data/items.jsonl, batches scored by `score`, results written under
///   results/long; its message is the manifest's key.
/// - `flaky`: the persistent function `flaky` fails each execution's first call (a marker file per name), so the
///   execution fails until redriven.
/// Functions log their pid to `worker-pids` (the campaign kills them at random) and are retried when killed.
extension DaemonRoot {
    /// Items in data/items.jsonl, each `{"n": i}`.
    static let campaignItems = 4_000

    func killCampaign() throws {
        for bucket in ["inbox/uploads", "data", "results"] {
            try FileManager.default.createDirectory(
                atPath: path + "/var/lib/sluice/buckets/" + bucket,
                withIntermediateDirectories: true
            )
        }
        try FileManager.default.createDirectory(atPath: path + "/markers", withIntermediateDirectories: true)
        try write(
            "var/lib/sluice/buckets/data/items.jsonl",
            (0..<Self.campaignItems).map { "{\"n\":\($0)}\n" }.joined()
        )
        try write(
            "etc/sluice/rules/uploads.json",
            #"""
            {"EventPattern": {"source": ["aws.s3"], "detail-type": ["Object Created"],
                              "detail": {"bucket": {"name": ["inbox"]}, "object": {"key": [{"prefix": "uploads/"}]}}},
             "Targets": [{"Id": "upload", "Arn": "arn:aws:states:local:000000000000:stateMachine:upload",
                          "InputTransformer": {"InputPathsMap": {"key": "$.detail.object.key"}, "InputTemplate": "{\"key\": <key>}"}}]}
            """#
        )
        // A killed worker fails its call with Runtime.ExitError: retried, so only `flaky`'s own error ends a run.
        let retry =
            #""Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 1, "BackoffRate": 1, "MaxAttempts": 8}]"#
        let tell = { (message: String) in
            #"{"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "ResultPath": null, "End": true, "#
                + #""Parameters": {"TopicArn": "arn:aws:sns:local:000000000000:news", "Message.$": "\#(message)"}}"#
        }
        try write(
            "etc/sluice/state-machines/upload.asl.json",
            #"""
            {"StartAt": "Score", "States": {
              "Score": {"Type": "Task", "Resource": "score", "ResultPath": null, \#(retry), "Next": "Tell"},
              "Tell": \#(tell("$.key"))}}
            """#
        )
        try write(
            "etc/sluice/state-machines/long.asl.json",
            #"""
            {"StartAt": "Each", "States": {
              "Each": {"Type": "Map", "MaxConcurrency": 4,
                "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSONL"},
                               "Parameters": {"Bucket": "data", "Key": "items.jsonl"}},
                "ItemBatcher": {"MaxItemsPerBatch": 20},
                "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                  "StartAt": "Score", "States": {"Score": {"Type": "Task", "Resource": "score", \#(retry), "End": true}}},
                "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "results", "Prefix": "long"},
                                 "WriterConfig": {"OutputType": "JSONL", "Transformation": "FLATTEN"}},
                "Next": "Tell"},
              "Tell": \#(tell("$.ResultWriterDetails.Key"))}}
            """#
        )
        try write(
            "etc/sluice/state-machines/flaky.asl.json",
            #"""
            {"StartAt": "Try", "States": {
              "Try": {"Type": "Task", "Resource": "flaky", "ResultPath": null, "Next": "Tell",
                      "Retry": [{"ErrorEquals": ["Runtime.ExitError", "Sandbox.Timedout"], "IntervalSeconds": 1, "BackoffRate": 1, "MaxAttempts": 8}]},
              "Tell": \#(tell("$.name"))}}
            """#
        )
        try campaignWorker(
            "score",
            concurrency: 4,
            answer: """
                def answer(payload):
                    if isinstance(payload, dict) and "Items" in payload:
                        time.sleep(0.2)
                        return {"result": [{"n": item["n"], "score": 2 * item["n"] + 1} for item in payload["Items"]]}
                    return {"result": payload}
                """
        )
        try campaignWorker(
            "flaky",
            concurrency: 2,
            answer: """
                def answer(payload):
                    marker = "\(path)/markers/" + payload["name"]
                    if os.path.exists(marker):
                        return {"result": payload}
                    open(marker, "w").close()
                    return {"errorType": "FirstTry", "errorMessage": "fails the first time"}
                """
        )
        try write(
            "etc/sluice/subscriptions/listen.json",
            #"{"TopicArn": "arn:aws:sns:local:000000000000:news", "Protocol": "exec", "Endpoint": "\#(path)/listen.sh", "RawMessageDelivery": true}"#
        )
        try write(
            "listen.sh",
            "#!/bin/sh\nprintf '%s %s\\n' \"$SLUICE_MESSAGE_ID\" \"$(cat)\" >> \"\(path)/deliveries\"\n",
            executable: true
        )
    }

    /// A persistent Python function NAME answering each request with `answer(payload)` (Python: a `def` that
    /// returns the reply's result or error fields); its path is absolute, so the campaign tells its workers from other processes by their command line.
    private func campaignWorker(_ name: String, concurrency: Int, answer: String) throws {
        let script = path + "/etc/sluice/functions/" + name + ".py"
        try write(
            "etc/sluice/functions/\(name).py",
            """
            import json, os, sys, time
            \(answer)
            with open("\(path)/worker-pids", "a") as f:
                f.write("%d\\n" % os.getpid())
            for line in sys.stdin:
                request = json.loads(line)
                reply = answer(request["payload"])
                reply["requestId"] = request["requestId"]
                sys.stdout.write(json.dumps(reply) + "\\n")
                sys.stdout.flush()

            """
        )
        try write(
            "etc/sluice/functions/\(name).json",
            #"{"Command": ["python3", "\#(script)"], "Runtime": "persistent", "Timeout": 60, "ReservedConcurrency": \#(concurrency)}"#
        )
    }
}
