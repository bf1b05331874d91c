import Foundation
import SluiceEngine
import SluiceStore
import SluiceVocabulary

/// The dashboard (issue 17), two figures on the real sluiced (release):
/// - its pages served from a store holding what a busy week leaves (10,000 executions, a week of per-second
///   samples for five functions, a 56-minute map run: `seed-dashboard`), timed by bench/dashboard.py as a browser
///   asks for them. Target: every page under 100 ms.
/// - the shipped pipeline's 227,000 companies, dropped into the inbox and timed to the topic's message, with and
///   without a dashboard open on the overview (bench/dashboard.py polling as the page does), alternating. Target:
///   the difference within the noise (the spread of the runs without it).
enum DashboardBenchmark {
    static let pageRounds = 30
    static let mapRounds = 5
    static let companies = 227_000

    static func run() throws {
        guard let binary = sluiced() else {
            print("\ndashboard: skipped (build sluiced in release first)")
            return
        }
        print("")
        try pages(binary)
        try mapRunWithDashboard(binary)
    }

    static func pages(_ binary: String) throws {
        let root = try makeRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try DashboardSeed.run(arguments: ["--root", root])
        let database = try SluiceDatabase(path: SluicePaths(root: root).store)
        guard let execution = try database.latestExecutions(limit: 1).first,
            let mapRun = try database.dashboardMapRuns(ended: 1).first
        else { throw BenchError("seed-dashboard left no execution or map run") }
        let daemon = try DashboardBenchDaemon(binary: binary, root: root)
        defer { daemon.stop() }
        let result = try script(
            ["pages", String(pageRounds), try daemon.login(), mapRun.mapRunArn, execution.executionArn, "score"]
        )
        print("dashboard: pages from a store of 10,000 executions and a week of samples (\(pageRounds) rounds)")
        var worst = 0.0
        for (page, figures) in ((result["pages"] as? [String: [String: Double]]) ?? [:]).sorted(by: { $0.key < $1.key })
        {
            let p95 = figures["p95"] ?? .nan
            worst = max(worst, p95)
            print(
                String(
                    format: "    %@ p50 %6.2f ms   p95 %6.2f ms   max %6.2f ms",
                    page.padding(toLength: 14, withPad: " ", startingAt: 0),
                    figures["p50"] ?? .nan,
                    p95,
                    figures["max"] ?? .nan
                )
            )
        }
        for (path, figures) in ((result["requests"] as? [String: [String: Double]]) ?? [:]).sorted(by: {
            $0.key < $1.key
        }) {
            print(
                String(
                    format: "      %@ p50 %6.2f ms  %8.0f bytes",
                    path.padding(toLength: 26, withPad: " ", startingAt: 0),
                    figures["p50"] ?? .nan,
                    figures["bytes"] ?? .nan
                )
            )
        }
        print(
            String(
                format: "    slowest page's p95 %.2f ms   target < 100 ms: %@",
                worst,
                worst < 100 ? "met" : "MISSED"
            )
        )
    }

    /// The pipeline's run time with and without a dashboard polling, alternating, with sluiced's CPU time.
    static func mapRunWithDashboard(_ binary: String) throws {
        let root = try makeRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let csv = root + "/companies.csv"
        try CompaniesCSV.generate(companies, to: csv)
        let daemon = try DashboardBenchDaemon(binary: binary, root: root)
        defer { daemon.stop() }
        var plain: [(wall: Double, cpu: Double)] = []
        var watched: [(wall: Double, cpu: Double)] = []
        _ = try daemon.runPipeline(csv)  // warm-up: provisioned workers, page cache
        for round in 0..<mapRounds {
            for watching in round % 2 == 0 ? [false, true] : [true, false] {
                var watcher: Process?
                if watching { watcher = try startWatcher(try daemon.login()) }
                let figures = try daemon.runPipeline(csv)
                if let watcher { stopWatcher(watcher) }
                if watching { watched.append(figures) } else { plain.append(figures) }
            }
        }
        func line(_ label: String, _ runs: [(wall: Double, cpu: Double)]) -> String {
            let walls = runs.map(\.wall).sorted()
            let cpus = runs.map(\.cpu).sorted()
            return String(
                format: "    %@ %.2f s (%.2f-%.2f)   sluiced CPU %.2f s (%.2f-%.2f)",
                label,
                Figures.median(walls),
                walls.first ?? .nan,
                walls.last ?? .nan,
                Figures.median(cpus),
                cpus.first ?? .nan,
                cpus.last ?? .nan
            )
        }
        print("dashboard: \(companies) companies dropped, to the topic's message (\(mapRounds) rounds, alternating)")
        print(line("without a dashboard  ", plain))
        print(line("overview open, polled", watched))
        let noise = (plain.map(\.wall).max() ?? 0) - (plain.map(\.wall).min() ?? 0)
        let moved = Figures.median(watched.map(\.wall)) - Figures.median(plain.map(\.wall))
        print(
            String(
                format: "    moved %+.2f s; noise (spread without) %.2f s   target: within the noise: %@",
                moved,
                noise,
                abs(moved) <= noise ? "met" : "MISSED"
            )
        )
    }

    static func sluiced() -> String? {
        let binary =
            ProcessInfo.processInfo.environment["SLUICE_BENCH_SLUICED"]
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
                "sluiced"
            ).path
        return FileManager.default.isExecutableFile(atPath: binary) ? binary : nil
    }

    /// A root with the shipped configuration (etc/sluice of this checkout) and the API on a port of the system's.
    static func makeRoot() throws -> String {
        let root = NSTemporaryDirectory() + "sluice-bench-dashboard-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root + "/etc", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: "etc/sluice", toPath: root + "/etc/sluice")
        try #"{"LogLevel": "warning", "Api": {"Listen": "127.0.0.1:0"}}"#.write(
            toFile: root + "/etc/sluice/sluiced.json",
            atomically: true,
            encoding: .utf8
        )
        return root
    }

    static func script(_ arguments: [String]) throws -> [String: Any] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "bench/dashboard.py"] + arguments
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
            let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { throw BenchError("bench/dashboard.py \(arguments.first ?? ""): exit \(process.terminationStatus)") }
        return json
    }

    static func startWatcher(_ login: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "bench/dashboard.py", "watch", "600", login]
        process.standardInput = Pipe()
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // The page is open (logged in, polling) before the file drops.
        Thread.sleep(forTimeInterval: 1.5)
        return process
    }

    static func stopWatcher(_ process: Process) {
        (process.standardInput as? Pipe)?.fileHandleForWriting.closeFile()
        process.waitUntilExit()
    }
}
