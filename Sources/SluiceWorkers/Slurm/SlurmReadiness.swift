/// Whether this machine can place a function's agents on Slurm: the client commands sluiced runs are on PATH, and
/// the cluster answers `sinfo` with the function's partition up. For `sluice validate`.
package enum SlurmReadiness {
    package enum Severity: String, Sendable {
        /// sluiced cannot submit agents from here.
        case error
        /// Submitting may fail now (the cluster is unreachable, the partition missing or down) but may work later.
        case warning
        /// What was found, when all is well.
        case note
    }

    package struct Finding: Sendable, Hashable {
        package var severity: Severity
        package var message: String
        /// A code of its own, where the severity's is not enough (`sluice validate` prints it).
        package var code: String? = nil
    }

    /// The commands SlurmSubmitter runs (srun starts each provisioned agent as a step), and sinfo, which this check
    /// asks.
    static let commands = ["sbatch", "srun", "squeue", "scancel", "sinfo"]

    package static func check(_ placement: SlurmPlacement, slurm: SlurmCommand = SlurmCommand()) -> [Finding] {
        let missing = commands.filter { slurm.locate($0) == nil }
        if !missing.isEmpty {
            return [
                Finding(
                    severity: .error,
                    message:
                        "\(missing.joined(separator: ", ")) not on PATH: the Slurm client must be installed where sluiced runs"
                )
            ]
        }
        // A cluster that does not answer is a warning, said in seconds rather than after the client's retries.
        var slurm = slurm
        slurm.timeout = min(slurm.timeout, .seconds(5))
        let output: SlurmCommand.Output
        do {
            output = try slurm.run(
                "sinfo",
                ["--noheader", "--partition=\(placement.partition)", "--format=%P|%a|%D|%T"]
            )
        } catch {
            return [Finding(severity: .warning, message: "cannot ask the cluster: \(error)")]
        }
        guard output.status == 0 else {
            let said = output.stderr.split(whereSeparator: \.isNewline).last.map(String.init) ?? "no answer"
            return [Finding(severity: .warning, message: "the cluster cannot be reached: \(said)")]
        }
        // One line per partition and node state: "debug*|up|2|idle".
        let lines = output.stdout.split(whereSeparator: \.isNewline).map {
            $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        }.filter { $0.count == 4 }
        guard !lines.isEmpty else {
            return [
                Finding(
                    severity: .warning,
                    message: "the cluster answers but has no partition '\(placement.partition)'"
                )
            ]
        }
        let available = lines[0][1]
        let nodes = lines.reduce(0) { $0 + (Int($1[2]) ?? 0) }
        let states = lines.map { "\($0[2]) \($0[3])" }.joined(separator: ", ")
        let found =
            "sbatch, srun, squeue, scancel and sinfo on PATH; partition '\(placement.partition)' is \(available), \(nodes) node(s): \(states)"
        var findings = [Finding(severity: available == "up" ? .note : .warning, message: found)]
        if slurm.locate("salloc") == nil {
            // Not an error: the provisioned agents then go as a batch job, placed at slurmctld's next pass.
            findings.append(
                Finding(
                    severity: .warning,
                    message:
                        "salloc not on PATH: provisioned agents go as a batch job, which waits for the scheduler's next pass (up to a second more)",
                    code: "SLURM_NO_SALLOC"
                )
            )
        }
        return findings
    }
}
