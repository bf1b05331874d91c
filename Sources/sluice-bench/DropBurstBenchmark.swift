import Foundation

/// Issue 12's burst figure: 2,000 small CSV files moved into a bucket at once (renamed in from a folder on the same
/// file system, as `mv` does), timed from the first rename until every one's execution has published its message
/// (BenchDaemon). Rounds on one sluiced; executions per second for each and their median. The figure to keep is
/// that the durable hand-off from object to execution leaves it within its noise.
enum DropBurstBenchmark {
    static func run(files: Int = 2_000, rounds: Int = 3) throws {
        guard let daemon = try BenchDaemon.start() else {
            print("\ndrop-burst: sluiced not built (make bench builds it): skipped")
            return
        }
        defer { daemon.stop() }
        let fm = FileManager.default
        let staging = daemon.root + "/staging/"
        let target = daemon.inbox + "companies/"
        try fm.createDirectory(atPath: target, withIntermediateDirectories: true)
        var rates: [Double] = []
        for round in 0..<rounds {
            try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
            let names = (0..<files).map { "r\(round)-\($0).csv" }
            for (i, name) in names.enumerated() {
                _ = fm.createFile(atPath: staging + name, contents: Data("id,name\n\(i),company \(i)\n".utf8))
            }
            let before = daemon.messages()
            let clock = ContinuousClock()
            let start = clock.now
            for name in names { rename(staging + name, target + name) }
            let deadline = start + .seconds(120)
            while daemon.messages() < before + files, clock.now < deadline { usleep(20_000) }
            let seconds = Figures.seconds(clock.now - start)
            guard daemon.messages() >= before + files else {
                throw BenchError("drop-burst: only \(daemon.messages() - before) of \(files) executions in 120 s")
            }
            rates.append(Double(files) / seconds)
        }
        let sorted = rates.sorted()
        print("")
        print("drop-burst: \(files) small CSV files moved into a bucket at once; first move → every execution running")
        print(
            "  executions/s per round: "
                + rates.map { String(format: "%.0f", $0) }.joined(separator: ", ")
                + String(format: "  median %.0f", sorted[sorted.count / 2])
        )
    }
}
