import Foundation
import SluiceTesting
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The story with its `score` workers on a real Slurm 22.05 (`make test` starts three slurmd nodes n1..n3 on this
/// host, .ci/slurm.sh): the real sluiced submits the agents, the companies dropped into the inbox are scored by
/// them, each once, with the scores a local run gives; an agent cancelled with scancel mid-run and sluiced killed
/// with SIGKILL mid-run cost retries, not companies; a clean stop leaves nothing in the queue.
@Suite(.enabled(if: SlurmDaemonCluster.conf != nil, Comment(rawValue: SlurmDaemonCluster.skipped)), .serialized)
struct SlurmPipelineTests: RealDaemonTesting {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    var environment: [String: String] { ["SLURM_CONF": SlurmDaemonCluster.conf!] }

    @Test(
        "227,000 companies scored by agents on three Slurm nodes: each once, equal to a local run, spread over n1..n3 by the nodes' own logs; a clean stop empties the queue",
        .timeLimit(.minutes(5))
    )
    func storyOnSlurm() async throws {
        let root = try prepare(companies: 227_000, nap: 0, agents: 3, port: 0)
        defer { root.remove() }
        let (daemon, log) = try await launch(root, environment: environment)
        try await waitFor(seconds: 60) { connectedAgents(log) >= 3 }
        // sluice status shows them (its report is a few seconds behind).
        var status = ""
        try await waitFor(seconds: 15) {
            status = String(decoding: (try? sluice(root, ["status"]).output) ?? Data(), as: UTF8.self)
            return status.contains("score on Slurm (debug): 3 running (n1×1, n2×1, n3×1), 0 pending; 3 connected")
        }

        drop(root)
        try await succeeded(log, "score-companies", within: 180)
        let onSlurm = try scores(root, "scores")
        #expect(onSlurm.lines == 227_000)
        #expect(onSlurm.byCompany.count == 227_000, "every company exactly once")

        // The same companies through the same model on this machine's workers.
        let input = #"{"Bucket": "inbox", "Key": "companies/companies.csv", "Size": 1}"#
        #expect(try sluice(root, ["start-execution", "score-here", "--name", "here", "--input", input]).status == 0)
        try await succeeded(log, "score-here", within: 180)
        let here = try scores(root, "scores-here")
        #expect(here.byCompany == onSlurm.byCompany, "the agents' scores are the local run's")

        // The three provisioned agents are the steps of one job, and each node's slurmd launched one of them (its
        // log, not sluice's, says so).
        let jobs = SlurmDaemonCluster.jobs(named: "sluice-score-")
        #expect(jobs.count == 1, "one job for the provisioned agents: \(jobs)")
        let steps = jobs.flatMap { SlurmDaemonCluster.steps(of: $0.id) }.filter { $0.name.hasPrefix("agent-") }
        #expect(steps.map(\.name) == ["agent-0", "agent-1", "agent-2"])
        var launchedOn: [String: String] = [:]
        for node in ["n1", "n2", "n3"] {
            let nodeLog =
                (try? String(contentsOfFile: SlurmDaemonCluster.logs + "/slurmd-\(node).log", encoding: .utf8)) ?? ""
            for step in steps where nodeLog.contains("launch task StepId=\(step.id) ") { launchedOn[step.id] = node }
        }
        #expect(Set(launchedOn.values) == ["n1", "n2", "n3"], "agents by node: \(launchedOn)")
        for step in steps { #expect(launchedOn[step.id] == step.node, "squeue and slurmd agree on step \(step.id)") }

        try await stop(daemon)
        #expect(SlurmDaemonCluster.jobs(named: "sluice-score-").isEmpty, "no agent outlives a clean stop")
        #expect(root.files("var/lib/sluice/agents").isEmpty)
    }

    @Test(
        "An agent cancelled with scancel mid-run: its batch is retried elsewhere, the run succeeds with every company once",
        .timeLimit(.minutes(4))
    )
    func scancelMidRun() async throws {
        let root = try prepare(companies: 60_000, nap: 0.5, agents: 3, port: 0)
        defer { root.remove() }
        let (daemon, log) = try await launch(root, environment: environment)
        try await waitFor(seconds: 60) { connectedAgents(log) >= 3 }
        drop(root)
        try await waitFor(seconds: 60) { root.lines("calls") >= 12 }
        // One agent: its step of the provisioned agents' job (the others keep serving).
        let job = try #require(SlurmDaemonCluster.jobs(named: "sluice-score-").first)
        let victim = try #require(SlurmDaemonCluster.steps(of: job.id).first { $0.name.hasPrefix("agent-") })
        #expect(SlurmDaemonCluster.run(["scancel", victim.id]).status == 0)
        try await succeeded(log, "score-companies", within: 150)
        let result = try scores(root, "scores")
        #expect(result.lines == 60_000)
        #expect(result.byCompany.count == 60_000, "every company exactly once")
        #expect(logContains(log, "disconnected"), "sluiced saw the agent go")
        #expect(logContains(log, "Runtime.ExitError"), "the batch it had was failed as a crashed Lambda's, and retried")
        try await stop(daemon)
        #expect(SlurmDaemonCluster.jobs(named: "sluice-score-").isEmpty)
    }

    @Test(
        "sluiced killed with SIGKILL mid-run, its agents' launcher too: restarted, it adopts the agents left in the queue, the run resumes with every company once, and a clean stop leaves no job",
        .timeLimit(.minutes(4))
    )
    func killedMidRun() async throws {
        // A fixed port: the agents come back to the address they were given.
        let root = try prepare(companies: 60_000, nap: 0.5, agents: 3, port: FixedPort.pick())
        defer { root.remove() }
        let (daemon, log) = try await launch(root, environment: environment)
        try await waitFor(seconds: 60) { connectedAgents(log) >= 3 }
        let before = Set(SlurmDaemonCluster.jobs(named: "sluice-score-").map(\.id))
        // The record the next sluiced adopts from says the agents are the steps of one allocation.
        let folders = root.files("var/lib/sluice/agents")
        let records = folders.compactMap { root.read("var/lib/sluice/agents/\($0)/submission.json") }
        #expect(records.count == 1)
        for record in records { #expect(record.contains(#""allocation""#), "\(record)") }
        let launcher = folders.compactMap { root.read("var/lib/sluice/agents/\($0)/launcher.pid") }.first
            .flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        drop(root)
        try await waitFor(seconds: 60) { root.lines("calls") >= 12 }
        kill(daemon.processIdentifier, SIGKILL)
        daemon.waitUntilExit()
        // And the launcher with every srun of the agents' steps, as systemd kills what is left in a dead sluiced's
        // control group: the agents run on.
        let pid = try #require(launcher, "the allocation's launcher wrote its pid")
        kill(-pid, SIGKILL)

        let (again, _) = try await launch(root, environment: environment)
        try await waitFor(seconds: 30) { logContains(log, "adopted 3 agent(s) of function score") }
        try await succeeded(log, "score-companies", within: 150)
        #expect(
            Set(SlurmDaemonCluster.jobs(named: "sluice-score-").map(\.id)) == before,
            "the same agents, adopted, not new ones"
        )
        let result = try scores(root, "scores")
        #expect(result.lines == 60_000)
        #expect(result.byCompany.count == 60_000, "every company exactly once")
        try await stop(again)
        #expect(SlurmDaemonCluster.jobs(named: "sluice-score-").isEmpty, "no job left in squeue")
        #expect(root.files("var/lib/sluice/agents").isEmpty)
    }

    @Test(
        "No provisioned agents: none in the queue until invocations wait, then as many as they need (up to MaxWorkers), released once idle",
        .timeLimit(.minutes(3))
    )
    func onDemandThenReleased() async throws {
        let root = try prepare(companies: 6_000, nap: 0.5, agents: 3, port: 0, provisioned: 0, idleSeconds: 3)
        defer { root.remove() }
        let (daemon, log) = try await launch(root, environment: environment)
        try await Task.sleep(for: .seconds(3))
        #expect(SlurmDaemonCluster.jobs(named: "sluice-score-").isEmpty, "nothing submitted before it is needed")
        drop(root)
        try await succeeded(log, "score-companies", within: 90)
        #expect(logContains(log, "submitted"), "agents were submitted once invocations waited")
        #expect(try scores(root, "scores").byCompany.count == 6_000)
        try await waitFor(seconds: 30) { SlurmDaemonCluster.jobs(named: "sluice-score-").isEmpty }
        #expect(logContains(log, "released"), "idle agents were cancelled")
        try await stop(daemon)
    }

    @Test(
        "Every agent of the provisioned allocation ended (its steps scancelled): sluiced gives the allocation back and submits a replacement",
        .timeLimit(.minutes(2))
    )
    func allocationGivenBackWhenItsAgentsEnd() async throws {
        let root = try prepare(companies: 1_000, nap: 0, agents: 2, port: 0)
        defer { root.remove() }
        let (daemon, log) = try await launch(root, environment: environment)
        try await waitFor(seconds: 60) { connectedAgents(log) >= 2 }
        let allocation = try #require(SlurmDaemonCluster.jobs(named: "sluice-score-").first)
        let steps = SlurmDaemonCluster.steps(of: allocation.id).filter { $0.name.hasPrefix("agent-") }
        #expect(steps.count == 2)
        #expect(SlurmDaemonCluster.run(["scancel"] + steps.map(\.id)).status == 0)
        // An allocation does not end with its steps: sluiced cancels it, and agents come again as another job.
        try await waitFor(seconds: 60) {
            let jobs = SlurmDaemonCluster.jobs(named: "sluice-score-").map(\.id)
            return !jobs.contains(allocation.id) && !jobs.isEmpty
        }
        try await waitFor(seconds: 60) { connectedAgents(log) >= 4 }
        drop(root)
        try await succeeded(log, "score-companies", within: 90)
        #expect(try scores(root, "scores").byCompany.count == 1_000)
        try await stop(daemon)
        #expect(SlurmDaemonCluster.jobs(named: "sluice-score-").isEmpty, "no job left in squeue")
    }

    @Test(
        "A reload lowers ProvisionedConcurrency from 3 to 1: once idle, the provisioned agents' allocation is given back and one agent is provisioned again; a run still succeeds",
        .timeLimit(.minutes(3))
    )
    func provisionedLoweredByReload() async throws {
        let root = try prepare(companies: 3_000, nap: 0, agents: 3, port: 0, idleSeconds: 2)
        defer { root.remove() }
        let (daemon, log) = try await launch(root, environment: environment)
        try await waitFor(seconds: 60) { connectedAgents(log) >= 3 }
        let before = SlurmDaemonCluster.jobs(named: "sluice-score-").map(\.id)
        #expect(before.count == 1)
        let score = try #require(root.read("etc/sluice/functions/score.json"))
        try root.write(
            "etc/sluice/functions/score.json",
            score.replacingOccurrences(of: #""ProvisionedConcurrency": 3"#, with: #""ProvisionedConcurrency": 1"#)
        )
        kill(daemon.processIdentifier, SIGHUP)
        try await waitFor(seconds: 60) {
            logContains(log, "giving back the job of function score's provisioned agents")
        }
        // One job again, a new one, with one agent's step.
        try await waitFor(seconds: 60) {
            let jobs = SlurmDaemonCluster.jobs(named: "sluice-score-").map(\.id)
            return jobs.count == 1 && jobs != before
                && SlurmDaemonCluster.steps(of: jobs[0]).filter { $0.name.hasPrefix("agent-") }.count == 1
        }
        try await waitFor(seconds: 30) { connectedAgents(log) >= 4 }
        drop(root)
        try await succeeded(log, "score-companies", within: 90)
        #expect(try scores(root, "scores").byCompany.count == 3_000)
        try await stop(daemon)
        #expect(SlurmDaemonCluster.jobs(named: "sluice-score-").isEmpty, "no job left in squeue")
    }

    // MARK: - The pipeline

    /// etc/sluice as shipped, with `score` on Slurm: `agents` provisioned (so they start at once, one per node),
    /// as many at most, each batch napping `nap` s first (to act mid-run); `score-here` is the same model on this
    /// machine, for comparison (state machine `score-here`, results under scores-here/).
    func prepare(
        companies: Int,
        nap: Double,
        agents: Int,
        port: Int,
        provisioned: Int? = nil,
        idleSeconds: Int = 120
    ) throws -> Root {
        let root = try Root()
        let fm = FileManager.default
        try fm.createDirectory(atPath: root.path + "/etc", withIntermediateDirectories: true)
        try fm.copyItem(atPath: Self.repository + "/etc/sluice", toPath: root.path + "/etc/sluice")
        try root.write(
            "etc/sluice/sluiced.json",
            #"{"Region": "local", "Account": "000000000000", "MaxWorkers": 2, "Api": {"Listen": "127.0.0.1:0"}, "Agents": {"Listen": "127.0.0.1:PORT", "IdleSeconds": IDLE}}"#
                .replacingOccurrences(of: "PORT", with: String(port))
                .replacingOccurrences(of: "IDLE", with: String(idleSeconds))
        )
        try root.writeNapScore()
        try root.write(
            "etc/sluice/functions/score.json",
            """
            {"Command": ["python3", "nap_score.py"], "Runtime": "persistent", "Timeout": 60,
             "ReservedConcurrency": \(agents), "ProvisionedConcurrency": \(provisioned ?? agents), "Environment": {"SCORE_NAP": "\(nap)"},
             "Placement": {"Type": "slurm", "Partition": "debug", "MaxWorkers": \(agents), "TimeLimit": 30}}
            """
        )
        try root.write(
            "etc/sluice/functions/score-here.json",
            #"{"Command": ["python3", "nap_score.py"], "Runtime": "persistent", "Timeout": 60, "ReservedConcurrency": 2}"#
        )
        let shipped = try String(
            contentsOfFile: Self.repository + "/etc/sluice/state-machines/score-companies.asl.json",
            encoding: .utf8
        )
        try root.write(
            "etc/sluice/state-machines/score-here.asl.json",
            shipped.replacingOccurrences(of: #""FunctionName": "score""#, with: #""FunctionName": "score-here""#)
                .replacingOccurrences(of: #""Prefix": "scores""#, with: #""Prefix": "scores-here""#)
        )
        let generate = Process()
        generate.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        generate.arguments = [
            "python3", Self.repository + "/etc/sluice/examples/generate-companies.py", String(companies),
            root.path + "/companies.csv",
        ]
        try generate.run()
        generate.waitUntilExit()
        #expect(generate.terminationStatus == 0)
        return root
    }

    /// companies.csv into s3://inbox/companies/ (written aside, then renamed in, as an upload lands).
    func drop(_ root: Root) {
        let folder = root.path + "/var/lib/sluice/buckets/inbox/companies"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try? FileManager.default.copyItem(atPath: root.path + "/companies.csv", toPath: folder + "/.companies.csv.part")
        rename(folder + "/.companies.csv.part", folder + "/companies.csv")
    }

    func connectedAgents(_ log: String) -> Int {
        ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").components(separatedBy: "(function score, n")
            .count - 1
    }

    /// Waits for an execution of `machine` to end, and expects it SUCCEEDED.
    func succeeded(_ log: String, _ machine: String, within seconds: Double) async throws {
        func ending() -> String? {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            return text.split(separator: "\n").last { line in
                line.contains("execution \(machine):")
                    && ["SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"].contains { line.contains(" \($0) in ") }
            }.map(String.init)
        }
        try await waitFor(seconds: seconds) { ending() != nil }
        let line = ending() ?? ""
        #expect(line.contains(" SUCCEEDED in "), "\(line)")
    }

    /// The result files' lines under results/PREFIX: how many, and the score of each company scored once.
    func scores(_ root: Root, _ prefix: String) throws -> (lines: Int, byCompany: [Int: Double]) {
        let scored = try root.scores(under: prefix)
        return (scored.values.reduce(0) { $0 + $1.count }, scored.compactMapValues { $0.count == 1 ? $0[0] : nil })
    }
}
