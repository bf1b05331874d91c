import Foundation
import SluiceTesting

/// A root with a small Step Functions set-up, for the API tests: `hello` (a Pass state) and `wait` (a Wait state
/// of an hour, so that it is still running when stopped).
extension DaemonRoot {
    /// `fan`: a Distributed Map over the JSONL object `items.jsonl` of bucket `data`, batches of two, each item
    /// failing when it says so (two of the children fail: four items, as many as are tolerated).
    func fanMachine(items: Int) throws {
        try write(
            "etc/sluice/state-machines/fan.asl.json",
            #"""
            {"StartAt": "Each", "States": {"Each": {"Type": "Map", "Label": "fan", "ToleratedFailureCount": 4,
              "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSONL"},
                             "Parameters": {"Bucket": "data", "Key": "items.jsonl"}},
              "ItemBatcher": {"MaxItemsPerBatch": 2},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "Check", "States": {"Check": {"Type": "Choice",
                  "Choices": [{"Variable": "$.Items[0].fail", "BooleanEquals": true, "Next": "Fail"}], "Default": "Done"},
                  "Fail": {"Type": "Fail", "Error": "Item.Bad", "Cause": "asked to"}, "Done": {"Type": "Succeed"}}},
              "End": true}}}
            """#
        )
        let lines = (0..<items).map { #"{"i": \#($0), "fail": \#($0 == 0 || $0 == 4)}"# }
        try write("var/lib/sluice/buckets/data/items.jsonl", lines.joined(separator: "\n") + "\n")
    }

    func apiMachines() throws {
        try write(
            "etc/sluice/state-machines/hello.asl.json",
            #"{"Comment": "says hello", "StartAt": "Say", "States": {"Say": {"Type": "Pass", "Parameters": {"greeting.$": "States.Format('hello {}', $.name)"}, "End": true}}}"#
        )
        try write(
            "etc/sluice/state-machines/wait.asl.json",
            #"{"StartAt": "Wait", "States": {"Wait": {"Type": "Wait", "Seconds": 3600, "End": true}}}"#
        )
    }
}

/// A boto3 script's preamble: clients for every service on the endpoint the environment names, no retries, no
/// host prefix; `out(value)` prints JSON for the test to read.
let boto3Preamble = """
    import boto3, json, sys, time
    from botocore.config import Config
    from botocore.exceptions import ClientError
    config = Config(retries={"max_attempts": 1}, inject_host_prefix=False)
    sfn = boto3.client("stepfunctions", config=config)
    s3 = boto3.client("s3", config=config)
    events = boto3.client("events", config=config)
    sns = boto3.client("sns", config=config)
    lam = boto3.client("lambda", config=config)
    def out(value):
        print(json.dumps(value, default=str))
    def code(call):
        try:
            call()
            return "OK"
        except ClientError as e:
            return e.response["Error"]["Code"]

    """

extension AWSClient.Run {
    /// The JSON the script printed last.
    var json: Any? {
        guard let line = output.split(separator: "\n").last else { return nil }
        return try? JSONSerialization.jsonObject(with: Data(line.utf8))
    }
}
