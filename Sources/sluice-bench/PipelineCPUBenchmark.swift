import Foundation

/// Issue 19's CPU target on the real daemon (`sluice-bench pipeline-cpu`): `make demo`'s pipeline (the shipped
/// rule, the score-companies state machine, the persistent `score` workers, MaxWorkers 2) over 227,000 generated
/// companies dropped into the inbox, each round on a fresh release sluiced. What is measured is sluiced's own user +
/// system CPU from the drop to the topic's message, per item; every result line is counted. The target is 1 µs an
/// item. SLUICE_BENCH_SLUICED runs another binary (a figure for a build before).
enum PipelineCPUBenchmark {
    static let companies = 227_000
    /// The shipped files the pipeline needs, relative to the repository.
    static let shipped = [
        "etc/sluice/functions/score.json", "etc/sluice/functions/score.py",
        "etc/sluice/state-machines/score-companies.asl.json", "etc/sluice/rules/score-uploaded-companies.json",
        "etc/sluice/buckets/inbox.json", "etc/sluice/buckets/results.json",
    ]

    static func run(rounds: Int = 5) throws {
        var files: [String: String] = [:]
        for path in shipped {
            files[path] = try String(
                contentsOfFile: DistributedMapBenchmark.Setup.repository + "/" + path,
                encoding: .utf8
            )
        }
        let csv = NSTemporaryDirectory() + "sluice-bench-companies-" + UUID().uuidString + ".csv"
        defer { try? FileManager.default.removeItem(atPath: csv) }
        try CompaniesCSV.generate(companies, to: csv)
        var cpu: [Double] = []
        var wall: [Double] = []
        for _ in 0..<rounds {
            guard
                let daemon = try BenchDaemon.start(
                    files: files,
                    settings: #"{"LogLevel": "warning", "MaxWorkers": 2, "Api": {"Listen": "127.0.0.1:0"}}"#
                )
            else {
                print("\npipeline-cpu: sluiced not built (make bench builds it): skipped")
                return
            }
            defer { daemon.stop() }
            let folder = daemon.root + "/var/lib/sluice/buckets/inbox/companies"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let staging = daemon.root + "/companies.csv"
            try FileManager.default.copyItem(atPath: csv, toPath: staging)
            let before = daemon.cpuSeconds()
            let clock = ContinuousClock()
            let start = clock.now
            guard rename(staging, folder + "/companies.csv") == 0 else {
                throw BenchError("pipeline-cpu: the drop's rename failed: errno \(errno)")
            }
            while daemon.messageTexts(topic: "scores").isEmpty, clock.now - start < .seconds(300) {
                Thread.sleep(forTimeInterval: 0.02)
            }
            wall.append(Figures.seconds(clock.now - start))
            cpu.append(daemon.cpuSeconds() - before)
            guard !daemon.messageTexts(topic: "scores").isEmpty else {
                throw BenchError("pipeline-cpu: no message on topic scores in 5 minutes")
            }
            let scored = try resultLines(daemon.root + "/var/lib/sluice/buckets/results/scores")
            guard scored == companies else {
                throw BenchError("pipeline-cpu: \(scored) result lines, expected \(companies)")
            }
        }
        let perItem = cpu.map { $0 / Double(companies) * 1e6 }
        print("")
        print("pipeline-cpu: make demo's pipeline, \(companies) companies, \(rounds) rounds on a fresh sluiced each")
        print(
            String(
                format: "  sluiced's CPU from the drop to the message %.2f-%.2f s, median %.2f (%.2f-%.2f µs an item)",
                cpu.min()!,
                cpu.max()!,
                Figures.median(cpu),
                perItem.min()!,
                perItem.max()!
            )
        )
        print(
            String(
                format: "  wall %.2f-%.2f s, median %.2f; target <= 1 µs an item: %@",
                wall.min()!,
                wall.max()!,
                Figures.median(wall),
                Figures.median(perItem) <= 1 ? "met" : "not met"
            )
        )
    }

    /// Lines in the map run's SUCCEEDED result files.
    private static func resultLines(_ folder: String) throws -> Int {
        let fm = FileManager.default
        var lines = 0
        for run in try fm.contentsOfDirectory(atPath: folder) {
            let runFolder = folder + "/" + run
            for name in (try? fm.contentsOfDirectory(atPath: runFolder)) ?? [] where name.hasPrefix("SUCCEEDED_") {
                let data = try Data(contentsOf: URL(fileURLWithPath: runFolder + "/" + name))
                lines += data.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            }
        }
        return lines
    }
}
