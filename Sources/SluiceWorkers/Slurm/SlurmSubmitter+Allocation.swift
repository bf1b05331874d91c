import CSluiceLinux
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The allocation shape: the provisioned agents' resources asked of slurmctld with `salloc --no-shell --immediate`,
/// then each agent started in it as a step by a launcher on sluiced's host.
///
/// Why: slurmctld places an interactive allocation the moment it is asked for (8–9 ms here), while a batch job waits
/// for its next scheduling pass (0.7–0.9 s here: the pass runs about once a second whatever `batch_sched_delay` says).
/// When the cluster has no room now, `--immediate` gives up within a second and the agents go as a batch step job,
/// which waits in the queue as jobs should.
///
/// A step lives as long as its `srun` does, so the launcher runs in a session of its own: a sluiced killed outside
/// systemd leaves it and the agents running, to be adopted. Under systemd, sluiced's control group goes with it;
/// the next sluiced finds the allocation without its agents and launches them again (`resume`).
extension SlurmSubmitter {
    /// At most this many agents go as an allocation: each has an `srun` on sluiced's host for as long as it runs.
    package static let allocationAgentsAtMost = 64

    /// Asks for `count` tasks at once; the submission, or nil when Slurm cannot grant them now (the caller submits a
    /// batch step job instead). The folder is left only when the allocation was granted.
    func submitAllocation(
        _ function: FunctionDefinition,
        placement: SlurmPlacement,
        submission: String,
        secret: String,
        count: Int
    ) throws(SlurmError) -> SlurmSubmission? {
        guard count <= Self.allocationAgentsAtMost, slurm.locate("salloc") != nil, slurm.locate("setsid") != nil else {
            return nil
        }
        let folder = agentsFolder + "/" + submission
        let secretFile = folder + "/secret"
        try Self.write(
            folder: folder,
            secret: secret,
            secretFile: secretFile,
            script: folder + "/agents.sh",
            text: stepsScript(
                function,
                placement: placement,
                submission: submission,
                secretFile: secretFile,
                count: count,
                allocation: true
            )
        )
        try SlurmSubmissionRecord.write(
            id: submission,
            function: function.name,
            jobId: nil,
            count: count,
            folder: folder,
            shape: .allocation
        )
        let name = Self.jobName(function: function.name, submission: submission)
        var arguments = [
            // Exit once granted: the allocation stays until cancelled. --immediate: give up within a second when the
            // cluster has no room now (the batch job then waits in the queue instead).
            "--no-shell", "--immediate=1", "--job-name=\(name)", "--partition=\(placement.partition)",
            "--cpus-per-task=\(placement.cpusPerWorker)", "--chdir=\(folder)",
        ]
        arguments += Self.stepsJobArguments(placement: placement, folder: folder, count: count).filter {
            !$0.hasPrefix("--output=")
        }
        arguments += Self.lastOptions(placement)
        var salloc = slurm
        salloc.inheritsEnvironment = false
        let granted = try? salloc.run("salloc", arguments)
        // "salloc: Granted job allocation N" on stderr is the one line that names the job (--quiet would drop it).
        guard let granted, granted.status == 0, let jobId = Self.grantedJob(granted.stderr) else {
            // A salloc that failed by itself revoked its request. One stopped by the timeout, or one granted an
            // allocation whose id could not be read, may have left one: cancelled by name.
            if granted.map({ $0.status == 0 }) ?? true { _ = try? slurm.run("scancel", ["--name=\(name)"]) }
            try? FileManager.default.removeItem(atPath: folder)
            return nil
        }
        let made = SlurmSubmission(
            id: submission,
            function: function.name,
            jobId: jobId,
            count: count,
            folder: folder,
            shape: .allocation
        )
        try SlurmSubmissionRecord.write(made)
        do {
            try launch(made, agents: Array(0..<count))
        } catch {
            _ = try? cancel(made)
            try? FileManager.default.removeItem(atPath: folder)
            throw error
        }
        return made
    }

    /// Starts the launcher of `agents` in the allocation, in a session of its own, and returns at once.
    func launch(_ submission: SlurmSubmission, agents: [Int]) throws(SlurmError) {
        // The mark of when the steps were asked for: until they show in squeue, they count as coming.
        guard FileManager.default.createFile(atPath: submission.folder + "/launched", contents: Data()) else {
            throw SlurmError(command: "srun", message: "cannot write \(submission.folder)/launched")
        }
        guard let setsid = slurm.locate("setsid") else {
            throw SlurmError(command: "setsid", message: "not found on PATH (util-linux)")
        }
        // The launcher's steps hand its environment to the agents: only sluiced's SLURM_* variables (the script sets
        // the function's own), as for sbatch.
        var launcher = slurm
        launcher.inheritsEnvironment = false
        let command =
            [setsid, "--fork", "/bin/sh", submission.folder + "/agents.sh", submission.jobId] + agents.map(String.init)
        try Self.startDetached(command, environment: launcher.commandEnvironment)
    }

    /// Runs `command` (setsid --fork ...) with none of sluiced's descriptors and waits for it: what it forks lives
    /// on in a session of its own, reparented to init. Not Foundation's Process, which hands the child a socket to
    /// learn of its end, so that a process that outlives its parent keeps the parent's wait going for its whole life.
    static func startDetached(_ command: [String], environment: [String: String]) throws(SlurmError) {
        let argv = CStringArray(command)
        let envp = CStringArray(environment.map { "\($0.key)=\($0.value)" }.sorted())
        var pid: pid_t = 0
        let result = command[0].withCString { path in
            var request = sluice_spawn_request(
                path: path,
                argv: argv.pointer,
                envp: envp.pointer,
                working_directory: nil,
                stdin_fd: -1,
                stdout_fd: -1,
                stderr_fd: -1,
                memory_limit_bytes: 0,
                switch_user: 0,
                uid: 0,
                gid: 0,
                groups: nil,
                group_count: 0
            )
            return sluice_spawn(&request, &pid)
        }
        guard result == 0 else {
            throw SlurmError(command: command[0], message: "could not start: \(String(cString: strerror(result)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        guard sluice_exited(status) != 0, sluice_exit_code(status) == 0 else {
            throw SlurmError(command: command[0], message: "failed to start the agents' launcher (status \(status))")
        }
    }

    /// After a restart: an allocation whose launcher is gone (sluiced's control group went with it) gets its missing
    /// agents launched again. The agents launched; none when the launcher runs or the allocation is over.
    package func resume(_ submission: SlurmSubmission) throws(SlurmError) -> [Int] {
        guard submission.shape == .allocation, !Self.launcherRuns(submission.folder) else { return [] }
        guard let job = try stepJob(of: submission), job.state == "RUNNING" else { return [] }
        let missing = (0..<submission.count).filter { job.steps[$0] == nil }
        if !missing.isEmpty { try launch(submission, agents: missing) }
        return missing
    }

    /// Whether the allocation's launcher (its pid in launcher.pid, running agents.sh of that folder) still runs.
    static func launcherRuns(_ folder: String) -> Bool {
        guard let text = try? String(contentsOfFile: folder + "/launcher.pid", encoding: .utf8),
            let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 0,
            let arguments = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline")
        else { return false }
        return String(decoding: arguments, as: UTF8.self).contains(folder + "/agents.sh")
    }

    /// Seconds since the launcher was last started; nil when it never was.
    static func sinceLaunch(_ folder: String) -> Int? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: folder + "/launched"),
            let date = attributes[.modificationDate] as? Date
        else { return nil }
        return max(0, Int(Date().timeIntervalSince(date)))
    }

    /// The job id in salloc's "salloc: Granted job allocation N".
    static func grantedJob(_ text: String) -> String? {
        for line in text.split(whereSeparator: \.isNewline) {
            guard let range = line.range(of: "Granted job allocation ") else { continue }
            let id = line[range.upperBound...].prefix { $0.isNumber }
            if !id.isEmpty { return String(id) }
        }
        return nil
    }
}
