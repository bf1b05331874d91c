/// Where a function's workers run (a function file's `Placement`): on this machine, or as pilot agents
/// (`sluice-agent`) on a Slurm cluster that connect back to sluiced and take invocations from it.
package enum Placement: Sendable, Hashable {
    /// Worker processes of sluiced's own (the default).
    case local
    /// Agents submitted as a Slurm job array.
    case slurm(SlurmPlacement)
}

/// `{"Type": "slurm", ...}`: what each agent's Slurm job asks for.
package struct SlurmPlacement: Sendable, Hashable {
    package var partition: String
    package var account: String?
    /// Slurm's `--time`: whole minutes or `[D-]HH:MM:SS`, as the file gave it; nil: the partition's default.
    package var timeLimit: String?
    package var cpusPerWorker = 1
    /// `--mem` per agent; nil: the partition's default.
    package var memoryMiB: Int?
    /// How many agents may run at once (the size of the largest job array submitted).
    package var maxWorkers = 1
    /// Passed to `sbatch` as they are, before the batch script (e.g. `--constraint=avx2`, `--qos=short`).
    package var extraArgs: [String] = []

    package init(partition: String) {
        self.partition = partition
    }
}
