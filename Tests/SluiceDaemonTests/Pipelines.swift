import Foundation
import SluiceTesting

/// The configurations the end-to-end tests run, written into a root: the same for the real binary and the
/// in-process sluiced.
extension DaemonRoot {
    /// A rule sending every object of bucket `inbox` to state machine `note`, which publishes the key to topic
    /// `done`, whose subscriber writes what it gets into out/.
    func pipeline() throws {
        try write(
            "etc/sluice/rules/inbox.json",
            #"""
            {"EventPattern": {"source": ["aws.s3"], "detail-type": ["Object Created"], "detail": {"bucket": {"name": ["inbox"]}}},
             "Targets": [{"Id": "note", "Arn": "arn:aws:states:local:000000000000:stateMachine:note",
                          "InputTransformer": {"InputPathsMap": {"key": "$.detail.object.key"}, "InputTemplate": "{\"key\": <key>}"}}]}
            """#
        )
        try write(
            "etc/sluice/state-machines/note.asl.json",
            #"""
            {"StartAt": "Publish", "States": {"Publish": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
              "Parameters": {"TopicArn": "arn:aws:sns:local:000000000000:done", "Message.$": "$.key"}, "End": true}}}
            """#
        )
        try write(
            "etc/sluice/subscriptions/record.json",
            #"{"TopicArn": "arn:aws:sns:local:000000000000:done", "Protocol": "exec", "Endpoint": "\#(path)/record.sh", "RawMessageDelivery": true}"#
        )
        try write("record.sh", "#!/bin/sh\ncat > \"\(path)/out/$SLUICE_MESSAGE_ID\"\n", executable: true)
    }

    /// What the subscriber of `pipeline` received.
    var received: Set<String> { Set(files("out").compactMap { read("out/" + $0) }) }

    /// `pipeline`, plus a rule that publishes every SUCCEEDED execution's name to topic `ended`, whose subscriber
    /// writes into ended/; both subscribers count their deliveries (files `deliveries`, `ended-deliveries`).
    func handoffPipeline() throws {
        try pipeline()
        try write(
            "record.sh",
            "#!/bin/sh\ncat > \"\(path)/out/$SLUICE_MESSAGE_ID\"\necho x >> \"\(path)/deliveries\"\n",
            executable: true
        )
        try write(
            "etc/sluice/rules/ended.json",
            #"""
            {"EventPattern": {"source": ["aws.states"], "detail-type": ["Step Functions Execution Status Change"],
                              "detail": {"status": ["SUCCEEDED"]}},
             "Targets": [{"Id": "tell", "Arn": "arn:aws:sns:local:000000000000:ended", "InputPath": "$.detail.name"}]}
            """#
        )
        try write(
            "etc/sluice/subscriptions/ended.json",
            #"{"TopicArn": "arn:aws:sns:local:000000000000:ended", "Protocol": "exec", "Endpoint": "\#(path)/ended.sh", "RawMessageDelivery": true}"#
        )
        try write(
            "ended.sh",
            "#!/bin/sh\nmkdir -p \"\(path)/ended\"\ncat > \"\(path)/ended/$SLUICE_MESSAGE_ID\"\necho x >> \"\(path)/ended-deliveries\"\n",
            executable: true
        )
    }

    /// Every object of bucket `inbox` (JSON lines `{"nap": seconds}`) goes to state machine `slow`, whose
    /// Distributed Map naps each item in a child execution.
    func slowMap(maxConcurrency: Int) throws {
        try write(
            "etc/sluice/rules/inbox.json",
            #"""
            {"EventPattern": {"source": ["aws.s3"], "detail-type": ["Object Created"], "detail": {"bucket": {"name": ["inbox"]}}},
             "Targets": [{"Id": "slow", "Arn": "arn:aws:states:local:000000000000:stateMachine:slow",
                          "InputTransformer": {"InputPathsMap": {"key": "$.detail.object.key"}, "InputTemplate": "{\"Key\": <key>}"}}]}
            """#
        )
        try write(
            "etc/sluice/state-machines/slow.asl.json",
            #"""
            {"StartAt": "Each", "States": {"Each": {"Type": "Map", "MaxConcurrency": \#(maxConcurrency), "ToleratedFailureCount": 3,
              "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSONL"},
                             "Parameters": {"Bucket": "inbox", "Key.$": "$.Key"}},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "Nap", "States": {"Nap": {"Type": "Wait", "SecondsPath": "$.nap", "End": true}}},
              "End": true}}}
            """#
        )
    }
}
