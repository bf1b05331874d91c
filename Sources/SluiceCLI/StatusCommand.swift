import ArgumentParser
import Foundation
import SluiceASL
import SluiceInterpreter
import SluiceJSON
import SluiceStore
import SluiceVocabulary

/// `sluice status`: what sluiced is doing, in one screen, from sluice.db (its report every 2 s, and the tables).
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract:
            "Show what sluiced is doing: uptime, executions by status, map runs, workers, queued deliveries, hand-offs waiting."
    )

    @Flag(help: "Print it as one JSON document.")
    var json = false

    @Option(help: "The root that sluice's folders are under, as for sluiced.")
    var root: String = "/"

    func run() throws {
        let store = try MapRunDocument.openStore(root: root)
        let report = try store.daemonReport().flatMap { try? JSONParser.parse($0) } ?? .null
        let pid = report["pid"]?.intValue
        let updated = report["updatedAt"]?.doubleValue
        let now = Date().timeIntervalSince1970
        // Running: its process exists and it reported within the last 10 s (it reports every 2 s).
        var running = false
        if let pid, let updated { running = kill(pid_t(pid), 0) == 0 && now - updated < 10 }
        let counts = try store.executionCounts()
        let mapRuns = try store.mapRuns().filter { $0.status == .running }.map { MapRunDocument(run: $0) }
        let deliveries = try store.pendingDeliveryCount()
        // A store from before hand-offs has no table for them: none wait.
        let handoffs = (try? store.pendingHandoffCount()) ?? 0
        if json {
            var o = JSONObject()
            o["running"] = .bool(running)
            if let pid { o["pid"] = .int(pid) }
            if let started = report["startedAt"]?.doubleValue { o["startedAt"] = MapRunDocument.date(started) }
            o["executions"] = .object(JSONObject(counts.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) }))
            o["mapRuns"] = .array(mapRuns.map(\.description))
            o["busyWorkers"] = running ? report["busyWorkers"] ?? .int(0) : .int(0)
            o["agents"] = running ? report["agents"] ?? .array([]) : .array([])
            o["queuedDeliveries"] = .int(deliveries)
            o["pendingHandoffs"] = .int(handoffs)
            print(JSONValue.object(o).serialized())
            return
        }
        if running, let pid {
            let up = report["startedAt"]?.doubleValue.map { Self.duration(now - $0) } ?? "?"
            print("sluiced      running (pid \(pid)), up \(up)")
        } else {
            let seen = updated.flatMap { MapRunDocument.date($0).stringValue }.map { " (last seen \($0))" } ?? ""
            print("sluiced      not running\(seen)")
        }
        let order: [ExecutionStatus] = [.running, .succeeded, .failed, .timedOut, .aborted]
        let executions = order.map {
            "\(counts[$0.rawValue] ?? 0) \($0.rawValue.lowercased().replacingOccurrences(of: "_", with: " "))"
        }
        print("executions   " + executions.joined(separator: ", "))
        print("map runs     \(mapRuns.isEmpty ? "none running" : "\(mapRuns.count) running")")
        for run in mapRuns { print("  \(run.itemsLine)  \(run.run.mapRunArn)") }
        print("workers      \(running ? report["busyWorkers"]?.intValue ?? 0 : 0) busy")
        if running, case .array(let agents)? = report["agents"] {
            for function in agents { print(Self.agentsLine(function)) }
        }
        print("deliveries   \(deliveries) queued")
        print("hand-offs    \(handoffs) waiting (executions to start, messages to publish or deliver)")
    }

    /// `agents       score on Slurm (debug): 2 running (n1×1, n2×1), 1 pending; 2 connected, 1 busy, 0 waiting`.
    static func agentsLine(_ report: JSONValue) -> String {
        func count(_ key: String) -> Int { report[key]?.intValue ?? 0 }
        var nodes: [String] = []
        if case .object(let o)? = report["nodes"] {
            nodes = o.keys.sorted().map { "\($0)×\(o[$0]?.intValue ?? 0)" }
        }
        let function = report["function"]?.stringValue ?? "?"
        let partition = report["partition"]?.stringValue ?? "?"
        var line =
            "agents       \(function) on Slurm (\(partition)): \(count("running")) running"
            + (nodes.isEmpty ? "" : " (\(nodes.joined(separator: ", ")))")
            + ", \(count("pending")) pending; \(count("connected")) connected, \(count("busy")) busy, \(count("waiting")) waiting"
        if let problem = report["problem"]?.stringValue { line += "\n             problem: \(problem)" }
        return line
    }

    /// `1h 02m 03s`, `4m 05s`, `6s`.
    static func duration(_ seconds: Double) -> String {
        let s = max(0, Int(seconds))
        if s >= 3600 { return String(format: "%dh %02dm %02ds", s / 3600, s / 60 % 60, s % 60) }
        if s >= 60 { return String(format: "%dm %02ds", s / 60, s % 60) }
        return "\(s)s"
    }
}
