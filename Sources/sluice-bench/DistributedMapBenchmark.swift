import Foundation
import Logging
import SluiceASL
import SluiceEngine
import SluiceInterpreter
import SluiceJSON
import SluiceWorkers

/// The Distributed Map benchmark, side by side in one run on the shared workload (../shared/bench): 227,000
/// generated companies as a CSV object in a bucket; sluice runs a Distributed Map that reads it, batches the rows
/// (1,000 at most, and at most AWS's 256 KiB of child input), calls a persistent Python function on two workers and
/// writes the results with ResultWriter (JSONL, FLATTEN: one line per company). The baseline is Python's
/// multiprocessing.Pool(2) over the same CSV with chunks of 1,000.
///
/// The comparison is the same work on both sides: the same per-row code and model (bench/rows.py and the shared
/// riskmodel.py, in bench/reference_worker.py for sluice and bench/pool_csv.py for the Pool), both timed cold (the
/// workers' start and stop inside the clock, as the Pool's), in alternating order, both outputs checked with
/// ../shared/bench/verify.py. The shipped, tuned `score` function on warm (provisioned) workers is a second,
/// labelled row; the durability pair (journal in sluice.db vs in memory) runs with it.
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

    /// What one round measured.
    struct Round {
        var reference = 0.0
        var pool = 0.0
        var tuned = 0.0
        var tunedCPU = (own: 0.0, workers: 0.0)
        var journaled = 0.0
        var inMemory = 0.0
    }

    static func run(shared: String) async throws {
        let generator = shared + "/bench/gen_items.py"
        guard FileManager.default.fileExists(atPath: generator) else {
            print("\ndistributed-map: \(shared)/bench not found: skipped")
            return
        }
        let items = 227_000
        let root = NSTemporaryDirectory() + "sluice-bench-map-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        let setup = try Setup(root: root, shared: shared, items: items)
        var rounds: [Round] = []
        for number in 0..<roundCount {
            rounds.append(try await round(number, setup))
        }
        report(rounds, items: items)
    }

    /// One round: the fair pair in alternating order, then the tuned row and the durability pair.
    static func round(_ number: Int, _ setup: Setup) async throws -> Round {
        var round = Round()
        for side in number % 2 == 0 ? [0, 1] : [1, 0] {
            if side == 0 {
                try setup.clearResults()
                let (seconds, outcome, _) = try await sluiceSeconds(setup, functions: setup.reference, cold: true)
                try setup.check(outcome, "sluice (reference worker)")
                try setup.verify(setup.concatenatedResults(), "sluice (reference worker)")
                round.reference = seconds
            } else {
                round.pool = try setup.poolSeconds()
                try setup.verify(setup.root + "/pool-results.jsonl", "Pool(2)")
            }
        }
        try setup.clearResults()
        let (seconds, outcome, used) = try await sluiceSeconds(setup, functions: setup.tuned, cold: false)
        try setup.check(outcome, "sluice (tuned score)")
        round.tuned = seconds
        round.tunedCPU = used
        // Issue 7's durability cost: the same run journaled into sluice.db as sluiced does, and in memory. Which goes
        // first alternates too: a machine slowing down within a round would otherwise always charge the same one.
        let modes = [BenchJournal.memory, .store(path: setup.root + "/var/lib/sluice/sluice.db")]
        for mode in number % 2 == 0 ? modes : modes.reversed() {
            try setup.clearResults()
            let (seconds, outcome, _) = try await sluiceSeconds(
                setup,
                functions: setup.tuned,
                cold: false,
                journal: mode
            )
            try setup.check(outcome, mode.label)
            if case .memory = mode { round.inMemory = seconds } else { round.journaled = seconds }
        }
        return round
    }

    static func report(_ rounds: [Round], items: Int) {
        func line(_ label: String, _ seconds: Double, _ note: String) -> String {
            String(format: "  %@ %7.2f s  %9.0f items/s  %@", label, seconds, Double(items) / seconds, note)
        }
        let reference = Figures.median(rounds.map(\.reference))
        let pool = Figures.median(rounds.map(\.pool))
        let tuned = Figures.median(rounds.map(\.tuned))
        print("")
        print("distributed-map: \(items) companies from CSV, batches of <= 1,000 (256 KiB), 2 Python workers")
        print(
            "  medians of \(rounds.count) rounds; the first two rows alternate, same per-row code and model, both cold"
        )
        print(line("sluice, reference worker ", reference, "(outputs checked with verify.py)"))
        print(line("Pool(2) over the same CSV", pool, "(multiprocessing, chunks of 1,000; checked too)"))
        let ratios = rounds.map { $0.pool / $0.reference }.sorted()
        print(
            String(
                format:
                    "  ratio    %.2f (the Pool's time / sluice's: above 1, sluice is faster; rounds %.2f-%.2f)  target >= 1.20: %@",
                pool / reference,
                ratios.first ?? .nan,
                ratios.last ?? .nan,
                pool / reference >= 1.2 ? "met" : "MISSED"
            )
        )
        let own = Figures.median(rounds.map(\.tunedCPU.own))
        let workers = Figures.median(rounds.map(\.tunedCPU.workers))
        print(
            line(
                "sluice, tuned score, warm",
                tuned,
                String(format: "(shipped score.py, provisioned workers warm; %.2f of the Pool)", pool / tuned)
            )
        )
        print(String(format: "  tuned run's CPU: sluice %.2f s, its workers %.2f s", own, workers))
        let stored = Figures.median(rounds.map(\.journaled))
        let memory = Figures.median(rounds.map(\.inMemory))
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

    static let roundCount = 5

    /// One sluice run over the CSV with the functions in `functions`. Cold: the workers' start (Python's included)
    /// and stop are inside the clock, as the Pool's are. Warm: provisioned workers initialized before it (one empty
    /// batch each), as sluiced has them long before a file drops.
    static func sluiceSeconds(
        _ setup: Setup,
        functions: String,
        cold: Bool,
        journal mode: BenchJournal = .none
    ) async throws -> (Double, ExecutionOutcome, (own: Double, workers: Double)) {
        guard case .success(let machine) = DefinitionDecoder.decode(text: definition) else {
            throw BenchError("the benchmark definition does not validate")
        }
        let clock = ContinuousClock()
        var began = clock.now
        let host = FunctionHost(
            directory: functions,
            maxWorkers: 2,
            logger: Logger(label: "bench") { _ in SwiftLogNoOpLogHandler() }
        )
        await host.start()
        if !cold {
            await withTaskGroup(of: Void.self) { group in
                for n in 0..<2 {
                    group.addTask { _ = await host.invoke("score", payload: ["Items": []], requestId: "warm-up-\(n)") }
                }
            }
            began = clock.now
        }
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
                root: setup.root,
                host: host,
                maxWorkers: 2,
                maintainWorkers: false,
                journal: journal
            )
        }
        let selfCPU = cpuSeconds(RUSAGE_SELF) - selfBefore
        var workersCPU = 0.0
        for pid in await host.workerPids("score") { workersCPU += processCPUSeconds(pid) }
        if cold {
            await host.shutdown()
            return (Figures.seconds(clock.now - began), outcome, (selfCPU, workersCPU))
        }
        let seconds = Figures.seconds(clock.now - began)
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
}
