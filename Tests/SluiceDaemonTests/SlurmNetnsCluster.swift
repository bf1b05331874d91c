import Foundation

/// The cluster `make test` starts as root on Debian for the link-cut test (.ci/slurm-netns.sh): slurmctld in network
/// namespace PREFIX-ctl (10.77.0.1) and nodes n1..n3 in PREFIX-n1..n3, found through SLUICE_SLURM_NETNS (the prefix)
/// and SLUICE_SLURM_NETNS_CONF (its slurm.conf); nil when they are not set or its slurmctld does not answer.
struct SlurmNetnsCluster: Sendable {
    let prefix: String
    let conf: String

    static let found: SlurmNetnsCluster? = {
        let environment = ProcessInfo.processInfo.environment
        guard let prefix = environment["SLUICE_SLURM_NETNS"], !prefix.isEmpty,
            let conf = environment["SLUICE_SLURM_NETNS_CONF"], !conf.isEmpty
        else { return nil }
        let cluster = SlurmNetnsCluster(prefix: prefix, conf: conf)
        guard let answer = try? cluster.run(["sinfo", "--noheader"]), answer.status == 0 else { return nil }
        return cluster
    }()

    static let skipped =
        "no network-namespace Slurm cluster: `make test` starts one as root on Debian (.ci/slurm-netns.sh test ...)"

    /// The controller's namespace, where sluiced runs and Slurm's commands reach slurmctld.
    var controller: String { "/run/netns/\(prefix)-ctl" }

    /// `nsenter --net=CONTROLLER ARGUMENTS` with SLURM_CONF set: its exit status and what it printed.
    func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try Self.run("/usr/bin/nsenter", ["--net=\(controller)"] + arguments, environment: ["SLURM_CONF": conf])
    }

    /// The jobs squeue lists whose name starts with `prefix`.
    func jobs(named prefix: String) throws -> [String] {
        try run(["squeue", "--noheader", "--array", "--format=%j|%K|%T|%N"]).output
            .split(whereSeparator: \.isNewline).map(String.init).filter { $0.hasPrefix(prefix) }
    }

    /// Takes node `node`'s link down (`up: false`) or back up: its namespace's end of the veth to the bridge.
    func link(_ node: String, up: Bool) throws {
        let answer = try Self.run(
            "/usr/sbin/ip",
            ["-n", "\(prefix)-\(node)", "link", "set", "v-\(node)", up ? "up" : "down"]
        )
        guard answer.status == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "ip link: \(answer.output)"])
        }
    }

    static func run(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String] = [:]
    ) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
