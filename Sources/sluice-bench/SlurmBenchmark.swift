import Foundation

/// Issue 18: the story's 227,000 companies with the `score` workers on Slurm (three slurmd nodes of this machine,
/// `make bench` starts them with .ci/slurm.sh) against the same run with local workers: the same model, the same
/// number of workers (3), the same sluiced (release), timed the same way — from sluiced's start, the CSV dropped at
/// once, to the execution's SUCCEEDED in its log — so the agents' submission and start-up are inside the Slurm
/// figure as the local workers' start is inside the local one. Outputs checked: 227,000 scores on each side, equal.
enum SlurmBenchmark {
    static let companies = 227_000
    static let workers = 3
    static let rounds = 3

    static func run() throws {
        guard let conf = ProcessInfo.processInfo.environment["SLUICE_SLURM_CONF"], !conf.isEmpty else {
            print("slurm: skipped: no Slurm cluster (`make bench` starts one as root on Debian, SLUICE_SLURM_CONF)")
            return
        }
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("sluiced").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            print("slurm: skipped: sluiced is not built beside sluice-bench")
            return
        }
        let base = NSTemporaryDirectory() + "sluice-bench-slurm-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: base) }
        let csv = base + "/companies.csv"
        try CompaniesCSV.generate(companies, to: csv)

        var reference: [String]?
        for warm in [false, true] {
            print(
                warm
                    ? "slurm: the same, workers already running (provisioned ahead, as the story did): from the drop to SUCCEEDED"
                    : "slurm: \(companies) companies, \(workers) score workers, from sluiced's start to SUCCEEDED (\(rounds) rounds)"
            )
            var local: [Double] = []
            var slurm: [Double] = []
            var startUps: [Double] = []
            for round in 0..<rounds {
                // Alternating which side goes first, so that neither always runs on a warmer machine.
                for onSlurm in round % 2 == 0 ? [false, true] : [true, false] {
                    let run = try once(binary: binary, csv: csv, base: base, onSlurm: onSlurm, warm: warm, conf: conf)
                    if let reference, reference != run.scores {
                        throw BenchError(
                            "slurm: the \(onSlurm ? "Slurm" : "local") run's scores differ from the first run's"
                        )
                    }
                    reference = reference ?? run.scores
                    if onSlurm { slurm.append(run.seconds) } else { local.append(run.seconds) }
                    if let startUp = run.startUp { startUps.append(startUp) }
                }
            }
            report(local: local, slurm: slurm, warm: warm)
            if !startUps.isEmpty {
                // The Slurm side alone, which the machine's load moves less than the runs' ratio.
                print(
                    String(
                        format:
                            "  agents' start-up:     %.2f–%.2f s (median %.2f) from the submission to all connected",
                        startUps.min()!,
                        startUps.max()!,
                        Figures.median(startUps)
                    )
                )
            }
        }
    }

    static func report(local: [Double], slurm: [Double], warm: Bool) {
        func range(_ values: [Double]) -> String {
            String(
                format: "%.2f–%.2f s (median %.2f)",
                values.min()!,
                values.max()!,
                Figures.median(values)
            )
        }
        let ratios = zip(slurm, local).map { $0 / $1 }
        print("  local workers:        \(range(local))")
        print("  agents on 3 nodes:    \(range(slurm))" + (warm ? "" : " (agent submission and start-up included)"))
        let target = warm ? "" : "; target ≤ 1.3×"
        print(
            String(
                format: "  Slurm / local:        %.2f–%.2f× (median %.2f×",
                ratios.min()!,
                ratios.max()!,
                Figures.median(ratios)
            ) + "\(target)); outputs equal (\(companies) scores)"
        )
    }

    /// One run on a fresh root: its seconds and its scores (the result lines, sorted).
    /// `warm`: timed from the drop, once the workers are up (the agents connected, the local workers started).
    /// `startUp`: on Slurm, cold, the seconds from sluiced's "submitted" to its last agent's "connected" line.
    static func once(binary: String, csv: String, base: String, onSlurm: Bool, warm: Bool, conf: String) throws -> (
        seconds: Double, scores: [String], startUp: Double?
    ) {
        let fm = FileManager.default
        let root = base + "/root-" + UUID().uuidString
        try fm.createDirectory(atPath: root + "/etc", withIntermediateDirectories: true)
        defer { try? fm.removeItem(atPath: root) }
        try fm.copyItem(
            atPath: DistributedMapBenchmark.Setup.repository + "/etc/sluice",
            toPath: root + "/etc/sluice"
        )
        let placement =
            onSlurm
            ? #", "Placement": {"Type": "slurm", "Partition": "debug", "MaxWorkers": \#(workers), "TimeLimit": 30}"#
            : ""
        try #"""
        {"Command": ["python3", "score.py"], "Runtime": "persistent", "Timeout": 120,
         "ReservedConcurrency": \#(workers), "ProvisionedConcurrency": \#(workers)\#(placement)}
        """#.write(toFile: root + "/etc/sluice/functions/score.json", atomically: true, encoding: .utf8)
        try #"""
        {"Region": "local", "Account": "000000000000", "MaxWorkers": \#(workers), "LogLevel": "info",
         "Agents": {"Listen": "127.0.0.1:0"}}
        """#.write(toFile: root + "/etc/sluice/sluiced.json", atomically: true, encoding: .utf8)
        let inbox = root + "/var/lib/sluice/buckets/inbox/companies"
        try fm.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        try fm.copyItem(atPath: csv, toPath: inbox + "/.companies.csv.part")

        let log = root + "/sluiced.log"
        _ = fm.createFile(atPath: log, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["--root", root]
        var environment = ProcessInfo.processInfo.environment
        environment["SLURM_CONF"] = conf
        process.environment = environment
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = handle
        process.standardError = handle
        let started = Date()
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        try wait(for: "sluiced ready", in: log, seconds: 30)
        var from = started
        if warm {
            if onSlurm {
                try wait(for: "agent \(workers - 1) of submission", in: log, seconds: 60)
                for agent in 0..<workers { try wait(for: "agent \(agent) of submission", in: log, seconds: 60) }
            }
            // The local workers (and the agents' Python) a moment to be up.
            Thread.sleep(forTimeInterval: 1)
            from = Date()
        }
        guard rename(inbox + "/.companies.csv.part", inbox + "/companies.csv") == 0 else {
            throw BenchError("slurm: cannot drop companies.csv")
        }
        var startUp: Double?
        if onSlurm, !warm {
            // Watched while the run goes on (the log says both before SUCCEEDED); the timing is unchanged.
            try wait(for: "submitted ", in: log, seconds: 30)
            let submitted = Date()
            for agent in 0..<workers { try wait(for: "agent \(agent) of submission", in: log, seconds: 60) }
            startUp = Date().timeIntervalSince(submitted)
        }
        try wait(for: "SUCCEEDED in", in: log, seconds: 300)
        let seconds = Date().timeIntervalSince(from)
        let results = root + "/var/lib/sluice/buckets/results/scores"
        var lines: [String] = []
        for file in fm.enumerator(atPath: results)?.compactMap({ $0 as? String }) ?? []
        where file.contains("SUCCEEDED_") {
            let text = try String(contentsOfFile: results + "/" + file, encoding: .utf8)
            lines += text.split(separator: "\n").map(String.init)
        }
        guard lines.count == companies else {
            throw BenchError("slurm: \(lines.count) scores, expected \(companies)")
        }
        return (seconds, lines.sorted(), startUp)
    }

    /// Waits until sluiced's log says `text`; a FAILED execution or a stopped sluiced is an error.
    static func wait(for text: String, in log: String, seconds: Double) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let said = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            if said.contains(text) { return }
            if said.contains(" FAILED in ") { throw BenchError("slurm: the execution failed:\n\(said.suffix(2000))") }
            Thread.sleep(forTimeInterval: 0.02)
        }
        throw BenchError("slurm: no '\(text)' within \(Int(seconds)) s")
    }
}
