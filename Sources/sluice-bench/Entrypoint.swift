import Foundation

/// `sluice-bench`: measures sluice against its baselines side by side and prints ratios.
/// Targets live in the issues; figures go in the README. Timing never decides a test.
@main
struct Entrypoint {
    static func main() async throws {
        let arguments = CommandLine.arguments.dropFirst()
        let only = arguments.first
        if only == "memory-child", let root = arguments.dropFirst().first {
            exit(await MemoryBenchmark.child(root: root))
        }
        if only == "seed-dashboard" {
            try DashboardSeed.run(arguments: Array(arguments.dropFirst()))
            return
        }
        print("sluice-bench (\(BuildInfo.configuration) build)")
        if only == nil || only == "inline-map" { try InlineMapBenchmark.run(withBaseline: only == nil) }
        if only == nil || only == "jsonata" { try JSONataBenchmark.run() }
        if only == nil || only == "event-pattern" { try EventPatternBenchmark.run() }
        if only == nil || only == "functions" { try await FunctionBenchmark.run() }
        if only == nil || only == "memory" { try MemoryBenchmark.run() }
        if only == nil || only == "drop-latency" { try DropLatencyBenchmark.run() }
        if only == nil || only == "drop-burst" { try DropBurstBenchmark.run() }
        if only == "json-walks" { try JSONWalkBenchmark.run() }
        if only == nil || only == "pipeline-cpu" { loadScenario { try PipelineCPUBenchmark.run() } }
        // Issue 19's load scenarios: minutes each, so only when named. A wrong count is exit 1.
        if only == "burst" { loadScenario(DropBurstBenchmark.load) }
        if only == "million-children" { loadScenario(MillionChildrenBenchmark.run) }
        if only == nil || only == "api" { try APIBenchmark.run() }
        if only == nil || only == "dashboard" { try DashboardBenchmark.run() }
        if only == nil || only == "agents" { try await AgentsBenchmark.run() }
        if only == nil || only == "slurm" { try SlurmBenchmark.run() }

        if only == nil || only == "distributed-map" {
            try await DistributedMapBenchmark.run(
                shared: ProcessInfo.processInfo.environment["SLUICE_SHARED"] ?? "../shared"
            )
        }
    }
}

/// Runs a load scenario; what it threw (a wrong count, a missed bound) is said and the exit status is 1.
func loadScenario(_ body: () throws -> Void) {
    do {
        try body()
    } catch {
        print("FAILED: \(error)")
        exit(1)
    }
}

/// Which configuration this binary was built in (figures from a debug build mean little).
enum BuildInfo {
    #if DEBUG
        static let configuration = "debug"
    #else
        static let configuration = "release"
    #endif
}
