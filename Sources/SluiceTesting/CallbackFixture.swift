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
}
