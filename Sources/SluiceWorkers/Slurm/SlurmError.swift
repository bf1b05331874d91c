/// A Slurm command that failed: which, how, and what it said on stderr (Slurm's own words are the useful part).
package struct SlurmError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The command's name, e.g. `sbatch`.
    package var command: String
    package var message: String

    package init(command: String, message: String) {
        self.command = command
        self.message = message
    }

    package var description: String { "\(command): \(message)" }
}
