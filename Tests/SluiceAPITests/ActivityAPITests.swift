import Foundation
import SluiceTesting
import Testing

/// Activities through boto3: created as files under var/lib/sluice/config/activities, a Task on an activity
/// waiting for a worker that takes it with GetActivityTask and answers with SendTask*.
@Suite struct ActivityAPITests {
    @Test("A boto3 worker takes activity tasks and answers them; activities are files that Delete removes")
    func worker() async throws {
        let root = try DaemonRoot()
        try root.write(
            "etc/sluice/state-machines/worked.asl.json",
            #"""
            {"StartAt": "Work", "States": {"Work": {"Type": "Task",
              "Resource": "arn:aws:states:local:000000000000:activity:work", "HeartbeatSeconds": 30, "End": true}}}
            """#
        )
        try await InProcessDaemon.run(on: root) { _ in
            let client = AWSClient(root: root.path)
            let run = try await client.python(
                boto3Preamble + """
                    machine = "arn:aws:states:local:000000000000:stateMachine:worked"
                    def finish(arn):
                        for _ in range(400):
                            d = sfn.describe_execution(executionArn=arn)
                            if d["status"] != "RUNNING": return d
                            time.sleep(0.025)
                        return d
                    made = sfn.create_activity(name="work")
                    again = sfn.create_activity(name="work")
                    arn = made["activityArn"]
                    described = sfn.describe_activity(activityArn=arn)
                    listed = [a["name"] for a in sfn.list_activities()["activities"]]
                    one = sfn.start_execution(stateMachineArn=machine, name="one", input='{"n": 2}')
                    task = sfn.get_activity_task(activityArn=arn, workerName="w1")
                    sfn.send_task_heartbeat(taskToken=task["taskToken"])
                    n = json.loads(task["input"])["n"]
                    sfn.send_task_success(taskToken=task["taskToken"], output=json.dumps({"doubled": n * 2}))
                    first = finish(one["executionArn"])
                    two = sfn.start_execution(stateMachineArn=machine, name="two", input='{"n": 3}')
                    task2 = sfn.get_activity_task(activityArn=arn, workerName="w1")
                    bad = code(lambda: sfn.send_task_success(taskToken=task2["taskToken"], output="{nope"))
                    sfn.send_task_failure(taskToken=task2["taskToken"], error="Worker.Broke", cause="as asked")
                    second = finish(two["executionArn"])
                    out({"arn": arn, "same": again["activityArn"] == arn, "name": described["name"], "listed": listed,
                         "first": [first["status"], json.loads(first.get("output", "null"))],
                         "second": [second["status"], second.get("error"), second.get("cause")], "bad": bad,
                         "answered": code(lambda: sfn.send_task_success(taskToken=task["taskToken"], output="{}")),
                         "invalid": code(lambda: sfn.send_task_heartbeat(taskToken="nope")),
                         "noActivity": code(lambda: sfn.get_activity_task(activityArn=arn + "x")),
                         "badName": code(lambda: sfn.create_activity(name="a b"))})
                    """
            )
            #expect(run.status == 0, "\(run.errors)")
            let result = try #require(run.json as? [String: Any], "\(run.output) \(run.errors)")
            #expect(result["arn"] as? String == "arn:aws:states:local:000000000000:activity:work")
            #expect(result["same"] as? Bool == true)
            #expect(result["name"] as? String == "work")
            #expect(result["listed"] as? [String] == ["work"])
            let first = try #require(result["first"] as? [Any])
            #expect(first.first as? String == "SUCCEEDED")
            #expect((first.last as? [String: Any])?["doubled"] as? Int == 4)
            #expect(result["second"] as? [String] == ["FAILED", "Worker.Broke", "as asked"])
            #expect(result["bad"] as? String == "InvalidOutput")
            #expect(result["answered"] as? String == "TaskTimedOut")
            #expect(result["invalid"] as? String == "InvalidToken")
            #expect(result["noActivity"] as? String == "ActivityDoesNotExist")
            #expect(result["badName"] as? String == "InvalidName")
            #expect(FileManager.default.fileExists(atPath: root.path + "/var/lib/sluice/config/activities/work.json"))
            let deleted = try await client.python(
                boto3Preamble + """
                    arn = "arn:aws:states:local:000000000000:activity:work"
                    sfn.delete_activity(activityArn=arn)
                    out({"gone": code(lambda: sfn.describe_activity(activityArn=arn)),
                         "listed": sfn.list_activities()["activities"]})
                    """
            )
            let gone = try #require(deleted.json as? [String: Any], "\(deleted.output) \(deleted.errors)")
            #expect(gone["gone"] as? String == "ActivityDoesNotExist")
            #expect((gone["listed"] as? [Any])?.isEmpty == true)
            #expect(!FileManager.default.fileExists(atPath: root.path + "/var/lib/sluice/config/activities/work.json"))
        }
    }

    @Test("SendTaskHeartbeat keeps a task with HeartbeatSeconds alive; without one it times out, its token gone")
    func heartbeats() async throws {
        let root = try DaemonRoot()
        try root.write(
            "etc/sluice/state-machines/beats.asl.json",
            #"""
            {"StartAt": "Work", "States": {"Work": {"Type": "Task",
              "Resource": "arn:aws:states:local:000000000000:activity:slow", "HeartbeatSeconds": 8, "End": true}}}
            """#
        )
        try await InProcessDaemon.run(on: root) { _ in
            let client = AWSClient(root: root.path)
            let run = try await client.python(
                boto3Preamble + """
                    machine = "arn:aws:states:local:000000000000:stateMachine:beats"
                    def finish(arn):
                        for _ in range(800):
                            d = sfn.describe_execution(executionArn=arn)
                            if d["status"] != "RUNNING": return d
                            time.sleep(0.025)
                        return d
                    arn = sfn.create_activity(name="slow")["activityArn"]
                    kept = sfn.start_execution(stateMachineArn=machine, name="kept")
                    task = sfn.get_activity_task(activityArn=arn)
                    # 10 s in all, longer than HeartbeatSeconds; each heartbeat well within it, even on a machine
                    # busy with the whole suite.
                    for _ in range(20):
                        time.sleep(0.5)
                        sfn.send_task_heartbeat(taskToken=task["taskToken"])
                    sfn.send_task_success(taskToken=task["taskToken"], output='"done"')
                    first = finish(kept["executionArn"])
                    lost = sfn.start_execution(stateMachineArn=machine, name="lost")
                    task2 = sfn.get_activity_task(activityArn=arn)
                    second = finish(lost["executionArn"])
                    out({"first": [first["status"], first.get("output")], "second": [second["status"], second.get("error")],
                         "late": code(lambda: sfn.send_task_success(taskToken=task2["taskToken"], output="{}"))})
                    """
            )
            #expect(run.status == 0, "\(run.errors)")
            let result = try #require(run.json as? [String: Any], "\(run.output) \(run.errors)")
            #expect(result["first"] as? [String] == ["SUCCEEDED", #""done""#])
            #expect(result["second"] as? [String] == ["FAILED", "States.HeartbeatTimeout"])
            #expect(result["late"] as? String == "TaskTimedOut")
        }
    }
}
