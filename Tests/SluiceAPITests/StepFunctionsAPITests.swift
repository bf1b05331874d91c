import Foundation
import SluiceTesting
import Testing

/// Step Functions through boto3 and the AWS CLI, against sluiced in-process: what a user's program sees.
@Suite struct StepFunctionsAPITests {
    @Test func startDescribeListAndHistoryThroughBoto3() async throws {
        let root = try DaemonRoot()
        try root.apiMachines()
        try await InProcessDaemon.run(on: root) { _ in
            let client = AWSClient(root: root.path)
            let run = try await client.python(
                boto3Preamble + """
                    arn = "arn:aws:states:local:000000000000:stateMachine:hello"
                    started = sfn.start_execution(stateMachineArn=arn, name="first", input='{"name": "api"}')
                    for _ in range(200):
                        d = sfn.describe_execution(executionArn=started["executionArn"])
                        if d["status"] != "RUNNING": break
                        time.sleep(0.05)
                    history = sfn.get_execution_history(executionArn=started["executionArn"], reverseOrder=True, maxResults=2)
                    listed = sfn.list_executions(stateMachineArn=arn, statusFilter="SUCCEEDED")
                    machines = sfn.list_state_machines()["stateMachines"]
                    described = sfn.describe_state_machine(stateMachineArn=arn)
                    out({"arn": started["executionArn"], "status": d["status"], "output": d["output"],
                         "startType": type(d["startDate"]).__name__,
                         "history": [e["type"] for e in history["events"]], "more": "nextToken" in history,
                         "listed": [e["name"] for e in listed["executions"]],
                         "machines": [m["name"] for m in machines], "definition": described["definition"],
                         "duplicate": code(lambda: sfn.start_execution(stateMachineArn=arn, name="first", input='{"name": "other"}')),
                         "missing": code(lambda: sfn.describe_execution(executionArn=arn.replace("stateMachine:hello", "execution:hello:nope"))),
                         "badArn": code(lambda: sfn.describe_execution(executionArn="nope")),
                         "noMachine": code(lambda: sfn.start_execution(stateMachineArn=arn + "x"))})
                    """
            )
            #expect(run.status == 0, "\(run.errors)")
            let result = try #require(run.json as? [String: Any], "\(run.output) \(run.errors)")
            #expect(result["arn"] as? String == "arn:aws:states:local:000000000000:execution:hello:first")
            #expect(result["status"] as? String == "SUCCEEDED")
            #expect(result["output"] as? String == #"{"greeting":"hello api"}"#)
            #expect(result["startType"] as? String == "datetime")
            #expect(result["history"] as? [String] == ["ExecutionSucceeded", "PassStateExited"])
            #expect(result["more"] as? Bool == true)
            #expect(result["listed"] as? [String] == ["first"])
            #expect(result["machines"] as? [String] == ["hello", "wait"])
            #expect((result["definition"] as? String)?.contains("says hello") == true)
            #expect(result["duplicate"] as? String == "ExecutionAlreadyExists")
            #expect(result["missing"] as? String == "ExecutionDoesNotExist")
            #expect(result["badArn"] as? String == "InvalidArn")
            #expect(result["noMachine"] as? String == "StateMachineDoesNotExist")
        }
    }

    @Test func stopAndValidateThroughTheCLI() async throws {
        let root = try DaemonRoot()
        try root.apiMachines()
        try await InProcessDaemon.run(on: root) { _ in
            let client = AWSClient(root: root.path)
            let started = try await client.aws([
                "stepfunctions", "start-execution", "--state-machine-arn",
                "arn:aws:states:local:000000000000:stateMachine:wait", "--name", "long",
            ])
            #expect(started.status == 0, "\(started.errors)")
            let arn = "arn:aws:states:local:000000000000:execution:wait:long"
            try await eventually("the execution runs", within: .seconds(10)) {
                let described = try await client.aws(["stepfunctions", "describe-execution", "--execution-arn", arn])
                return described.output.contains("\"RUNNING\"")
            }
            // A running execution's history so far: started, and waiting in its Wait state.
            try await eventually("the running history", within: .seconds(10)) {
                let history = try await client.aws(["stepfunctions", "get-execution-history", "--execution-arn", arn])
                return history.output.contains("\"ExecutionStarted\"")
                    && history.output.contains("\"WaitStateEntered\"")
            }
            let stopped = try await client.aws([
                "stepfunctions", "stop-execution", "--execution-arn", arn, "--error", "Halt", "--cause", "by the API",
            ])
            #expect(stopped.status == 0, "\(stopped.errors)")
            try await eventually("the execution is aborted", within: .seconds(10)) {
                let described = try await client.aws(["stepfunctions", "describe-execution", "--execution-arn", arn])
                return described.output.contains("\"ABORTED\"")
            }
            let bad = try await client.aws([
                "stepfunctions", "validate-state-machine-definition", "--definition",
                #"{"StartAt": "Nowhere", "States": {"A": {"Type": "Pass", "End": true}}}"#,
            ])
            #expect(bad.status == 0, "\(bad.errors)")
            #expect(bad.output.contains("\"FAIL\""))
            #expect(bad.output.contains("MISSING_TRANSITION_TARGET"))
        }
    }

    /// A state machine created, run, changed and deleted through the API: a file under var/lib/sluice/config,
    /// in force before each answer; /etc/sluice's stay the administrator's.
    @Test func createSyncTestStateUpdateAndDelete() async throws {
        let root = try DaemonRoot()
        try root.apiMachines()
        try await InProcessDaemon.run(on: root) { _ in
            let client = AWSClient(root: root.path)
            let run = try await client.python(
                boto3Preamble + """
                    role = "arn:aws:iam::000000000000:role/x"
                    one = json.dumps({"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": 1, "End": True}}})
                    two = json.dumps({"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": 2, "End": True}}})
                    made = sfn.create_state_machine(name="made", definition=one, roleArn=role)
                    again = sfn.create_state_machine(name="made", definition=one, roleArn=role)
                    sync1 = sfn.start_sync_execution(stateMachineArn=made["stateMachineArn"], input="{}")
                    sfn.update_state_machine(stateMachineArn=made["stateMachineArn"], definition=two)
                    sync2 = sfn.start_sync_execution(stateMachineArn=made["stateMachineArn"], input="{}")
                    tested = sfn.test_state(definition=json.dumps({"Type": "Choice", "Choices": [
                        {"Variable": "$.n", "NumericGreaterThan": 1, "Next": "Big"}], "Default": "Small"}),
                        roleArn=role, input='{"n": 5}')
                    failed = sfn.test_state(definition=json.dumps({"Type": "Fail", "Error": "E", "Cause": "c"}), roleArn=role)
                    out({"arn": made["stateMachineArn"], "same": again["stateMachineArn"] == made["stateMachineArn"],
                         "sync1": [sync1["status"], sync1["output"]], "sync2": sync2["output"],
                         "tested": [tested["status"], tested.get("nextState"), tested["output"]],
                         "failed": [failed["status"], failed.get("error"), failed.get("cause")],
                         "conflict": code(lambda: sfn.create_state_machine(name="made", definition=one, roleArn=role)),
                         "invalid": code(lambda: sfn.create_state_machine(name="bad", definition='{"StartAt": "X", "States": {}}', roleArn=role)),
                         "shipped": code(lambda: sfn.update_state_machine(stateMachineArn=made["stateMachineArn"].replace("made", "hello"), definition=one)),
                         "deleted": code(lambda: sfn.delete_state_machine(stateMachineArn=made["stateMachineArn"])),
                         "gone": code(lambda: sfn.describe_state_machine(stateMachineArn=made["stateMachineArn"])),
                         "shippedDelete": code(lambda: sfn.delete_state_machine(stateMachineArn=made["stateMachineArn"].replace("made", "hello")))})
                    """
            )
            #expect(run.status == 0, "\(run.errors)")
            let result = try #require(run.json as? [String: Any], "\(run.output) \(run.errors)")
            #expect(result["arn"] as? String == "arn:aws:states:local:000000000000:stateMachine:made")
            #expect(result["same"] as? Bool == true)
            #expect(result["sync1"] as? [String] == ["SUCCEEDED", "1"])
            #expect(result["sync2"] as? String == "2")
            #expect(result["tested"] as? [String] == ["SUCCEEDED", "Big", #"{"n":5}"#])
            #expect(result["failed"] as? [String] == ["FAILED", "E", "c"])
            #expect(result["conflict"] as? String == "StateMachineAlreadyExists")
            #expect(result["invalid"] as? String == "InvalidDefinition")
            #expect(result["shipped"] as? String == "AccessDeniedException")
            #expect(result["deleted"] as? String == "OK")
            #expect(result["gone"] as? String == "StateMachineDoesNotExist")
            #expect(result["shippedDelete"] as? String == "AccessDeniedException")
            #expect(!root.exists("var/lib/sluice/config/state-machines/made.asl.json"))
            #expect(root.exists("etc/sluice/state-machines/hello.asl.json"))
        }
    }

    /// A Distributed Map's children are listed with the map run, each with its status, and described alone.
    @Test func mapRunsAndTheirChildren() async throws {
        let root = try DaemonRoot()
        try root.fanMachine(items: 10)
        try await InProcessDaemon.run(on: root) { _ in
            let client = AWSClient(root: root.path)
            let run = try await client.python(
                boto3Preamble + """
                    arn = sfn.start_execution(stateMachineArn="arn:aws:states:local:000000000000:stateMachine:fan", name="f")["executionArn"]
                    for _ in range(400):
                        d = sfn.describe_execution(executionArn=arn)
                        if d["status"] != "RUNNING": break
                        time.sleep(0.05)
                    runs = sfn.list_map_runs(executionArn=arn)["mapRuns"]
                    described = sfn.describe_map_run(mapRunArn=runs[0]["mapRunArn"])
                    children = sfn.list_executions(mapRunArn=runs[0]["mapRunArn"])["executions"]
                    failed = sfn.list_executions(mapRunArn=runs[0]["mapRunArn"], statusFilter="FAILED")["executions"]
                    child = sfn.describe_execution(executionArn=failed[0]["executionArn"])
                    out({"status": d["status"], "runs": len(runs), "items": described["itemCounts"],
                         "children": sorted(c["status"] for c in children),
                         "sameRun": all(c["mapRunArn"] == runs[0]["mapRunArn"] for c in children),
                         "child": [child["status"], child.get("error"), child.get("cause")],
                         "noRun": code(lambda: sfn.describe_map_run(mapRunArn=runs[0]["mapRunArn"] + "x"))})
                    """
            )
            #expect(run.status == 0, "\(run.errors)")
            let result = try #require(run.json as? [String: Any], "\(run.output) \(run.errors)")
            #expect(result["status"] as? String == "SUCCEEDED")
            #expect(result["runs"] as? Int == 1)
            let items = try #require(result["items"] as? [String: Int])
            #expect(items["succeeded"] == 6 && items["failed"] == 4 && items["total"] == 10)
            #expect(result["children"] as? [String] == ["FAILED", "FAILED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED"])
            #expect(result["sameRun"] as? Bool == true)
            #expect(result["child"] as? [String] == ["FAILED", "Item.Bad", "asked to"])
            #expect(result["noRun"] as? String == "ResourceNotFound")
        }
    }

    /// RedriveExecution, UpdateMapRun and DescribeStateMachineForExecution through boto3, with their main errors.
    @Test func redriveUpdateMapRunAndTheDefinitionAnExecutionRan() async throws {
        let root = try DaemonRoot()
        try root.fanMachine(items: 10)
        try root.write(
            "etc/sluice/state-machines/strict.asl.json",
            try #require(root.read("etc/sluice/state-machines/fan.asl.json")).replacingOccurrences(
                of: #""ToleratedFailureCount": 4"#,
                with: #""ToleratedFailureCount": 0"#
            )
        )
        try root.write(
            "etc/sluice/state-machines/slowfan.asl.json",
            #"""
            {"StartAt": "Each", "States": {"Each": {"Type": "Map", "MaxConcurrency": 1,
              "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSONL"},
                             "Parameters": {"Bucket": "data", "Key": "items.jsonl"}},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "Nap", "States": {"Nap": {"Type": "Wait", "Seconds": 1, "End": true}}},
              "End": true}}}
            """#
        )
        try await InProcessDaemon.run(on: root) { _ in
            let client = AWSClient(root: root.path)
            let run = try await client.python(
                boto3Preamble + """
                    base = "arn:aws:states:local:000000000000:stateMachine:"
                    def finish(arn):
                        for _ in range(600):
                            d = sfn.describe_execution(executionArn=arn)
                            if d["status"] != "RUNNING": return d
                            time.sleep(0.05)
                        return d
                    ok = sfn.start_execution(stateMachineArn=base + "fan", name="ok")["executionArn"]
                    strict = sfn.start_execution(stateMachineArn=base + "strict", name="strict")["executionArn"]
                    first = [finish(ok)["status"], finish(strict)["status"]]
                    redriven = sfn.redrive_execution(executionArn=strict)
                    for _ in range(600):
                        d = sfn.describe_execution(executionArn=strict)
                        if d.get("redriveCount", 0) >= 1 and d["status"] != "RUNNING": break
                        time.sleep(0.05)
                    definition = sfn.describe_state_machine_for_execution(executionArn=ok)
                    slow = sfn.start_execution(stateMachineArn=base + "slowfan", name="slow")["executionArn"]
                    runs = []
                    for _ in range(200):
                        runs = sfn.list_map_runs(executionArn=slow)["mapRuns"]
                        if runs: break
                        time.sleep(0.05)
                    updated = code(lambda: sfn.update_map_run(mapRunArn=runs[0]["mapRunArn"], maxConcurrency=10))
                    # The running execution applies the update; DescribeMapRun shows it once it has.
                    for _ in range(200):
                        concurrency = sfn.describe_map_run(mapRunArn=runs[0]["mapRunArn"])["maxConcurrency"]
                        if concurrency == 10: break
                        time.sleep(0.05)
                    out({"first": first, "redriveDate": "redriveDate" in redriven, "redriveCount": d.get("redriveCount"),
                         "notRedrivable": code(lambda: sfn.redrive_execution(executionArn=ok)),
                         "definition": "ToleratedFailureCount" in definition["definition"],
                         "updated": updated, "concurrency": concurrency,
                         "noRun": code(lambda: sfn.update_map_run(mapRunArn=runs[0]["mapRunArn"] + "x", maxConcurrency=1)),
                         "slow": finish(slow)["status"]})
                    """
            )
            #expect(run.status == 0, "\(run.errors)")
            let result = try #require(run.json as? [String: Any], "\(run.output) \(run.errors)")
            #expect(result["first"] as? [String] == ["SUCCEEDED", "FAILED"])
            #expect(result["redriveDate"] as? Bool == true)
            #expect(result["redriveCount"] as? Int == 1)
            #expect(result["notRedrivable"] as? String == "ExecutionNotRedrivable")
            #expect(result["definition"] as? Bool == true)
            #expect(result["updated"] as? String == "OK")
            #expect(result["concurrency"] as? Int == 10)
            #expect(result["noRun"] as? String == "ResourceNotFound")
            #expect(result["slow"] as? String == "SUCCEEDED")
        }
    }
}
