import Foundation
import SluiceASL
import SluiceTesting
import SluiceWorkers
import Testing

@testable import SluiceCLI

/// `sluice validate` on a function placed on Slurm: the Slurm client must be here (an error), the cluster should
/// answer (a warning when it does not: it may be down only for now).
struct ValidateSlurmPlacementTests {
    /// A root with a slurm-placed function, and a folder of stand-in Slurm commands; `sinfo` runs `sinfoScript`.
    func fixture(sinfo sinfoScript: String?, salloc: Bool = true) throws -> (
        root: DaemonRoot, file: String, bin: String
    ) {
        let root = try DaemonRoot()
        try root.write("etc/sluice/functions/worker.sh", "#!/bin/sh\ncat\n")
        chmod(root.path + "/etc/sluice/functions/worker.sh", 0o755)
        try root.write(
            "etc/sluice/functions/far.json",
            #"{"Command": ["./worker.sh"], "Runtime": "persistent", "Placement": {"Type": "slurm", "Partition": "debug"}}"#
        )
        let bin = root.path + "/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        if let sinfoScript {
            for (name, text) in [
                ("sbatch", "exit 0"), ("srun", "exit 0"), ("squeue", "exit 0"), ("scancel", "exit 0"),
                ("sinfo", sinfoScript),
            ] + (salloc ? [("salloc", "exit 0")] : []) {
                try root.write("bin/" + name, "#!/bin/sh\n" + text + "\n")
                chmod(bin + "/" + name, 0o755)
            }
        }
        return (root, root.path + "/etc/sluice/functions/far.json", bin)
    }

    func check(_ file: String, bin: String) -> [String] {
        var slurm = SlurmCommand()
        slurm.searchPath = bin
        return ValidateCommand.check(file, slurm: slurm).map {
            "\(ValidateCommand.severity(of: $0)) \($0.code) \($0.location): \($0.message)"
        }
    }

    @Test("No Slurm client on PATH is an error; the file fails")
    func clientMissing() throws {
        let f = try fixture(sinfo: nil)
        defer { f.root.remove() }
        #expect(
            check(f.file, bin: f.bin) == [
                "ERROR SLURM_CLIENT_MISSING /Placement: sbatch, srun, squeue, scancel, sinfo not on PATH: the Slurm client must be installed where sluiced runs"
            ]
        )
    }

    @Test("A cluster that does not answer sinfo is a warning, with sinfo's words")
    func unreachable() throws {
        let f = try fixture(
            sinfo: "echo 'sinfo: error: Unable to contact slurm controller (connect failure)' >&2; exit 1"
        )
        defer { f.root.remove() }
        #expect(
            check(f.file, bin: f.bin) == [
                "WARNING SLURM_UNREACHABLE /Placement: the cluster cannot be reached: sinfo: error: Unable to contact slurm controller (connect failure)"
            ]
        )
    }

    @Test("A slurmctld that does not answer is a warning within seconds, not after the client's retries")
    func silent() throws {
        let f = try fixture(sinfo: "exec sleep 60")
        defer { f.root.remove() }
        let started = Date()
        let found = check(f.file, bin: f.bin)
        #expect(Date().timeIntervalSince(started) < 55)
        #expect(
            found == [
                "WARNING SLURM_UNREACHABLE /Placement: cannot ask the cluster: sinfo: did not answer within 5.0 seconds (is slurmctld reachable?)"
            ]
        )
    }

    @Test("A cluster whose partition is up is a note of what was found; a missing partition a warning")
    func ready() throws {
        let f = try fixture(sinfo: #"echo 'debug*|up|2|idle'; echo 'debug*|up|1|mixed'"#)
        defer { f.root.remove() }
        #expect(
            check(f.file, bin: f.bin) == [
                "INFO SLURM_READY /Placement: sbatch, srun, squeue, scancel and sinfo on PATH; partition 'debug' is up, 3 node(s): 2 idle, 1 mixed"
            ]
        )
        let noSalloc = try fixture(sinfo: #"echo 'debug*|up|3|idle'"#, salloc: false)
        defer { noSalloc.root.remove() }
        #expect(
            check(noSalloc.file, bin: noSalloc.bin) == [
                "INFO SLURM_READY /Placement: sbatch, srun, squeue, scancel and sinfo on PATH; partition 'debug' is up, 3 node(s): 3 idle",
                "WARNING SLURM_NO_SALLOC /Placement: salloc not on PATH: provisioned agents go as a batch job, which waits for the scheduler's next pass (up to a second more)",
            ]
        )
        let empty = try fixture(sinfo: "exit 0")
        defer { empty.root.remove() }
        #expect(
            check(empty.file, bin: empty.bin) == [
                "WARNING SLURM_UNREACHABLE /Placement: the cluster answers but has no partition 'debug'"
            ]
        )
    }

    @Test("A bad placement is the function's problem, like any other field")
    func invalid() throws {
        let f = try fixture(sinfo: nil)
        defer { f.root.remove() }
        try f.root.write(
            "etc/sluice/functions/far.json",
            #"{"Command": ["./worker.sh"], "Runtime": "persistent", "Placement": {"Type": "slurm", "MaxWorkers": 0}}"#
        )
        #expect(
            check(f.file, bin: f.bin) == [
                "ERROR INVALID_FUNCTION /Placement/Partition: is required: the Slurm partition the agents run in",
                "ERROR INVALID_FUNCTION /Placement/MaxWorkers: must be a whole number from 1 to 1000",
            ]
        )
    }
}
