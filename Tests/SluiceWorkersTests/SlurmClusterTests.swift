import Foundation
import Testing

@testable import SluiceWorkers

/// The cluster `make test` starts as root on Debian (.ci/slurm.sh: three nodes n1..n3 on this host), found through
/// SLUICE_SLURM_CONF; nil when it is not set or its slurmctld does not answer.
enum SlurmTestCluster {
    static let command: SlurmCommand? = {
        guard let conf = ProcessInfo.processInfo.environment["SLUICE_SLURM_CONF"], !conf.isEmpty else { return nil }
        let command = SlurmCommand(environment: ["SLURM_CONF": conf])
        guard let answer = try? command.run("sinfo", ["--noheader", "--format=%n"]), answer.status == 0 else {
            return nil
        }
        return command
    }()

    static let skipped =
        "no Slurm cluster: `make test` starts one as root on Debian (.ci/slurm.sh start, then SLUICE_SLURM_CONF=its slurm.conf)"
}

/// Agents submitted to a real Slurm: a job array spread over the nodes, read back with squeue, cancelled with scancel.
@Suite(.enabled(if: SlurmTestCluster.command != nil, Comment(rawValue: SlurmTestCluster.skipped)), .serialized)
struct SlurmClusterTests {
    let slurm = SlurmTestCluster.command!

    /// Waits up to `seconds` for `condition`, polling every 100 ms.
    func eventually(_ seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return try condition()
    }

    @Test(
        "Three agents spread over n1..n3, squeue shows them running there, the secret stays off command lines, scancel empties the queue",
        .timeLimit(.minutes(2))
    )
    func submitReadCancel() throws {
        let fm = FileManager.default
        let base = NSTemporaryDirectory() + "sluice-slurm-" + UUID().uuidString
        let reports = base + "/reports"
        try fm.createDirectory(atPath: reports, withIntermediateDirectories: true)
        defer { try? fm.removeItem(atPath: base) }
        // The stand-in for sluice-agent: what the node sees, then it waits to be cancelled (not exec'ing sleep, so that
        // `ps` still shows its arguments).
        let agent = base + "/agent.sh"
        try """
        #!/bin/sh
        while [ "$#" -gt 0 ] && [ "$1" != --secret-file ]; do shift; done
        secret_file=$2
        printf '%s %s %s %s %s\\n' "$SLURMD_NODENAME" "$SLURM_ARRAY_TASK_ID" "$(stat -c %a "$secret_file")" \
            "$(cat "$secret_file" | wc -c)" "$GREETING" > \(reports)/agent-$SLURM_ARRAY_TASK_ID.tmp
        mv \(reports)/agent-$SLURM_ARRAY_TASK_ID.tmp \(reports)/agent-$SLURM_ARRAY_TASK_ID
        sleep 300
        """.write(toFile: agent, atomically: true, encoding: .utf8)
        chmod(agent, 0o755)

        var function = FunctionDefinition(name: "stand-in", command: ["/bin/cat"], file: base + "/stand-in.json")
        function.runtime = .persistent
        function.environment = ["GREETING": "hello"]
        function.workingDirectory = base
        var placement = SlurmPlacement(partition: "debug")
        placement.maxWorkers = 3
        placement.timeLimit = "5"
        let submitter = SlurmSubmitter(
            advertise: "127.0.0.1:1",
            agentProgram: agent,
            agentsFolder: base + "/agents",
            slurm: slurm
        )
        let secret = "sluice-test-secret-" + UUID().uuidString
        let submission = try submitter.submit(
            function,
            placement: placement,
            submission: "s1",
            secret: secret,
            count: 3
        )
        defer { try? submitter.cancel(submission) }

        // What each agent's node wrote: its name, its array index, the secret file's mode and size, the environment.
        #expect(eventually(30) { (0..<3).allSatisfy { fm.fileExists(atPath: reports + "/agent-\($0)") } })
        var nodes: [Int: String] = [:]
        for i in 0..<3 {
            let fields = try String(contentsOfFile: reports + "/agent-\(i)", encoding: .utf8)
                .split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            #expect(fields.count == 5)
            guard fields.count == 5 else { continue }
            #expect(fields[1] == String(i))
            #expect(fields[2] == "600", "the secret file is its owner's alone")
            #expect(fields[3] == String(secret.utf8.count), "the agent reads the whole secret")
            #expect(fields[4] == "hello", "the function's Environment reaches the agent")
            nodes[i] = fields[0]
        }
        // .ci/slurm.sh sets the partition to least-loaded-node placement, so three agents take three nodes.
        #expect(Set(nodes.values) == ["n1", "n2", "n3"])

        let states = try submitter.agents(of: submission)
        #expect(states.map(\.agent) == [0, 1, 2])
        for state in states {
            #expect(state.state == "RUNNING")
            #expect(state.node == nodes[state.agent], "squeue's node for agent \(state.agent) is the one it ran on")
        }

        // The secret is in its file only: not in the job Slurm keeps, its script, or any process's arguments.
        let job = try slurm.check("scontrol", ["show", "job", "--details", submission.jobId])
        #expect(job.contains("JobId="))
        #expect(!job.contains(secret))
        let script = try String(contentsOfFile: submission.folder + "/agents.sh", encoding: .utf8)
        #expect(!script.contains(secret))
        let ps = try slurm.check("ps", ["-eo", "pid,args"])
        #expect(ps.contains("--secret-file"), "ps shows the agents")
        #expect(!ps.contains(secret))

        // One agent, then the rest.
        try submitter.cancel(submission, agent: 1)
        #expect(try eventually(20) { try submitter.agents(of: submission).map(\.agent) == [0, 2] })
        try submitter.cancel(submission)
        #expect(try eventually(20) { try submitter.agents(of: submission).isEmpty })
        let queue = try slurm.check("squeue", ["--noheader", "--jobs=\(submission.jobId)"])
        #expect(queue.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
        try submitter.remove(submission)
        #expect(!FileManager.default.fileExists(atPath: submission.folder), "the secret goes with its folder")
    }

    @Test(
        "Provisioned agents as the steps of one job (a batch job, or an allocation granted at once): one per node by the nodes' own view, squeue shows each step's node, the secret stays off command lines, scancel of the job empties the queue",
        .timeLimit(.minutes(2)),
        arguments: [SlurmSubmissionShape.steps, .allocation]
    )
    func stepJob(shape: SlurmSubmissionShape) throws {
        let fm = FileManager.default
        let base = NSTemporaryDirectory() + "sluice-slurm-" + UUID().uuidString
        let reports = base + "/reports"
        try fm.createDirectory(atPath: reports, withIntermediateDirectories: true)
        defer { try? fm.removeItem(atPath: base) }
        // The stand-in for sluice-agent: its agent number, then what its node says of itself.
        let agent = base + "/agent.sh"
        try """
        #!/bin/sh
        while [ "$#" -gt 0 ] && [ "$1" != --agent ]; do shift; done
        number=$2
        shift 2
        while [ "$#" -gt 0 ] && [ "$1" != --secret-file ]; do shift; done
        secret_file=$2
        printf '%s %s %s %s %s %s %s\\n' "$SLURMD_NODENAME" "$number" "$SLURM_STEP_ID" "$(stat -c %a "$secret_file")" \
            "$(cat "$secret_file" | wc -c)" "$GREETING" "${SLUICE_TEST_LEAK:-none}" > \(reports)/agent-$number.tmp
        mv \(reports)/agent-$number.tmp \(reports)/agent-$number
        sleep 300
        """.write(toFile: agent, atomically: true, encoding: .utf8)
        chmod(agent, 0o755)

        var function = FunctionDefinition(name: "stand-in", command: ["/bin/cat"], file: base + "/stand-in.json")
        function.runtime = .persistent
        function.environment = ["GREETING": "hello"]
        var placement = SlurmPlacement(partition: "debug")
        placement.maxWorkers = 3
        placement.timeLimit = "5"
        let submitter = SlurmSubmitter(
            advertise: "127.0.0.1:1",
            agentProgram: agent,
            agentsFolder: base + "/agents",
            slurm: slurm
        )
        let secret = "sluice-test-secret-" + UUID().uuidString
        // A variable of sluiced's own: sbatch gets only its SLURM_* ones, so the agents never see it.
        setenv("SLUICE_TEST_LEAK", "leaked", 1)
        let submission = try submitter.submit(
            function,
            placement: placement,
            submission: "s1",
            secret: secret,
            count: 3,
            shape: shape
        )
        defer { try? submitter.cancel(submission) }
        #expect(submission.shape == shape, "the cluster is idle: an allocation is granted at once")
        let record = try #require(SlurmSubmissionRecord.all(in: base + "/agents").first?.record)
        #expect(record.submission == submission, "the record says it is a step job, for the next sluiced to adopt")

        #expect(eventually(30) { (0..<3).allSatisfy { fm.fileExists(atPath: reports + "/agent-\($0)") } })
        var nodes: [Int: String] = [:]
        var steps: [Int: String] = [:]
        for i in 0..<3 {
            let fields = try String(contentsOfFile: reports + "/agent-\(i)", encoding: .utf8)
                .split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            #expect(fields.count == 7)
            guard fields.count == 7 else { continue }
            #expect(fields[1] == String(i))
            #expect(fields[3] == "600", "the secret file is its owner's alone")
            #expect(fields[4] == String(secret.utf8.count), "the agent reads the whole secret")
            #expect(fields[5] == "hello", "the function's Environment reaches the agent's step")
            #expect(fields[6] == "none", "sluiced's own environment does not")
            nodes[i] = fields[0]
            steps[i] = fields[2]
        }
        #expect(Set(nodes.values) == ["n1", "n2", "n3"], "one agent per node: \(nodes)")
        // Each node's slurmd launched the step of the agent that said it ran there (its log, not sluice's).
        let logs = ((slurm.environment["SLURM_CONF"] ?? "/") as NSString).deletingLastPathComponent + "/log"
        for (i, node) in nodes {
            let log = (try? String(contentsOfFile: logs + "/slurmd-\(node).log", encoding: .utf8)) ?? ""
            #expect(log.contains("launch task StepId=\(submission.jobId).\(steps[i] ?? "?") "), "agent \(i) on \(node)")
        }

        #expect(
            try eventually(10) { try submitter.agents(of: submission).allSatisfy { $0.state == "RUNNING" } },
            "squeue lists every step"
        )
        let states = try submitter.agents(of: submission)
        #expect(states.map(\.agent) == [0, 1, 2])
        for state in states {
            #expect(state.node == nodes[state.agent], "squeue's node for agent \(state.agent) is the one it ran on")
        }
        let ps = try slurm.check("ps", ["-eo", "pid,args"])
        #expect(ps.contains("--secret-file"), "ps shows the agents")
        #expect(!ps.contains(secret))
        let job = try slurm.check("scontrol", ["show", "job", "--details", submission.jobId])
        #expect(!job.contains(secret))

        if shape == .allocation { try launchAgain(submission, submitter: submitter, reports: reports, nodes: nodes) }

        // Its agents are not cancelled one by one; the job goes whole.
        #expect(throws: SlurmError.self) { try submitter.cancel(submission, agent: 1) }
        try submitter.cancel(submission)
        #expect(try eventually(20) { try submitter.agents(of: submission).isEmpty })
        let queue = try slurm.check("squeue", ["--noheader", "--jobs=\(submission.jobId)"])
        #expect(queue.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
        #expect(eventually(10) { !SlurmSubmitter.launcherRuns(submission.folder) }, "the launcher ends with its steps")
        try submitter.remove(submission)
    }

    /// An allocation's launcher runs in a session of its own (a sluiced killed outside systemd leaves it running).
    /// Killed with every srun of its steps at once (as systemd kills a dead sluiced's control group), the agents run
    /// on: nothing is launched again. Their steps ended (here by scancel), `resume` launches them again into the same
    /// allocation, one per node again.
    func launchAgain(
        _ submission: SlurmSubmission,
        submitter: SlurmSubmitter,
        reports: String,
        nodes: [Int: String]
    ) throws {
        let pidText = try String(contentsOfFile: submission.folder + "/launcher.pid", encoding: .utf8)
        let launcher = try #require(Int32(pidText.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(SlurmSubmitter.launcherRuns(submission.folder))
        #expect(getsid(launcher) == launcher, "the launcher leads a session of its own")
        #expect(getsid(launcher) != getsid(0))
        #expect(try submitter.resume(submission) == [], "nothing to launch while the launcher runs")
        kill(-launcher, SIGKILL)
        #expect(eventually(10) { !SlurmSubmitter.launcherRuns(submission.folder) })
        Thread.sleep(forTimeInterval: 2)
        #expect(try submitter.agents(of: submission).map(\.agent) == [0, 1, 2], "the agents outlive their sruns")
        #expect(try submitter.resume(submission) == [], "nothing to launch while the agents run")

        let fm = FileManager.default
        for i in 0..<3 { try? fm.removeItem(atPath: reports + "/agent-\(i)") }
        _ = try slurm.check("scancel", (0..<3).map { "\(submission.jobId).\($0)" })
        #expect(
            try eventually(20) {
                try slurm.check("squeue", ["--noheader", "--steps", "--jobs=\(submission.jobId)", "--format=%j"])
                    .trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            },
            "the steps are cancelled"
        )
        let job = try slurm.check("squeue", ["--noheader", "--jobs=\(submission.jobId)", "--format=%T"])
        #expect(job.contains("RUNNING"), "the allocation stays without its agents")
        #expect(try submitter.resume(submission) == [0, 1, 2])
        #expect(eventually(30) { (0..<3).allSatisfy { fm.fileExists(atPath: reports + "/agent-\($0)") } })
        var again: [Int: String] = [:]
        for i in 0..<3 {
            let text = (try? String(contentsOfFile: reports + "/agent-\(i)", encoding: .utf8)) ?? ""
            again[i] = text.split(separator: " ").first.map(String.init)
        }
        #expect(Set(again.values) == ["n1", "n2", "n3"], "launched again one per node: \(again)")
        #expect(try eventually(10) { try submitter.agents(of: submission).map(\.agent) == [0, 1, 2] })
    }

    @Test(
        "An allocation Slurm cannot grant at once becomes a batch step job that waits in the queue; no allocation is left behind",
        .timeLimit(.minutes(1))
    )
    func allocationFallsBackToBatch() throws {
        let base = NSTemporaryDirectory() + "sluice-slurm-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: base) }
        var function = FunctionDefinition(name: "later", command: ["/bin/cat"], file: base + "/later.json")
        function.runtime = .persistent
        var placement = SlurmPlacement(partition: "debug")
        placement.maxWorkers = 2
        // Not before an hour from now: salloc --immediate cannot have it, sbatch queues it.
        placement.extraArgs = ["--begin=now+3600"]
        let submitter = SlurmSubmitter(
            advertise: "127.0.0.1:1",
            agentProgram: "/bin/true",
            agentsFolder: base + "/agents",
            slurm: slurm
        )
        let submission = try submitter.submit(
            function,
            placement: placement,
            submission: "s1",
            secret: "x",
            count: 2,
            shape: .allocation
        )
        defer { try? submitter.cancel(submission) }
        #expect(submission.shape == .steps)
        let record = try #require(SlurmSubmissionRecord.all(in: base + "/agents").first?.record)
        #expect(record.submission == submission)
        let states = try submitter.agents(of: submission)
        #expect(states.map(\.agent) == [0, 1])
        #expect(states.allSatisfy { $0.state == "PENDING" }, "\(states)")
        let named = try slurm.check(
            "squeue",
            ["--noheader", "--name=\(SlurmSubmitter.jobName(function: "later", submission: "s1"))", "--format=%i"]
        )
        #expect(
            named.split(whereSeparator: \.isNewline).map(String.init) == [submission.jobId],
            "one job: the batch one"
        )
        try submitter.cancel(submission)
    }

    @Test("sluice validate's check finds the client and the partition up on three nodes")
    func readiness() {
        let findings = SlurmReadiness.check(SlurmPlacement(partition: "debug"), slurm: slurm)
        #expect(findings.map(\.severity) == [.note])
        #expect(findings.first?.message.contains("partition 'debug' is up, 3 node(s)") == true, "\(findings)")
    }

    @Test("A Slurm command that fails is an error naming the command and carrying its stderr")
    func errors() throws {
        let base = NSTemporaryDirectory() + "sluice-slurm-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: base) }
        var function = FunctionDefinition(name: "nowhere", command: ["/bin/cat"], file: base + "/nowhere.json")
        function.runtime = .persistent
        let submitter = SlurmSubmitter(
            advertise: "127.0.0.1:1",
            agentProgram: "/bin/true",
            agentsFolder: base,
            slurm: slurm
        )
        let error = #expect(throws: SlurmError.self) {
            try submitter.submit(
                function,
                placement: SlurmPlacement(partition: "no-such-partition"),
                submission: "s",
                secret: "x",
                count: 1
            )
        }
        #expect(error?.command == "sbatch")
        #expect(error?.message.contains("invalid partition") == true, "\(String(describing: error))")
        #expect(!FileManager.default.fileExists(atPath: base + "/s"), "a failed submission leaves no secret behind")
    }
}
