import Foundation
import SluiceTesting
import Testing

/// A root with child state machines (`child` answers with its input doubled, `breaks` fails) and parents starting
/// them through `arn:aws:states:::states:startExecution` (`.sync:2`, `.sync` with a Catch, fire-and-forget, and
/// one naming a state machine that does not exist).
extension DaemonRoot {
    fileprivate func nestedMachines() throws {
        try write(
            "etc/sluice/state-machines/child.asl.json",
            #"{"StartAt": "Double", "States": {"Double": {"Type": "Pass", "Parameters": {"twice.$": "States.MathAdd($.n, $.n)"}, "End": true}}}"#
        )
        try write(
            "etc/sluice/state-machines/breaks.asl.json",
            #"{"StartAt": "Break", "States": {"Break": {"Type": "Fail", "Error": "Child.Broke", "Cause": "as asked"}}}"#
        )
        try write(
            "etc/sluice/state-machines/sync2.asl.json",
            #"""
            {"StartAt": "Run", "States": {"Run": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2",
              "Parameters": {"StateMachineArn": "arn:aws:states:local:000000000000:stateMachine:child",
                             "Input": {"n.$": "$.n", "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$": "$$.Execution.Id"}},
              "End": true}}}
            """#
        )
        try write(
            "etc/sluice/state-machines/catches.asl.json",
            #"""
            {"StartAt": "Run", "States": {
              "Run": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync",
                "Parameters": {"StateMachineArn": "arn:aws:states:local:000000000000:stateMachine:breaks", "Name.$": "$.name"},
                "Catch": [{"ErrorEquals": ["States.TaskFailed"], "ResultPath": "$.caught", "Next": "Caught"}], "End": true},
              "Caught": {"Type": "Pass", "End": true}}}
            """#
        )
        try write(
            "etc/sluice/state-machines/forget.asl.json",
            #"""
            {"StartAt": "Run", "States": {"Run": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution",
              "Parameters": {"StateMachineArn": "arn:aws:states:local:000000000000:stateMachine:wait", "Input": "{\"x\": 1}"},
              "End": true}}}
            """#
        )
        try write(
            "etc/sluice/state-machines/missing.asl.json",
            #"""
            {"StartAt": "Run", "States": {"Run": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2",
              "Parameters": {"StateMachineArn": "arn:aws:states:local:000000000000:stateMachine:nowhere"}, "End": true}}}
            """#
        )
    }
}

/// A boto3 helper: starts an execution of `machine` and waits for its end (10 s at most).
private let runHelper = """
    def run(machine, name, input):
        arn = "arn:aws:states:local:000000000000:stateMachine:" + machine
        started = sfn.start_execution(stateMachineArn=arn, name=name, input=json.dumps(input))
        for _ in range(400):
            d = sfn.describe_execution(executionArn=started["executionArn"])
            if d["status"] != "RUNNING": return d
            time.sleep(0.025)
        return d
    def listed(machine):
        arn = "arn:aws:states:local:000000000000:stateMachine:" + machine
        return [(e["name"], e["status"]) for e in sfn.list_executions(stateMachineArn=arn)["executions"]]

    """

@Suite struct NestedExecutionAPITests {
    @Test("startExecution.sync:2 waits for the child and answers its description with Output as JSON")
    func syncTwo() async throws {
        let root = try DaemonRoot()
        try root.apiMachines()
        try root.nestedMachines()
        try await InProcessDaemon.run(on: root) { _ in
            let client = AWSClient(root: root.path)
            let run = try await client.python(
                boto3Preamble + runHelper + """
                    d = run("sync2", "p1", {"n": 21})
                    events = sfn.get_execution_history(executionArn=d["executionArn"])["events"]
                    succeeded = [e for e in events if e["type"] == "TaskSucceeded"][0]["taskSucceededEventDetails"]
                    submitted = [e["taskSubmittedEventDetails"] for e in events if e["type"] == "TaskSubmitted"]
                    out({"status": d["status"], "output": json.loads(d.get("output", "null")),
                         "types": [e["type"] for e in events], "submitted": [json.loads(s["output"]) for s in submitted],
                         "historyOutput": json.loads(succeeded["output"]), "children": listed("child")})
                    """
            )
            #expect(run.status == 0, "\(run.errors)")
            let result = try #require(run.json as? [String: Any], "\(run.output) \(run.errors)")
            #expect(result["status"] as? String == "SUCCEEDED")
            let output = try #require(result["output"] as? [String: Any])
            #expect(output["Status"] as? String == "SUCCEEDED")
            #expect((output["Output"] as? [String: Any])?["twice"] as? Int == 42)
            let input = try #require(output["Input"] as? [String: Any])
            #expect(input["n"] as? Int == 21)
            #expect(
                input["AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID"] as? String
                    == "arn:aws:states:local:000000000000:execution:sync2:p1"
            )
            #expect(output["StateMachineArn"] as? String == "arn:aws:states:local:000000000000:stateMachine:child")
            #expect(output["StartDate"] is Int && output["StopDate"] is Int)
            let childArn = try #require(output["ExecutionArn"] as? String)
            #expect(childArn.hasPrefix("arn:aws:states:local:000000000000:execution:child:"))
            // The child's ARN is in the parent's history, and the child is an execution of its own.
            #expect((result["historyOutput"] as? [String: Any])?["ExecutionArn"] as? String == childArn)
            let types = try #require(result["types"] as? [String])
            #expect(
                Array(types.drop { $0 != "TaskStarted" }.prefix(3)) == [
                    "TaskStarted", "TaskSubmitted", "TaskSucceeded",
                ]
            )
            let submitted = try #require(result["submitted"] as? [[String: Any]])
            #expect(submitted.count == 1)
            #expect(submitted.first?["ExecutionArn"] as? String == childArn)
            let children = try #require(result["children"] as? [[String]])
            #expect(children.count == 1)
            #expect(children.first?.last == "SUCCEEDED")
            #expect(childArn.hasSuffix(":" + (children.first?.first ?? "?")))
        }
    }

    @Test("A .sync child that fails fails the task with States.TaskFailed, and the parent's Catch takes it")
    func failedChildCaught() async throws {
        let root = try DaemonRoot()
        try root.apiMachines()
        try root.nestedMachines()
        try await InProcessDaemon.run(on: root) { _ in
            let client = AWSClient(root: root.path)
            let run = try await client.python(
                boto3Preamble + runHelper + """
                    d = run("catches", "p2", {"name": "kid"})
                    out({"status": d["status"], "output": json.loads(d.get("output", "null")), "children": listed("breaks")})
                    """
            )
            #expect(run.status == 0, "\(run.errors)")
            let result = try #require(run.json as? [String: Any], "\(run.output) \(run.errors)")
            #expect(result["status"] as? String == "SUCCEEDED")
            let caught = try #require((result["output"] as? [String: Any])?["caught"] as? [String: Any])
            #expect(caught["Error"] as? String == "States.TaskFailed")
            let cause = try #require(caught["Cause"] as? String)
            let described = try #require(try JSONSerialization.jsonObject(with: Data(cause.utf8)) as? [String: Any])
            #expect(described["Status"] as? String == "FAILED")
            #expect(described["Error"] as? String == "Child.Broke")
            #expect(described["Cause"] as? String == "as asked")
            #expect(described["ExecutionArn"] as? String == "arn:aws:states:local:000000000000:execution:breaks:kid")
            #expect(result["children"] as? [[String]] == [["kid", "FAILED"]])
        }
    }

    @Test("Fire-and-forget answers StartExecution's result; the child runs on, listed by ListExecutions")
    func fireAndForget() async throws {
        let root = try DaemonRoot()
        try root.apiMachines()
        try root.nestedMachines()
        try await InProcessDaemon.run(on: root) { _ in
            let client = AWSClient(root: root.path)
            let run = try await client.python(
                boto3Preamble + runHelper + """
                    d = run("forget", "p3", {})
                    output = json.loads(d.get("output", "null"))
                    child = sfn.describe_execution(executionArn=output["ExecutionArn"])
                    missing = run("missing", "p4", {})
                    children = listed("wait")
                    sfn.stop_execution(executionArn=output["ExecutionArn"])
                    out({"status": d["status"], "output": output, "children": children,
                         "child": [child["status"], child["input"]],
                         "missing": [missing["status"], missing.get("error"), missing.get("cause", "")],
                         "nowhere": code(lambda: sfn.list_executions(stateMachineArn="arn:aws:states:local:000000000000:stateMachine:nowhere"))})
                    """
            )
            #expect(run.status == 0, "\(run.errors)")
            let result = try #require(run.json as? [String: Any], "\(run.output) \(run.errors)")
            #expect(result["status"] as? String == "SUCCEEDED")
            let output = try #require(result["output"] as? [String: Any])
            #expect(output["StartDate"] is Int)
            #expect((output["SdkHttpMetadata"] as? [String: Any])?["HttpStatusCode"] as? Int == 200)
            let childArn = try #require(output["ExecutionArn"] as? String)
            let children = try #require(result["children"] as? [[String]])
            #expect(children.count == 1)
            #expect(children.first?.last == "RUNNING")
            #expect(childArn.hasSuffix(":" + (children.first?.first ?? "?")))
            #expect(result["child"] as? [String] == ["RUNNING", #"{"x":1}"#])
            let missing = try #require(result["missing"] as? [String])
            #expect(missing.prefix(2) == ["FAILED", "StepFunctions.StateMachineDoesNotExistException"])
            #expect(missing.last?.contains("Error Code: StateMachineDoesNotExist") == true)
            #expect(result["nowhere"] as? String == "StateMachineDoesNotExist")
        }
    }
}
