import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Submits a function's agents to Slurm as one job (a job array, or one job whose steps are the agents), reads their
/// states and cancels them.
///
/// Each submission gets a folder under var/lib/sluice/agents: the batch script, the submission's secret in a file
/// only its owner reads (never on a command line: `ps` and `scontrol show job` show those) and the agents' output.
/// The agents read the secret from there, so the folder must be on a filesystem the nodes share.
package struct SlurmSubmitter: Sendable {
    /// Where sluiced's agent listener is reached from the nodes (`"Agents": {"Advertise"}`), HOST:PORT.
    package var advertise: String
    /// The `sluice-agent` program as the nodes see it.
    package var agentProgram: String
    /// var/lib/sluice/agents.
    package var agentsFolder: String
    package var slurm: SlurmCommand

    package init(advertise: String, agentProgram: String, agentsFolder: String, slurm: SlurmCommand = SlurmCommand()) {
        self.advertise = advertise
        self.agentProgram = agentProgram
        self.agentsFolder = agentsFolder
        self.slurm = slurm
    }

    /// Submits `count` agents of `function` (at most its placement's MaxWorkers), numbered 0..<count: array tasks, or
    /// the steps of one job. An allocation asked for is a batch step job when Slurm cannot grant it at once: the
    /// submission returned says which.
    package func submit(
        _ function: FunctionDefinition,
        placement: SlurmPlacement,
        submission: String,
        secret: String,
        count: Int,
        shape: SlurmSubmissionShape = .array
    ) throws(SlurmError) -> SlurmSubmission {
        guard Self.isSafeName(submission) else {
            throw SlurmError(
                command: "sbatch",
                message: "submission id '\(submission)' must be letters, digits, '.', '_' or '-'"
            )
        }
        guard (1...placement.maxWorkers).contains(count) else {
            throw SlurmError(
                command: "sbatch",
                message: "\(count) agents asked for; \(function.name) allows 1 to \(placement.maxWorkers)"
            )
        }
        var shape = shape
        if shape == .allocation {
            if let granted = try submitAllocation(
                function,
                placement: placement,
                submission: submission,
                secret: secret,
                count: count
            ) {
                return granted
            }
            shape = .steps
        }
        let folder = agentsFolder + "/" + submission
        let secretFile = folder + "/secret"
        let script = folder + "/agents.sh"
        try Self.write(
            folder: folder,
            secret: secret,
            secretFile: secretFile,
            script: script,
            text: shape == .steps
                ? stepsScript(
                    function,
                    placement: placement,
                    submission: submission,
                    secretFile: secretFile,
                    count: count
                )
                : batchScript(function, submission: submission, secretFile: secretFile)
        )
        try SlurmSubmissionRecord.write(
            id: submission,
            function: function.name,
            jobId: nil,
            count: count,
            folder: folder,
            shape: shape
        )
        var arguments = [
            "--parsable", "--job-name=\(Self.jobName(function: function.name, submission: submission))",
            "--partition=\(placement.partition)", "--cpus-per-task=\(placement.cpusPerWorker)",
            // An agent whose node fails ends there (NODE_FAIL) rather than being requeued: Slurm holds a requeued
            // task back two minutes, while sluiced, counting it as pending, would submit no replacement. A site
            // that wants requeueing puts --requeue in the placement's ExtraArgs (the later option wins).
            "--no-requeue",
            // Only SLURM_* from sluiced's environment (sbatch runs with nothing else, below): the script sets the
            // function's own. Not --export=NONE, which has each node build the user's login environment (a login
            // shell per job or array task, 0.3 to over 1 s before an agent starts) only for the script to replace it.
            "--export=ALL", "--chdir=\(folder)",
        ]
        switch shape {
        case .array:
            arguments += ["--array=0-\(count - 1)", "--ntasks=1", "--nodes=1", "--output=\(folder)/agent-%a.log"]
            if let memory = placement.memoryMiB { arguments.append("--mem=\(memory)M") }
        case .steps, .allocation:
            arguments += Self.stepsJobArguments(placement: placement, folder: folder, count: count)
        }
        arguments += Self.lastOptions(placement)
        arguments.append(script)
        let printed: String
        var sbatch = slurm
        sbatch.inheritsEnvironment = false
        do {
            printed = try sbatch.check("sbatch", arguments)
        } catch {
            // Nothing was submitted: the secret has no reader.
            try? FileManager.default.removeItem(atPath: folder)
            throw error
        }
        // --parsable prints "JOBID" or "JOBID;CLUSTER".
        let line = printed.split(whereSeparator: \.isNewline).last.map(String.init) ?? ""
        let jobId = String(line.split(separator: ";").first ?? "")
        guard !jobId.isEmpty, jobId.allSatisfy(\.isNumber) else {
            throw SlurmError(
                command: "sbatch",
                message: "printed no job id: '\(printed.trimmingCharacters(in: .whitespacesAndNewlines))'"
            )
        }
        let made = SlurmSubmission(
            id: submission,
            function: function.name,
            jobId: jobId,
            count: count,
            folder: folder,
            shape: shape
        )
        // The jobs exist now: a record that cannot be written is said, but the agents stay (their name finds them).
        try SlurmSubmissionRecord.write(made)
        return made
    }

    /// The placement's account, time limit and ExtraArgs, for sbatch or salloc: last, so that an ExtraArgs option
    /// given again wins.
    static func lastOptions(_ placement: SlurmPlacement) -> [String] {
        var options: [String] = []
        if let account = placement.account { options.append("--account=\(account)") }
        if let time = placement.timeLimit { options.append("--time=\(time)") }
        return options + placement.extraArgs
    }

    /// The jobs' name: the function for people reading squeue, the submission for finding them again.
    package static func jobName(function: String, submission: String) -> String {
        "sluice-\(function)-\(submission)"
    }

    /// Cancels a submission's agents by their jobs' name (a sluiced killed before sbatch answered never learnt the
    /// job id).
    package func cancel(function: String, submission: String) throws(SlurmError) {
        _ = try slurm.check("scancel", ["--name=\(Self.jobName(function: function, submission: submission))"])
    }

    /// Removes a submission's folder whatever the queue says (after its jobs were cancelled).
    package func removeFolder(_ folder: String) {
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// The submission's agents that Slurm still lists (finished ones drop out), by agent number.
    package func agents(of submission: SlurmSubmission) throws(SlurmError) -> [SlurmAgentState] {
        if submission.shape.isOneJob { return try stepAgents(of: submission) }
        // --array: one line per array task, pending ones too; %K the task's index, %N its node, %r the reason.
        let output = try slurm.run(
            "squeue",
            ["--noheader", "--array", "--jobs=\(submission.jobId)", "--format=%K|%T|%N|%r"]
        )
        if output.status != 0 {
            // A job slurmctld has already forgotten is not an error: its agents are gone.
            if output.stderr.contains("Invalid job id") { return [] }
            throw SlurmError(command: "squeue", message: "exited with status \(output.status): \(output.stderr)")
        }
        return Self.parseAgents(output.stdout)
    }

    /// Cancels every agent of the submission.
    package func cancel(_ submission: SlurmSubmission) throws(SlurmError) {
        _ = try slurm.check("scancel", [submission.jobId])
    }

    /// Cancels one agent: its array task. The agents of a step job are not cancelled one by one (they are the
    /// provisioned ones, which stay): the whole job goes, with `cancel(_:)`.
    package func cancel(_ submission: SlurmSubmission, agent: Int) throws(SlurmError) {
        guard submission.shape == .array else {
            throw SlurmError(
                command: "scancel",
                message:
                    "agent \(agent) of submission \(submission.id) is a step of job \(submission.jobId); cancel the job"
            )
        }
        _ = try slurm.check("scancel", ["\(submission.jobId)_\(agent)"])
    }

    /// Removes the submission's folder (script, secret, output) once Slurm lists none of its agents.
    package func remove(_ submission: SlurmSubmission) throws(SlurmError) {
        guard try agents(of: submission).isEmpty else {
            throw SlurmError(command: "squeue", message: "submission \(submission.id) still has agents in the queue")
        }
        do {
            try FileManager.default.removeItem(atPath: submission.folder)
        } catch {
            throw SlurmError(command: "rm", message: "cannot remove \(submission.folder): \(error)")
        }
    }

    /// squeue's `%K|%T|%N|%r` lines; a pending remainder of an array may still show as a range (`3-9`).
    static func parseAgents(_ text: String) -> [SlurmAgentState] {
        var agents: [SlurmAgentState] = []
        for line in text.split(whereSeparator: \.isNewline) {
            let fields = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard fields.count == 4 else { continue }
            let node = fields[2].isEmpty || fields[2] == "(null)" ? nil : fields[2]
            let reason = fields[3].isEmpty || fields[3] == "None" || fields[3] == "(null)" ? nil : fields[3]
            for agent in indexes(fields[0]) {
                agents.append(SlurmAgentState(agent: agent, state: fields[1], node: node, reason: reason))
            }
        }
        return agents.sorted { $0.agent < $1.agent }
    }

    /// `7`, `3-9`, `[3-9%2]` or `1,4-5`: the array indexes a squeue line stands for.
    static func indexes(_ field: String) -> [Int] {
        var text = Substring(field)
        if text.hasPrefix("[") { text = text.dropFirst() }
        if text.hasSuffix("]") { text = text.dropLast() }
        if let percent = text.firstIndex(of: "%") { text = text[..<percent] }
        var result: [Int] = []
        for part in text.split(separator: ",") {
            let bounds = part.split(separator: "-")
            if bounds.count == 1, let n = Int(bounds[0]) {
                result.append(n)
            } else if bounds.count == 2, let a = Int(bounds[0]), let b = Int(bounds[1]), a <= b {
                result += Array(a...b)
            }
        }
        return result
    }

    /// The batch script: the function's environment and working directory, then the agent in place of the shell.
    func batchScript(_ function: FunctionDefinition, submission: String, secretFile: String) -> String {
        var lines = [
            "#!/bin/sh",
            "# sluice agents of function \(Self.comment(function.name)), submission \(submission), written by sluiced.",
            "# The submission's secret is in the file beside this one, never on a command line.",
        ]
        lines += Self.functionSetup(function)
        let agent = agentCommand(
            function,
            submission: submission,
            secretFile: secretFile,
            agent: "\"$SLURM_ARRAY_TASK_ID\""
        )
        lines.append("exec " + agent.joined(separator: " "))
        return lines.joined(separator: "\n") + "\n"
    }

    /// A script's lines that give the agent the function's environment (what a local worker gets) and working
    /// directory.
    static func functionSetup(_ function: FunctionDefinition) -> [String] {
        var lines = WorkerProcess.environment(for: function).sorted(by: { $0.key < $1.key }).map {
            "export \(quote($0.key + "=" + $0.value))"
        }
        if let directory = function.workingDirectory { lines.append("cd \(quote(directory)) || exit 1") }
        return lines
    }

    /// The agent's command line, words quoted for sh; `agent` is the shell word of its number (unquoted, e.g.
    /// `"$agent"`). The secret is named by its file only.
    func agentCommand(_ function: FunctionDefinition, submission: String, secretFile: String, agent: String)
        -> [String]
    {
        [agentProgram, "--connect", advertise, "--submission", submission].map(Self.quote)
            + ["--agent", agent]
            + ["--function", function.name, "--secret-file", secretFile, "--"].map(Self.quote)
            + function.command.map(Self.quote)
    }

    /// A word for sh, single-quoted.
    static func quote(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// A name on a comment line: no line breaks.
    static func comment(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }

    static func isSafeName(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 128 && s != "." && s != ".."
            && s.unicodeScalars.allSatisfy {
                ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "." || $0 == "_"
                    || $0 == "-"
            }
    }

    /// The submission's folder (0700), its secret (0600, created here, never replaced) and the script (0700).
    static func write(folder: String, secret: String, secretFile: String, script: String, text: String)
        throws(SlurmError)
    {
        let fm = FileManager.default
        do {
            try fm.createDirectory(
                atPath: folder,
                withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700]
            )
        } catch {
            throw SlurmError(command: "sbatch", message: "cannot make the submission folder \(folder): \(error)")
        }
        // O_EXCL with mode 0600 from the start: the secret is never readable by others, not even for a moment.
        let fd = open(secretFile, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw SlurmError(
                command: "sbatch",
                message: "cannot create \(secretFile): \(String(cString: strerror(errno)))"
            )
        }
        let bytes = Array(secret.utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard written == bytes.count else {
            throw SlurmError(command: "sbatch", message: "cannot write \(secretFile)")
        }
        guard fm.createFile(atPath: script, contents: Data(text.utf8), attributes: [.posixPermissions: 0o700]) else {
            throw SlurmError(command: "sbatch", message: "cannot write the batch script \(script)")
        }
    }
}
