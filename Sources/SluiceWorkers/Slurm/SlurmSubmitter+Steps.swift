import Foundation

/// The step-job shape: one job of `count` tasks spread over the nodes, whose batch script starts each agent as a step
/// of its own (`srun -n1 &`, named `agent-K`), then waits for them.
///
/// Why: Slurm launches each array task as a batch job of its own (a scheduling pass, a credential, a slurmstepd and a
/// job-complete RPC each), while a step inside a running allocation starts in tens of milliseconds. One step per
/// agent (rather than one `srun --ntasks=count`) keeps each agent visible with its node in `squeue --steps`, and an
/// agent that ends (its worker crashed, its step killed) leaves the others running.
extension SlurmSubmitter {
    /// How long after the job starts its steps may take to show in squeue: an agent with no step yet is still coming.
    static let stepsStartWithin = 10

    /// sbatch's options for a step job of `count` agents.
    static func stepsJobArguments(placement: SlurmPlacement, folder: String, count: Int) -> [String] {
        var arguments = [
            "--ntasks=\(count)",
            // Tasks spread over as many nodes as there are (the agents are the cluster's workers, not one node's).
            "--spread-job",
            // A node lost ends the agents on it, not the job: the others keep serving (Slurm's default would end
            // every agent of the job with the node).
            "--no-kill",
            // The batch script's own output; each agent's goes to agent-K.log (its step's --output).
            "--output=\(folder)/agents.log",
        ]
        // Memory per CPU, so that each step takes its share and not the whole node's allocation.
        if let memory = placement.memoryMiB {
            let cpus = max(1, placement.cpusPerWorker)
            arguments.append("--mem-per-cpu=\((memory + cpus - 1) / cpus)M")
        }
        return arguments
    }

    /// The script that starts the agents as steps: the function's environment and working directory, then one step
    /// per agent. A step job's batch script starts agents 0..<count; an allocation's launcher is given the job id, then
    /// the agents to start, and keeps its output in launcher.log and its pid in launcher.pid (how sluiced tells
    /// whether it still runs).
    func stepsScript(
        _ function: FunctionDefinition,
        placement: SlurmPlacement,
        submission: String,
        secretFile: String,
        count: Int,
        allocation: Bool = false
    ) -> String {
        var lines = [
            "#!/bin/sh",
            "# sluice agents of function \(Self.comment(function.name)), submission \(submission), written by sluiced:",
            "# one step per agent. The submission's secret is in the file beside this one, never on a command line.",
        ]
        let folder = String(secretFile[..<(secretFile.lastIndex(of: "/") ?? secretFile.startIndex)])
        if allocation {
            lines += [
                "exec </dev/null >>\(Self.quote(folder + "/launcher.log")) 2>&1",
                "echo $$ >\(Self.quote(folder + "/launcher.pid"))",
                "job=$1",
                "shift",
            ]
        }
        lines += Self.functionSetup(function)
        // --export=ALL: the steps get the above whatever SLURM_EXPORT_ENV the job was given.
        // --exact: a step takes its own CPUs only, so the next one starts beside it or on the next node.
        let srun =
            [slurm.locate("srun") ?? "srun", "--ntasks=1", "--nodes=1", "--exact", "--export=ALL"].map(Self.quote)
            + (allocation ? ["--jobid=\"$job\""] : [])
            + [
                "--cpus-per-task=\(placement.cpusPerWorker)", "--job-name=\"agent-$agent\"",
                "--output=\(Self.quote(folder))/\"agent-$agent.log\"",
            ]
        let agent = agentCommand(function, submission: submission, secretFile: secretFile, agent: "\"$agent\"")
        let agents = !allocation ? (0..<count).map(String.init).joined(separator: " ") : "\"$@\""
        lines += [
            "for agent in \(agents); do",
            "    " + (srun + agent).joined(separator: " ") + " &",
            "done",
            "wait",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// The agents of a step job: all waiting with the job while it waits; once it runs, those with a step running,
    /// and those whose step has not shown yet while the job is young. An agent whose step ended is not listed.
    func stepAgents(of submission: SlurmSubmission) throws(SlurmError) -> [SlurmAgentState] {
        guard let (state, reason, elapsed, nodes) = try stepJob(of: submission) else { return [] }
        guard state == "RUNNING" else {
            return (0..<submission.count).map { SlurmAgentState(agent: $0, state: state, node: nil, reason: reason) }
        }
        // An allocation's steps are started by its launcher, maybe long after the allocation (a sluiced restarted
        // launches again the agents whose steps ended while it was down).
        let age = submission.shape == .allocation ? Self.sinceLaunch(submission.folder) : elapsed
        let young = (age ?? Int.max) < Self.stepsStartWithin
        return (0..<submission.count).compactMap { agent in
            if let node = nodes[agent] { return SlurmAgentState(agent: agent, state: "RUNNING", node: node) }
            // Its step is being started: it counts as coming, as a pending array task does.
            return young ? SlurmAgentState(agent: agent, state: "CONFIGURING", reason: "starting its step") : nil
        }
    }

    /// What squeue says of a job of steps: its state, why it waits, how long it has run, and (once it runs) the
    /// node of each agent's step; nil when slurmctld no longer knows the job.
    func stepJob(of submission: SlurmSubmission) throws(SlurmError) -> (
        state: String, reason: String?, elapsed: Int?, steps: [Int: String]
    )? {
        let job = try slurm.run("squeue", ["--noheader", "--jobs=\(submission.jobId)", "--format=%T|%r|%M"])
        if job.status != 0 {
            if job.stderr.contains("Invalid job id") { return nil }
            throw SlurmError(command: "squeue", message: "exited with status \(job.status): \(job.stderr)")
        }
        guard let (state, reason, elapsed) = Self.parseStepJob(job.stdout) else { return nil }
        guard state == "RUNNING" else { return (state, reason, elapsed, [:]) }
        let steps = try slurm.check(
            "squeue",
            ["--noheader", "--steps", "--jobs=\(submission.jobId)", "--format=%j|%N"]
        )
        return (state, reason, elapsed, Self.parseSteps(steps))
    }

    /// squeue's `%T|%r|%M` line of the job: its state, why it waits, and how long it has run (seconds).
    static func parseStepJob(_ text: String) -> (state: String, reason: String?, elapsed: Int?)? {
        guard let line = text.split(whereSeparator: \.isNewline).first else { return nil }
        let fields = line.split(separator: "|", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard fields.count == 3, !fields[0].isEmpty else { return nil }
        let reason = fields[1].isEmpty || fields[1] == "None" || fields[1] == "(null)" ? nil : fields[1]
        return (fields[0], reason, elapsedSeconds(fields[2]))
    }

    /// squeue's `%j|%N` step lines: the node of each agent's step (`agent-K`); the batch step and others are not
    /// agents.
    static func parseSteps(_ text: String) -> [Int: String] {
        var nodes: [Int: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            let fields = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard fields.count == 2, fields[0].hasPrefix("agent-"), let agent = Int(fields[0].dropFirst(6)) else {
                continue
            }
            nodes[agent] = fields[1]
        }
        return nodes
    }

    /// squeue's `%M`: `S`, `M:SS`, `H:MM:SS` or `D-HH:MM:SS`, in seconds; nil when it is none of them.
    static func elapsedSeconds(_ field: String) -> Int? {
        var days = 0
        var clock = Substring(field)
        if let dash = clock.firstIndex(of: "-") {
            guard let d = Int(clock[..<dash]) else { return nil }
            days = d
            clock = clock[clock.index(after: dash)...]
        }
        let parts = clock.split(separator: ":").map { Int($0) }
        guard !parts.isEmpty, parts.count <= 3, parts.allSatisfy({ $0 != nil }) else { return nil }
        return parts.reduce(0) { $0 * 60 + $1! } + days * 86_400
    }
}
