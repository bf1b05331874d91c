/// A callback set-up: `approval` asks function `ask` through `lambda:invoke.waitForTaskToken` and waits; `ask`
/// writes the token it was given to `out/<execution name>` for a test (standing in for a person) to answer.
/// A `Rejected` failure is caught, with the error under `$.error`.
extension DaemonRoot {
    package func callbackMachine() throws {
        try write(
            "etc/sluice/functions/ask.py",
            """
            import json, os, sys
            event = json.load(sys.stdin)
            path = os.path.join(os.environ["OUT"], event["name"])
            open(path + ".part", "w").write(event["token"])
            os.rename(path + ".part", path)
            print(json.dumps({"asked": event["name"]}))
            """
        )
        try write(
            "etc/sluice/functions/ask.json",
            #"{"Command": ["python3", "ask.py"], "Timeout": 10, "Environment": {"OUT": "\#(path)/out"}}"#
        )
        try write("out/.keep", "")
        try write(
            "etc/sluice/state-machines/approval.asl.json",
            #"""
            {"StartAt": "Ask", "States": {
              "Ask": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
                      "Parameters": {"FunctionName": "ask",
                                     "Payload": {"token.$": "$$.Task.Token", "name.$": "$$.Execution.Name"}},
                      "Catch": [{"ErrorEquals": ["Rejected"], "ResultPath": "$.error", "Next": "Rejected"}],
                      "End": true},
              "Rejected": {"Type": "Pass", "End": true}}}
            """#
        )
    }

    /// `notify`: publishes its token to topic `asks` through `sns:publish.waitForTaskToken` (JSONata) and waits,
    /// with a HeartbeatSeconds of `heartbeat`; the topic's subscriber writes each message it gets to
    /// `out/sns-token`.
    package func callbackTopic(heartbeat: Int = 600) throws {
        try write(
            "etc/sluice/state-machines/notify.asl.json",
            #"""
            {"QueryLanguage": "JSONata", "StartAt": "Tell", "States": {
              "Tell": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish.waitForTaskToken",
                       "HeartbeatSeconds": \#(heartbeat),
                       "Arguments": {"TopicArn": "arn:aws:sns:local:000000000000:asks",
                                     "Message": "{% $states.context.Task.Token %}"},
                       "End": true}}}
            """#
        )
        try write(
            "etc/sluice/subscriptions/asks.json",
            #"{"TopicArn": "arn:aws:sns:local:000000000000:asks", "Protocol": "exec", "Endpoint": "\#(path)/asks.sh", "RawMessageDelivery": true}"#
        )
        try write(
            "asks.sh",
            "#!/bin/sh\ncat > \"\(path)/out/sns-token.part\"\nmv \"\(path)/out/sns-token.part\" \"\(path)/out/sns-token\"\n",
            executable: true
        )
        try write("out/.keep", "")
    }
}
