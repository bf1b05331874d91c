import Foundation

/// The Slurm cluster `make test` starts as root on Debian (.ci/slurm.sh: nodes n1..n3 on this host), found through
/// SLUICE_SLURM_CONF; `conf` is nil when it is not set or its slurmctld does not answer.
enum SlurmDaemonCluster {
    static let conf: String? = {
        guard let conf = ProcessInfo.processInfo.environment["SLUICE_SLURM_CONF"], !conf.isEmpty else { return nil }
        return run(["sinfo", "--noheader", "--format=%n"], conf: conf).status == 0 ? conf : nil
    }()

    static let skipped =
        "no Slurm cluster: `make test` starts one as root on Debian (.ci/slurm.sh start, then SLUICE_SLURM_CONF=its slurm.conf)"

    /// The nodes' daemons' logs (slurmd-n1.log, ...), beside its slurm.conf.
    static var logs: String { ((conf ?? "/") as NSString).deletingLastPathComponent + "/log" }

    /// A job in the queue: its own id (an array task's too), its name, its node.
    struct Job: Hashable {
        var id: String
        var name: String
        var node: String
    }

    /// The jobs in the queue whose name starts with `prefix`.
    static func jobs(named prefix: String) -> [Job] {
        let output = run(["squeue", "--noheader", "--format=%A|%j|%N"]).output
        return output.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard fields.count == 3, fields[1].hasPrefix(prefix) else { return nil }
            return Job(id: fields[0], name: fields[1], node: fields[2])
        }.sorted { $0.id < $1.id }
    }

    /// The steps of job `job` in the queue: their ids (JOB.STEP), names (`agent-K` for sluice's agents), nodes.
    static func steps(of job: String) -> [Job] {
        let output = run(["squeue", "--noheader", "--steps", "--jobs=\(job)", "--format=%i|%j|%N"]).output
        return output.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard fields.count == 3 else { return nil }
            return Job(id: fields[0], name: fields[1], node: fields[2])
        }.sorted { $0.name < $1.name }
    }

    /// Runs a Slurm command against the cluster: its status and stdout.
    static func run(_ arguments: [String], conf: String? = nil) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["SLURM_CONF"] = conf ?? self.conf
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return (-1, "") }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
