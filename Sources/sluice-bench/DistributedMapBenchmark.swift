import Foundation
import Logging
import SluiceASL
import SluiceEngine
import SluiceInterpreter
import SluiceJSON
import SluiceWorkers

/// Issue 5's benchmark, side by side in one run on the shared workload (../shared/bench): 227,000 generated
/// companies as a CSV object in a bucket; sluice runs a Distributed Map that reads it, batches the rows (1,000 at
/// most, and at most AWS's 256 KiB of child input), calls the persistent Python `score` function on two workers
/// and writes the results with ResultWriter (JSONL, FLATTEN: one line per company's score, like the Pool's output). The baseline is Python's multiprocessing.Pool(2) over the same
/// companies with chunks of 1,000. Target: sluice at least as fast, whole run included.
enum DistributedMapBenchmark {
    static let definition = #"""
        {"StartAt":"Score","States":{"Score":{"Type":"Map",
          "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"CSV","CSVHeaderLocation":"FIRST_ROW"},
            "Parameters":{"Bucket":"inbox","Key":"companies/companies.csv"}},
          "ItemBatcher":{"MaxItemsPerBatch":1000,"MaxInputBytesPerBatch":250000},
          "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"Call","States":{
            "Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"score","Payload.$":"$"},
              "OutputPath":"$.Payload","End":true}}},
          "ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"results","Prefix":"scores"},
            "WriterConfig":{"OutputType":"JSONL","Transformation":"FLATTEN"}},
          "End":true}}}
        """#

    static func run(shared: String) async throws {
        let generator = shared + "/bench/gen_items.py"
        guard FileManager.default.fileExists(atPath: generator) else {
            print("\ndistributed-map: \(shared)/bench not found: skipped")
            return
        }
        let items = 227_000
        let root = NSTemporaryDirectory() + "sluice-bench-map-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        let buckets = root + "/var/lib/sluice/buckets"
        let functions = root + "/etc/sluice/functions"
        for dir in [buckets + "/inbox/companies", buckets + "/results", functions] {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        }
        guard
            FunctionBenchmark.runProcess(
                "/usr/bin/env",
                ["python3", generator, String(items), buckets + "/inbox/companies/companies.jsonl"]
            ) != nil
        else { throw BenchError("gen_items.py failed") }
        let script = try String(contentsOfFile: scoreScript(), encoding: .utf8)
        try script.write(toFile: functions + "/score.py", atomically: true, encoding: .utf8)
        try
            #"{"Command":["python3","score.py"],"Runtime":"persistent","Timeout":120,"ReservedConcurrency":2,"ProvisionedConcurrency":2}"#
            .write(toFile: functions + "/score.json", atomically: true, encoding: .utf8)

        // The interpreter itself, not a version manager's shim in front of it (pyenv's costs ~50 ms a start).
        let python =
            FunctionBenchmark.runProcess("/usr/bin/env", ["python3", "-c", "import sys; print(sys.executable)"])
            ?? "python3"
        // Rounds alternate between the two so a noisy neighbour hurts both alike; medians are reported.
        var pools: [Double] = []
        var runs: [Double] = []
        var cpu: [(own: Double, workers: Double)] = []
        var scored = 0
        var journaled: [Double] = []
        var inMemory: [Double] = []
        for round in 0..<rounds {
            if let p = poolSeconds(
                python: python,
                shared: shared,
                items: buckets + "/inbox/companies/companies.jsonl",
                output: root
            ) {
                pools.append(p)
            }
            try? FileManager.default.removeItem(atPath: buckets + "/results/scores")
            let (seconds, outcome, used) = try await sluiceSeconds(root: root)
            guard case .succeeded = outcome else {
                throw BenchError(
                    "the map run did not succeed: \(outcome)\n" + firstFailure(buckets + "/results/scores")
                )
            }
            runs.append(seconds)
            cpu.append(used)
            scored = try countResults(buckets + "/results/scores")
            // Issue 7's durability cost: the same run journaled into sluice.db as sluiced does, and in memory.
            // Which goes first alternates too: a machine slowing down within a round would otherwise always
            // charge the same one.
            let modes = [BenchJournal.memory, .store(path: root + "/var/lib/sluice/sluice.db")]
            for mode in round % 2 == 0 ? modes : modes.reversed() {
                try? FileManager.default.removeItem(atPath: buckets + "/results/scores")
                let (seconds, outcome, _) = try await sluiceSeconds(root: root, journal: mode)
                guard case .succeeded = outcome else {
                    throw BenchError("\(mode.label): \(outcome)\n" + firstFailure(buckets + "/results/scores"))
                }
                if case .memory = mode { inMemory.append(seconds) } else { journaled.append(seconds) }
            }
        }
        let seconds = median(runs)
        let pool = pools.count == rounds ? median(pools) : nil
        let own = median(cpu.map(\.own))
        let workers = median(cpu.map(\.workers))
        print("")
        print("distributed-map: \(items) companies from CSV, batches of <= 1,000 (256 KiB), score on 2 Python workers")
        print(
            "  medians of \(rounds) alternating rounds; sluice's own CPU \(String(format: "%.2f", own)) s, its workers' \(String(format: "%.2f", workers)) s"
        )
        print(
            String(
                format: "  sluice   %8.2f s  %9.0f items/s  (results hold %d items)",
                seconds,
                Double(items) / seconds,
                scored
            )
        )
        if let pool {
            print(
                String(
                    format: "  Pool(2)  %8.2f s  %9.0f items/s  (multiprocessing, chunks of 1,000)",
                    pool,
                    Double(items) / pool
                )
            )
            let ratio = pool / seconds
            print(
                String(
                    format:
                        "  ratio    %.2f (the Pool's time / sluice's: above 1, sluice is faster)  target >= 1.00: %@",
                    ratio,
                    ratio >= 1 ? "met" : "MISSED"
                )
            )
        }
        let stored = median(journaled)
        let memory = median(inMemory)
        print(
            String(
                format:
                    "  durability: journal in sluice.db %.2f s, in memory %.2f s: %.2f of the in-memory time  target <= 1.10: %@",
                stored,
                memory,
                stored / memory,
                stored / memory <= 1.10 ? "met" : "MISSED"
            )
        )
    }

    static func scoreScript() -> String {
        // The shipped example's function, next to the package.
        let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return here.path + "/etc/sluice/functions/score.py"
    }

    static let rounds = 5

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
    }

    static func sluiceSeconds(
        root: String,
        journal mode: BenchJournal = .none
    ) async throws -> (Double, ExecutionOutcome, (own: Double, workers: Double)) {
        guard case .success(let machine) = DefinitionDecoder.decode(text: definition) else {
            throw BenchError("the benchmark definition does not validate")
        }
        let host = FunctionHost(
            directory: root + "/etc/sluice/functions",
            maxWorkers: 2,
            logger: Logger(label: "bench") { _ in SwiftLogNoOpLogHandler() }
        )
        await host.start()
        // Provisioned concurrency means initialized workers (Lambda runs their init before the first call; sluiced
        // starts them with the daemon, long before a file drops): one empty batch per worker before the clock.
        await withTaskGroup(of: Void.self) { group in
            for n in 0..<2 {
                group.addTask {
                    _ = await host.invoke("score", payload: ["Items": []], requestId: "warm-up-\(n)")
                }
            }
        }
        let clock = ContinuousClock()
        let began = clock.now
        let selfBefore = cpuSeconds(RUSAGE_SELF)
        let context = ExecutionContext.make(
            stateMachineName: "score-companies",
            executionName: UUID().uuidString.lowercased(),
            startTime: LocalRunner.now()
        )
        var execution = Execution(definition: machine, context: context, input: [:], seed: 7)
        let outcome = try await mode.with(context.executionArn) { journal in
            await PipelineRunner.run(
                &execution,
                root: root,
                host: host,
                maxWorkers: 2,
                maintainWorkers: false,
                journal: journal
            )
        }
        let seconds = FunctionBenchmark.seconds(clock.now - began)
        let selfCPU = cpuSeconds(RUSAGE_SELF) - selfBefore
        var workersCPU = 0.0
        for pid in await host.workerPids("score") { workersCPU += processCPUSeconds(pid) }
        await host.shutdown()
        return (seconds, outcome, (selfCPU, workersCPU))
    }

    /// User + system CPU seconds of a running process, from /proc/PID/stat (fields 14 and 15, in clock ticks).
    static func processCPUSeconds(_ pid: Int32) -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return 0 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// User + system CPU seconds of this process or of its reaped children.
    static func cpuSeconds(_ who: __rusage_who) -> Double {
        var usage = rusage()
        getrusage(who.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Wall time of the shared baseline, Python process start included, its results written to a file (as
    /// sluice writes its result files).
    static func poolSeconds(python: String, shared: String, items: String, output: String) -> Double? {
        // multiprocessing.Pool waits forever for a task whose worker died; a run that hangs is stopped after 120 s
        // and tried once more, with what it said on stderr.
        for attempt in 1...2 {
            let clock = ContinuousClock()
            let began = clock.now
            let finished =
                FunctionBenchmark.runProcess(
                    "/bin/sh",
                    [
                        "-c", #"exec timeout -k 5 120 "$4" "$0" "$1" 2 1000 > "$2" 2> "$3""#,
                        shared + "/bench/baselines/pool_map.py", items, output + "/pool-results.jsonl",
                        output + "/pool-stderr.txt", python,
                    ]
                ) != nil
            if finished { return FunctionBenchmark.seconds(clock.now - began) }
            let said = (try? String(contentsOfFile: output + "/pool-stderr.txt", encoding: .utf8)) ?? ""
            print("  (Pool run \(attempt) did not finish: \(said.suffix(300)))")
        }
        return nil
    }

    /// The start of the first FAILED result file under `folder`, to say why a run failed.
    static func firstFailure(_ folder: String) -> String {
        let files = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []
        guard let file = files.first(where: { $0.contains("FAILED_") }),
            let text = try? String(contentsOfFile: folder + "/" + file, encoding: .utf8)
        else { return "(no FAILED result file)" }
        return String(text.prefix(1500))
    }

    /// Scores in the SUCCEEDED result files under `folder` (JSONL, FLATTEN: one line per company).
    static func countResults(_ folder: String) throws -> Int {
        var total = 0
        let files = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []
        for file in files where file.contains("SUCCEEDED") {
            let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + file))
            total += data.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
        }
        return total
    }
}
