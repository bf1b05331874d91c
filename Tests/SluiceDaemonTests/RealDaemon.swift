import Foundation
import SluiceTesting
import Testing

/// What the tests of the real `sluiced` binary share: starting it on a temporary root (its log in the root's
/// sluiced.log), waiting on what it does, running `sluice` against it. Waits are async (Task.sleep between looks),
/// so that a test waiting here holds none of the concurrency pool's few threads, which the in-process sluiced
/// of the tests beside it needs.
protocol RealDaemonTesting {}

extension RealDaemonTesting {
    /// The package's build folder (the tests run from a build of the same package).
    static var binary: String { SluiceTool.buildFolder + "/sluiced" }

    typealias Root = DaemonRoot

    /// Starts sluiced on a fresh log and waits until it says it is ready.
    func start(_ root: Root) async throws -> (Process, String) {
        _ = FileManager.default.createFile(atPath: root.path + "/sluiced.log", contents: nil)
        return try await launch(root)
    }

    /// Starts sluiced with its log appended to the root's sluiced.log (one log across restarts) and waits until it
    /// says it is ready; `fault` arms a fault point (SLUICE_FAULT); `relative` gives the root as a path relative to
    /// its parent folder, sluiced's working folder; `network` runs it in that network namespace (nsenter --net, which
    /// execs it: the process is sluiced's own) and `environment` adds to the one it inherits (e.g. SLURM_CONF).
    func launch(
        _ root: Root,
        fault: String? = nil,
        relative: Bool = false,
        network: String? = nil,
        environment extra: [String: String] = [:]
    ) async throws -> (Process, String) {
        let log = root.path + "/sluiced.log"
        // The API on a port the system picks: the suites run side by side (a test's own sluiced.json stays).
        let settings = root.path + "/etc/sluice/sluiced.json"
        if !FileManager.default.fileExists(atPath: settings) {
            try FileManager.default.createDirectory(
                atPath: root.path + "/etc/sluice",
                withIntermediateDirectories: true
            )
            try #"{"Api": {"Listen": "127.0.0.1:0"}}"#.write(toFile: settings, atomically: true, encoding: .utf8)
        }
        if !FileManager.default.fileExists(atPath: log) {
            _ = FileManager.default.createFile(atPath: log, contents: nil)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["--root", root.path]
        if relative {
            process.currentDirectoryURL = URL(fileURLWithPath: (root.path as NSString).deletingLastPathComponent)
            process.arguments = ["--root", (root.path as NSString).lastPathComponent]
        }
        if let network {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/nsenter")
            process.arguments = ["--net=\(network)", Self.binary] + (process.arguments ?? [])
        }
        var environment = ProcessInfo.processInfo.environment.merging(extra) { $1 }
        environment["SLUICE_FAULT"] = fault
        process.environment = environment
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        handle.seekToEndOfFile()
        let readyBefore =
            (try? String(contentsOfFile: log, encoding: .utf8))?.components(separatedBy: "sluiced ready")
            .count ?? 1
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        try await waitFor(seconds: 20) {
            ((try? String(contentsOfFile: log, encoding: .utf8))?.components(separatedBy: "sluiced ready").count ?? 0)
                > readyBefore
        }
        return (process, log)
    }

    /// SIGKILLs `daemon`, waits on a thread of its own until it is gone, and starts sluiced again on `root` (its log
    /// appended to).
    func killAndRestart(_ daemon: Process, _ root: Root) async throws -> (Process, String) {
        kill(daemon.processIdentifier, SIGKILL)
        try await onOwnThread { daemon.waitUntilExit() }
        return try await launch(root)
    }

    /// Whether sluiced's log at `log` says `text` yet.
    func logContains(_ log: String, _ text: String) -> Bool {
        (try? String(contentsOfFile: log, encoding: .utf8))?.contains(text) == true
    }

    /// Waits until `condition` holds, looking every 50 ms; throws after `seconds`.
    func waitFor(seconds: Double, _ condition: () -> Bool) async throws {
        try await eventually("a condition", within: .milliseconds(Int64(seconds * 1000)), every: .milliseconds(50)) {
            condition()
        }
    }

    /// The kit's pipeline (inbox → `note` → topic `done` → out/).
    func pipeline(_ root: Root) throws { try root.pipeline() }

    func received(_ root: Root) -> Set<String> { root.received }

    /// Runs `sluice ARGS --root ROOT`: its exit status and what it printed.
    func sluice(_ root: Root, _ arguments: [String]) throws -> (status: Int32, output: Data) {
        let run = try sluiceRun(root, arguments)
        return (run.status, run.output)
    }

    /// Runs `sluice ARGS --root ROOT`: its exit status, what it printed and what it said on stderr.
    func sluiceRun(_ root: Root, _ arguments: [String]) throws -> (status: Int32, output: Data, errors: String) {
        let run = try SluiceTool(root: root).runHere(arguments)
        return (run.status, run.output, run.errors)
    }

    /// `sluice ARGS --root ROOT --json`, parsed.
    func sluiceJSON(_ root: Root, _ arguments: [String]) throws -> [String: Any] {
        let data = try sluice(root, arguments + ["--json"]).output
        return (try JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    }

    func mapRuns(_ root: Root) throws -> [[String: Any]] {
        try sluiceJSON(root, ["map-runs", "list"])["mapRuns"] as? [[String: Any]] ?? []
    }

    /// The kit's slow Distributed Map (`slow`: each item a child that naps `{"nap": seconds}`).
    func slowMap(_ root: Root, maxConcurrency: Int) throws { try root.slowMap(maxConcurrency: maxConcurrency) }

    /// `pipeline` (inbox → `note` → topic `done` → out/), plus a rule that publishes every SUCCEEDED execution's
    /// name to topic `ended`, whose subscriber writes into ended/; both subscribers count their deliveries.
    func handoffPipeline(_ root: Root) throws { try root.handoffPipeline() }

    /// Waits until `process` has ended and answers whether a signal ended it (SIGKILL at a fault point).
    func killedBySignal(_ process: Process, within seconds: Double = 20) async throws -> Bool {
        try await waitFor(seconds: seconds) { !process.isRunning }
        return process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL
    }

    func lines(_ root: Root, _ file: String) -> Int {
        ((try? String(contentsOfFile: root.path + "/" + file, encoding: .utf8)) ?? "").split(separator: "\n").count
    }

    func executions(_ root: Root, status: String? = nil) -> [[String: Any]] {
        let filter = status.map { ["--status", $0] } ?? []
        return (try? sluiceJSON(root, ["executions", "list"] + filter)["executions"] as? [[String: Any]]) ?? []
    }

    /// Stops sluiced with SIGTERM and waits until it has exited (a graceful shutdown lets running executions end).
    func stop(_ daemon: Process) async throws {
        daemon.terminate()
        try await waitFor(seconds: 60) { !daemon.isRunning }
        daemon.waitUntilExit()
    }
}
