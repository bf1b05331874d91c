import Foundation
import SluiceStore
import SluiceTesting
import SluiceVocabulary
import Testing

/// The callback pattern end to end: a Task `lambda:invoke.waitForTaskToken` hands its token to a function, and
/// SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat from boto3 or `sluice` answer it.
@Suite struct CallbackAPITests {
    private static let machine = "arn:aws:states:local:000000000000:stateMachine:approval"
    private static let executions = "arn:aws:states:local:000000000000:execution:approval:"

    @Test("boto3 answers the tokens: success is the output, failure is caught, a closed token times out")
    func boto3() async throws {
        let root = try DaemonRoot()
        defer { root.remove() }
        try root.callbackMachine()
        try await InProcessDaemon.run(on: root) { _ in
            let result = try await AWSClient(root: root.path).boto3Object(
                """
                import os
                machine = "\(Self.machine)"
                for name in ("yes", "no"):
                    sfn.start_execution(stateMachineArn=machine, name=name, input='{"order": 7}')
                def token(name):
                    path = os.path.join("\(root.path)/out", name)
                    for _ in range(400):
                        if os.path.exists(path): return open(path).read()
                        time.sleep(0.05)
                    raise Exception("no token for " + name)
                def finished(name):
                    for _ in range(400):
                        d = sfn.describe_execution(executionArn="\(Self.executions)" + name)
                        if d["status"] != "RUNNING": return d
                        time.sleep(0.05)
                    return d
                yes, no = token("yes"), token("no")
                running = sfn.describe_execution(executionArn="\(Self.executions)yes")["status"]
                heartbeat = code(lambda: sfn.send_task_heartbeat(taskToken=yes))
                notJSON = code(lambda: sfn.send_task_success(taskToken=yes, output="{nope"))
                sfn.send_task_success(taskToken=yes, output='{"approved": true}')
                sfn.send_task_failure(taskToken=no, error="Rejected", cause="out of stock")
                d_yes, d_no = finished("yes"), finished("no")
                history = [e["type"] for e in sfn.get_execution_history(executionArn="\(Self.executions)yes")["events"]]
                unknown = "\(Self.executions)never#" + "0" * 32
                out({"running": running, "history": history, "heartbeat": heartbeat, "notJSON": notJSON,
                     "yes": [d_yes["status"], d_yes.get("output")], "no": [d_no["status"], d_no.get("output")],
                     "again": code(lambda: sfn.send_task_success(taskToken=yes, output="{}")),
                     "againFailure": code(lambda: sfn.send_task_failure(taskToken=no)),
                     "bogus": code(lambda: sfn.send_task_success(taskToken="bogus", output="{}")),
                     "unknown": code(lambda: sfn.send_task_heartbeat(taskToken=unknown)),
                     "same": yes.startswith("\(Self.executions)yes#")})
                """
            )
            #expect(result["running"] as? String == "RUNNING")
            #expect(
                result["history"] as? [String] == [
                    "ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSubmitted",
                    "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded",
                ]
            )
            #expect(result["heartbeat"] as? String == "OK")
            #expect(result["notJSON"] as? String == "InvalidOutput")
            #expect(result["yes"] as? [String] == ["SUCCEEDED", #"{"approved":true}"#])
            let no = try #require(result["no"] as? [String])
            #expect(no.first == "SUCCEEDED")
            let output = try JSONSerialization.jsonObject(with: Data(try #require(no.last).utf8)) as? [String: Any]
            #expect(output?["order"] as? Int == 7)
            let error = output?["error"] as? [String: Any]
            #expect(error?["Error"] as? String == "Rejected")
            #expect(error?["Cause"] as? String == "out of stock")
            #expect(result["again"] as? String == "TaskTimedOut")
            #expect(result["againFailure"] as? String == "TaskTimedOut")
            #expect(result["bogus"] as? String == "InvalidToken")
            #expect(result["unknown"] as? String == "TaskDoesNotExist")
            #expect(result["same"] as? Bool == true)
            // sluice.db holds the ends the callbacks decided.
            #expect(root.execution(Self.executions + "yes")?.status == .succeeded)
            #expect(root.execution(Self.executions + "no")?.status == .succeeded)
        }
    }

    @Test("sluice send-task-heartbeat, send-task-success and send-task-failure answer tokens from the shell")
    func shell() async throws {
        let root = try DaemonRoot()
        defer { root.remove() }
        try root.callbackMachine()
        try await InProcessDaemon.run(on: root) { _ in
            let sluice = SluiceTool(root: root)
            for name in ["cli-yes", "cli-no"] {
                let started = try await sluice.run(["start-execution", "approval", "--name", name])
                #expect(started.status == 0, "\(started.errors)")
            }
            try await eventually("both tokens") { root.exists("out/cli-yes") && root.exists("out/cli-no") }
            let yes = try #require(root.read("out/cli-yes"))
            let no = try #require(root.read("out/cli-no"))
            let heartbeat = try await sluice.run(["send-task-heartbeat", "--task-token", yes])
            #expect(heartbeat.status == 0, "\(heartbeat.errors)")
            let success = try await sluice.run([
                "send-task-success", "--task-token", yes, "--task-output", #"{"via":"cli"}"#,
            ])
            #expect(success.status == 0, "\(success.errors)")
            let failure = try await sluice.run(
                ["send-task-failure", "--task-token", no, "--error", "Rejected", "--cause", "said no"]
            )
            #expect(failure.status == 0, "\(failure.errors)")
            try await eventually("both executions ended") {
                root.execution(Self.executions + "cli-yes")?.status == .succeeded
                    && root.execution(Self.executions + "cli-no")?.status == .succeeded
            }
            #expect(root.execution(Self.executions + "cli-yes")?.output == #"{"via":"cli"}"#)
            #expect(root.execution(Self.executions + "cli-no")?.output?.contains("said no") == true)
            let again = try await sluice.run(["send-task-success", "--task-token", yes, "--task-output", "{}"])
            #expect(again.status != 0)
            #expect(again.errors.contains("TaskTimedOut"))
            let bogus = try await sluice.run(["send-task-failure", "--task-token", "bogus"])
            #expect(bogus.status != 0)
            #expect(bogus.errors.contains("InvalidToken"))
        }
    }

    @Test("The AWS CLI answers a token an sns:publish.waitForTaskToken Task published to a subscriber")
    func topicThroughTheCLI() async throws {
        let root = try DaemonRoot()
        defer { root.remove() }
        try root.callbackTopic()
        try await InProcessDaemon.run(on: root) { _ in
            let client = AWSClient(root: root.path)
            let started = try await client.aws([
                "stepfunctions", "start-execution", "--state-machine-arn",
                "arn:aws:states:local:000000000000:stateMachine:notify", "--name", "told",
            ])
            #expect(started.status == 0, "\(started.errors)")
            try await eventually("the subscriber got the token") { root.exists("out/sns-token") }
            let token = try #require(root.read("out/sns-token"))
            #expect(token.hasPrefix("arn:aws:states:local:000000000000:execution:notify:told#"))
            let heartbeat = try await client.aws(["stepfunctions", "send-task-heartbeat", "--task-token", token])
            #expect(heartbeat.status == 0, "\(heartbeat.errors)")
            let success = try await client.aws([
                "stepfunctions", "send-task-success", "--task-token", token, "--task-output", #"{"told":true}"#,
            ])
            #expect(success.status == 0, "\(success.errors)")
            let arn = "arn:aws:states:local:000000000000:execution:notify:told"
            try await eventually("the execution SUCCEEDED") { root.execution(arn)?.status == .succeeded }
            #expect(root.execution(arn)?.output == #"{"told":true}"#)
        }
    }

    @Test("HeartbeatSeconds without a heartbeat fails the execution with States.HeartbeatTimeout; the token is closed")
    func heartbeatTimeout() async throws {
        let root = try DaemonRoot()
        defer { root.remove() }
        try root.callbackTopic(heartbeat: 1)
        try await InProcessDaemon.run(on: root) { _ in
            let sluice = SluiceTool(root: root)
            #expect(try await sluice.status(["start-execution", "notify", "--name", "silent"]) == 0)
            try await eventually("the subscriber got the token") { root.exists("out/sns-token") }
            let token = try #require(root.read("out/sns-token"))
            let arn = "arn:aws:states:local:000000000000:execution:notify:silent"
            try await eventually("the execution FAILED") { root.execution(arn)?.status == .failed }
            #expect(root.execution(arn)?.error == "States.HeartbeatTimeout")
            let late = try await AWSClient(root: root.path).boto3Object(
                #"out({"late": code(lambda: sfn.send_task_success(taskToken="\#(token)", output="{}"))})"#
            )
            #expect(late["late"] as? String == "TaskTimedOut")
        }
    }
}
