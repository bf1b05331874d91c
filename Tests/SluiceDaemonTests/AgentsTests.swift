import Foundation
import SluiceEngine
import SluiceStore
import SluiceTesting
import SluiceVocabulary
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Functions served by `sluice-agent`s (issue 18) started here as local processes with their submission's secret,
/// as the Slurm half will start them as jobs: a Distributed Map over agents gives the local run's results, an agent
/// killed mid-run costs a retry, a wrong secret is refused, and agents come back to a restarted sluiced.
@Suite(.serialized) struct AgentsTests {
    static let items = 3_000

    /// A persistent function that logs "pid requestId" per request and answers each item doubled. While ROOT/slow
    /// exists, the batch with item 1500 takes 3 s and its worker's pid is written to ROOT/slow-pid.
    func writeFunctions(_ root: DaemonRoot, nap: Double = 0) throws {
        try root.write(
            "etc/sluice/functions/double.py",
            """
            import json, os, sys, time
            for line in sys.stdin:
                request = json.loads(line)
                with open("\(root.path)/calls", "a") as f:
                    f.write("%d %s\\n" % (os.getpid(), request["requestId"]))
                time.sleep(\(nap))
                items = request["payload"]["Items"]
                if any(i["n"] == 1500 for i in items) and os.path.exists("\(root.path)/slow"):
                    with open("\(root.path)/slow-pid", "w") as f:
                        f.write("%d" % os.getpid())
                    # Until the test has killed this worker's agent (a stalled machine must not let the batch end).
                    while os.path.exists("\(root.path)/slow"):
                        time.sleep(0.05)
                items = request["payload"]["Items"]
                sys.stdout.write(json.dumps({"requestId": request["requestId"], "result": [{"n": i["n"], "twice": 2 * i["n"]} for i in items]}) + "\\n")
                sys.stdout.flush()

            """
        )
        for name in ["double", "double-local"] {
            try root.write(
                "etc/sluice/functions/\(name).json",
                #"{"Command": ["python3", "double.py"], "Runtime": "persistent", "Timeout": 60}"#
            )
            try root.write(
                "etc/sluice/state-machines/\(name).asl.json",
                #"""
                {"StartAt": "Each", "States": {"Each": {"Type": "Map", "MaxConcurrency": 8,
                  "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSONL"},
                                 "Parameters": {"Bucket": "inbox", "Key": "items.jsonl"}},
                  "ItemBatcher": {"MaxItemsPerBatch": 10},
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "Double", "States": {"Double": {"Type": "Task", "Resource": "FUNCTION",
                      "Retry": [{"ErrorEquals": ["Runtime.ExitError"], "IntervalSeconds": 1, "MaxAttempts": 3}], "End": true}}},
                  "End": true}}}
                """#.replacingOccurrences(of: "FUNCTION", with: name)
            )
        }
        try root.write(
            "var/lib/sluice/buckets/inbox/items.jsonl",
            (0..<Self.items).map { "{\"n\": \($0)}\n" }.joined()
        )
    }

    func settings(port: Int = 0) -> SluiceSettings {
        var settings = SluiceSettings.testing
        settings.agents.listen = "127.0.0.1:\(port)"
        return settings
    }

    /// `sluice-agent` for `double`, its secret in the environment, its log in ROOT/agent-NAME.log.
    func startAgent(
        _ root: DaemonRoot,
        name: String,
        submission: String,
        secret: String,
        reconnectSeconds: Int = 60
    ) async throws -> Process {
        // The agents' service writes its endpoint once its listener is bound, which may be after sluiced is ready.
        try await eventually("run/sluice/agents-endpoint written") { root.read("run/sluice/agents-endpoint") != nil }
        let endpoint = try #require(root.read("run/sluice/agents-endpoint")).trimmingCharacters(
            in: .whitespacesAndNewlines
        )
        let process = Process()
        process.executableURL = URL(fileURLWithPath: SluiceTool.buildFolder + "/sluice-agent")
        process.arguments = [
            "--connect", endpoint, "--submission", submission, "--agent", name, "--function", "double",
            "--reconnect-seconds", String(reconnectSeconds), "--", "python3", "double.py",
        ]
        process.currentDirectoryURL = URL(fileURLWithPath: root.path + "/etc/sluice/functions")
        var environment = ProcessInfo.processInfo.environment
        environment["SLUICE_AGENT_SECRET"] = secret
        process.environment = environment
        let log = root.path + "/agent-\(name).log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        try process.run()
        return process
    }

    func run(_ machine: String, _ root: DaemonRoot) async throws -> String {
        let sluice = SluiceTool(root: root)
        let arn = try #require(try await sluice.json(["start-execution", machine])["executionArn"] as? String)
        try await eventually("\(machine) SUCCEEDED", within: .seconds(180)) {
            root.execution(arn)?.status == .succeeded
        }
        return try #require(root.execution(arn)?.output)
    }

    func calls(_ root: DaemonRoot) -> [Substring] {
        (root.read("calls") ?? "").split(separator: "\n")
    }

    @Test("A Distributed Map on 3 agents: every batch once, the local run's results", .timeLimit(.minutes(4)))
    func mapOnThreeAgents() async throws {
        let root = try DaemonRoot()
        defer { root.remove() }
        try writeFunctions(root)
        try await InProcessDaemon.run(on: root, settings: settings()) { daemon in
            let local = try await run("double-local", root)
            try FileManager.default.removeItem(atPath: root.path + "/calls")
            let (submission, secret) = await daemon.submitAgents(function: "double")
            var agents: [Process] = []
            for n in 1...3 {
                agents.append(try await startAgent(root, name: "a\(n)", submission: submission, secret: secret))
            }
            defer { for agent in agents { agent.terminate() } }
            try await eventually("3 agents connected") { await daemon.agentCounts("double").idle == 3 }
            let remote = try await run("double", root)
            #expect(remote == local)
            let requests = calls(root)
            #expect(requests.count == Self.items / 10)
            #expect(Set(requests.map { $0.split(separator: " ")[1] }).count == Self.items / 10)
            // All three served, and no local worker did.
            #expect(Set(requests.map { $0.split(separator: " ")[0] }).count == 3)
        }
    }

    @Test(
        "An agent killed mid-run: its batch fails as a crashed worker's and is retried; every item once",
        .timeLimit(.minutes(4))
    )
    func agentKilledMidRun() async throws {
        let root = try DaemonRoot()
        defer { root.remove() }
        try writeFunctions(root, nap: 0.01)
        try await InProcessDaemon.run(on: root, settings: settings()) { daemon in
            let (submission, secret) = await daemon.submitAgents(function: "double")
            var agents: [Process] = []
            for n in 1...3 {
                agents.append(try await startAgent(root, name: "a\(n)", submission: submission, secret: secret))
            }
            defer { for agent in agents where agent.isRunning { agent.terminate() } }
            try await eventually("3 agents connected") { await daemon.agentCounts("double").idle == 3 }
            try root.write("slow", "")
            let sluice = SluiceTool(root: root)
            let arn = try #require(try await sluice.json(["start-execution", "double"])["executionArn"] as? String)
            // The agent whose worker is in the middle of the slow batch (the worker is the agent's child).
            try await eventually("the slow batch started", within: .seconds(60)) { root.exists("slow-pid") }
            let worker = try #require(root.read("slow-pid").flatMap { Int32($0) })
            let stat = try String(contentsOfFile: "/proc/\(worker)/stat", encoding: .utf8)
            let parent = try #require(Int32(stat.split(separator: ")").last!.split(separator: " ")[1]))
            let victim = try #require(agents.firstIndex { $0.processIdentifier == parent })
            kill(agents[victim].processIdentifier, SIGKILL)
            try FileManager.default.removeItem(atPath: root.path + "/slow")
            try await eventually("the run SUCCEEDED", within: .seconds(180)) {
                root.execution(arn)?.status == .succeeded
            }
            #expect(daemon.log.contains("Runtime.ExitError"))
            #expect(daemon.log.contains("agent a\(victim + 1) on "))
            let output = try #require(root.execution(arn)?.output)
            let batches = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[[String: Int]]])
            #expect(batches.flatMap { $0 }.compactMap { $0["n"] } == Array(0..<Self.items))
        }
    }

    @Test("An agent with a wrong secret is refused, logged, and gives up", .timeLimit(.minutes(1)))
    func wrongSecretRefused() async throws {
        let root = try DaemonRoot()
        defer { root.remove() }
        try writeFunctions(root)
        try await InProcessDaemon.run(on: root, settings: settings()) { daemon in
            let (submission, _) = await daemon.submitAgents(function: "double")
            let agent = try await startAgent(
                root,
                name: "bad",
                submission: submission,
                secret: "not-it",
                reconnectSeconds: 2
            )
            try await eventually("refused") { daemon.log.contains("agents: refused agent bad of submission") }
            #expect(daemon.log.contains("wrong proof"))
            try await eventually("the agent gave up") { !agent.isRunning }
            #expect(agent.terminationStatus != 0)
            #expect(await daemon.agentCounts("double").idle == 0)
        }
    }

    @Test("sluiced restarted: its agents reconnect and serve the next run", .timeLimit(.minutes(2)))
    func agentsReconnectAfterRestart() async throws {
        let root = try DaemonRoot()
        defer { root.remove() }
        try writeFunctions(root)
        try root.write("var/lib/sluice/buckets/inbox/items.jsonl", (0..<100).map { "{\"n\": \($0)}\n" }.joined())
        let port = FixedPort.pick()
        let log = LogLines()
        var agents: [Process] = []
        defer { for agent in agents where agent.isRunning { agent.terminate() } }
        let (submission, secret) = try await InProcessDaemon.run(on: root, settings: settings(port: port), log: log) {
            daemon in
            let opened = await daemon.submitAgents(function: "double")
            for n in 1...2 {
                agents.append(
                    try await startAgent(root, name: "a\(n)", submission: opened.submission, secret: opened.secret)
                )
            }
            try await eventually("2 agents connected") { await daemon.agentCounts("double").idle == 2 }
            _ = try await run("double", root)
            return opened
        }
        try await InProcessDaemon.run(on: root, settings: settings(port: port), log: log) { daemon in
            // The Slurm half will keep its submissions across restarts; here the test gives the same one back.
            _ = await daemon.submitAgents(function: "double", submission: submission, secret: secret)
            do {
                try await eventually("the agents reconnected", within: .seconds(30)) {
                    await daemon.agentCounts("double").idle == 2
                }
            } catch {
                // What the agents and sluiced said, to tell a slow machine from a refusal.
                let agentLogs = (1...2).map { root.read("agent-a\($0).log") ?? "" }.joined(separator: "\n---\n")
                Issue.record(
                    "\(await daemon.agentCounts("double")); agents said:\n\(agentLogs)\nsluiced said:\n\(daemon.log.text.split(separator: "\n").filter { $0.contains("agent") }.joined(separator: "\n"))"
                )
                throw error
            }
            try FileManager.default.removeItem(atPath: root.path + "/calls")
            _ = try await run("double", root)
            #expect(calls(root).count == 10)
        }
        #expect(agents.allSatisfy { $0.isRunning })
    }

    @Test("sluice-agent refuses a secret file others can read, and a command line without a secret")
    func secretFileMustBePrivate() throws {
        let root = try DaemonRoot()
        defer { root.remove() }
        try root.write("secret", "s3cret\n")
        chmod(root.path + "/secret", 0o644)
        func agent(_ extra: [String], environment: [String: String] = [:]) throws -> (status: Int32, errors: String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: SluiceTool.buildFolder + "/sluice-agent")
            process.arguments =
                ["--connect", "127.0.0.1:9", "--submission", "s", "--agent", "a", "--function", "f"] + extra + [
                    "--", "true",
                ]
            process.environment = environment
            let pipe = Pipe()
            process.standardError = pipe
            try process.run()
            let errors = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, errors)
        }
        let open = try agent(["--secret-file", root.path + "/secret"])
        #expect(open.status != 0)
        #expect(open.errors.contains("mode 0600"))
        let none = try agent([])
        #expect(none.status != 0)
        #expect(none.errors.contains("no secret"))
    }

}
