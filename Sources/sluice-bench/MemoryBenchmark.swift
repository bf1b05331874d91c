import Foundation
import Logging
import SluiceASL
import SluiceEngine
import SluiceInterpreter
import SluiceJSON
import SluiceWorkers

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 5's memory target: a Distributed Map over a 10,000,000-line JSONL object keeps sluice's peak RSS
/// (workers excluded) under 100 MiB. The run happens in a child process (this binary again), so the figure is
/// that run's own peak, read from the kernel's accounting of the child.
enum MemoryBenchmark {
    static let definition = #"""
        {"StartAt":"Count","States":{"Count":{"Type":"Map",
          "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSONL"},
            "Parameters":{"Bucket":"inbox","Key":"items.jsonl"}},
          "ItemBatcher":{"MaxItemsPerBatch":1000},
          "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"Size","States":{
            "Size":{"Type":"Pass","Parameters":{"n.$":"States.ArrayLength($.Items)"},"End":true}}},
          "ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"results","Prefix":"counts"},
            "WriterConfig":{"OutputType":"JSONL","Transformation":"COMPACT"}},
          "End":true}}}
        """#

    static func run(items: Int = 10_000_000) throws {
        let root = NSTemporaryDirectory() + "sluice-bench-rss-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        let buckets = root + "/var/lib/sluice/buckets"
        for dir in [buckets + "/inbox", buckets + "/results"] {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        }
        // A generated JSONL object, written in large chunks.
        let path = buckets + "/inbox/items.jsonl"
        try JSONLinesFile.write(items, to: path) { #"{"company_id":\#($0),"sector":"energy","score":0.5}"# }

        let clock = ContinuousClock()
        let began = clock.now
        let child = Process()
        child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        child.arguments = ["memory-child", root]
        let report = Pipe()
        child.standardOutput = report
        try child.run()
        let reported = report.fileHandleForReading.readDataToEndOfFile()
        child.waitUntilExit()
        let seconds = Figures.seconds(clock.now - began)
        // The child reports its own peak (VmHWM): RUSAGE_CHILDREN would be the largest of every child reaped so far,
        // moto's Python and the workers of the earlier benchmarks included.
        let peakKiB = Double(String(decoding: reported, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        let peakMiB = (peakKiB ?? .infinity) / 1024
        print("")
        print(
            "memory: Distributed Map over a \(items)-line JSONL object (batches of 1,000, Pass children, results written)"
        )
        print(
            String(
                format: "  sluice   peak RSS %.1f MiB  (%.1f s, %.0f items/s)  target < 100 MiB: %@",
                peakMiB,
                seconds,
                Double(items) / seconds,
                child.terminationStatus == 0 && peakMiB < 100 ? "met" : "MISSED"
            )
        )
        if child.terminationStatus != 0 { print("  the run failed (exit \(child.terminationStatus))") }
    }

    /// The child side: run the map over ROOT's buckets and exit 0 when it succeeded.
    static func child(root: String) async -> Int32 {
        guard case .success(let machine) = DefinitionDecoder.decode(text: definition) else { return 2 }
        let host = FunctionHost(
            definitions: [],
            maxWorkers: 2,
            logger: Logger(label: "bench") { _ in SwiftLogNoOpLogHandler() }
        )
        let outcome = await PipelineRunner.run(
            machine,
            name: "count",
            input: [:],
            root: root,
            host: host,
            maxWorkers: 2
        )
        guard case .succeeded(_) = outcome else {
            FileHandle.standardError.write(Data("\(outcome)\n".utf8))
            return 1
        }
        // VmHWM, the peak of this process's own memory: getrusage's ru_maxrss survives exec on Linux, so it would
        // carry the parent's peak (the earlier benchmarks' memory) when the parent was larger.
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
        print(line.split(separator: " ").dropFirst().first.map(String.init) ?? "")
        return 0
    }
}
