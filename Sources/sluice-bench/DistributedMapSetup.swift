import Foundation
import SluiceInterpreter

extension DistributedMapBenchmark {
    /// The benchmark's root: the companies as CSV in bucket inbox (and as JSONL, for verify.py), the two function
    /// folders (the reference worker and the shipped, tuned `score`), the Python interpreter both sides run.
    struct Setup {
        let root: String
        let shared: String
        let reference: String
        let tuned: String
        let python: String

        var buckets: String { root + "/var/lib/sluice/buckets" }
        var companies: String { buckets + "/inbox/companies/companies" }
        var results: String { buckets + "/results/scores" }

        init(root: String, shared: String, items: Int) throws {
            self.root = root
            self.shared = shared
            reference = root + "/etc/sluice/functions-reference"
            tuned = root + "/etc/sluice/functions-tuned"
            for dir in [root + "/var/lib/sluice/buckets/inbox/companies", root + "/var/lib/sluice/buckets/results"] {
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            }
            let generator = shared + "/bench/gen_items.py"
            let companies = root + "/var/lib/sluice/buckets/inbox/companies/companies"
            guard
                FunctionBenchmark.runProcess(
                    "/usr/bin/env",
                    ["python3", generator, String(items), companies + ".jsonl"]
                )
                    != nil
            else { throw BenchError("gen_items.py failed") }
            // Only the CSV in the bucket's prefix is read; the JSONL is verify.py's reference, kept beside the root.
            try FileManager.default.moveItem(atPath: companies + ".jsonl", toPath: root + "/companies.jsonl")
            try? FileManager.default.removeItem(atPath: companies + ".json")
            // The interpreter itself, not a version manager's shim in front of it (pyenv's costs ~50 ms a start).
            python =
                FunctionBenchmark.runProcess("/usr/bin/env", ["python3", "-c", "import sys; print(sys.executable)"])
                ?? "python3"
            let bench = Self.repository + "/bench"
            // Absolute: the workers run in their function's folder.
            let sharedPath = shared.hasPrefix("/") ? shared : FileManager.default.currentDirectoryPath + "/" + shared
            let handlers = (sharedPath as NSString).standardizingPath + "/bench/handlers"
            try FileManager.default.createDirectory(atPath: reference, withIntermediateDirectories: true)
            try
                #"{"Command":["\#(python)","\#(bench)/reference_worker.py"],"Runtime":"persistent","Timeout":120,"ReservedConcurrency":2,"ProvisionedConcurrency":2,"Environment":{"SLUICE_BENCH_HANDLERS":"\#(handlers)"}}"#
                .write(toFile: reference + "/score.json", atomically: true, encoding: .utf8)
            try FileManager.default.createDirectory(atPath: tuned, withIntermediateDirectories: true)
            try String(contentsOfFile: Self.repository + "/etc/sluice/functions/score.py", encoding: .utf8)
                .write(toFile: tuned + "/score.py", atomically: true, encoding: .utf8)
            try
                #"{"Command":["\#(python)","score.py"],"Runtime":"persistent","Timeout":120,"ReservedConcurrency":2,"ProvisionedConcurrency":2}"#
                .write(toFile: tuned + "/score.json", atomically: true, encoding: .utf8)
        }

        /// The package's folder (this file is in Sources/sluice-bench).
        static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path

        func clearResults() throws { try? FileManager.default.removeItem(atPath: results) }

        func check(_ outcome: ExecutionOutcome, _ label: String) throws {
            guard case .succeeded = outcome else {
                throw BenchError("\(label): the map run did not succeed: \(outcome)\n" + firstFailure())
            }
        }

        /// The SUCCEEDED result files (JSONL, FLATTEN: a result per line) in one file, for verify.py.
        func concatenatedResults() throws -> String {
            let out = root + "/sluice-results.jsonl"
            var data = Data()
            let files = FileManager.default.enumerator(atPath: results)?.compactMap { $0 as? String } ?? []
            for file in files where file.contains("SUCCEEDED") {
                data.append(try Data(contentsOf: URL(fileURLWithPath: results + "/" + file)))
            }
            try data.write(to: URL(fileURLWithPath: out))
            return out
        }

        /// verify.py: every company exactly once, every score right; throws what it said otherwise.
        func verify(_ output: String, _ label: String) throws {
            let said = FunctionBenchmark.runProcess(
                "/bin/sh",
                [
                    "-c", #""$0" "$1" "$2" "$3" 2>&1 || echo FAILED"#, python, shared + "/bench/verify.py", output,
                    root + "/companies.jsonl",
                ]
            )
            guard let said, said.hasPrefix("OK"), !said.contains("FAILED") else {
                throw BenchError("\(label): verify.py: \(said ?? "did not run")")
            }
        }

        /// Wall time of the Pool over the same CSV, Python's start included, its results written to a file (as
        /// sluice writes its result files). multiprocessing.Pool waits forever for a task whose worker died: a run
        /// that hangs is stopped after 120 s and tried once more.
        func poolSeconds() throws -> Double {
            for attempt in 1...2 {
                let clock = ContinuousClock()
                let began = clock.now
                let finished =
                    FunctionBenchmark.runProcess(
                        "/bin/sh",
                        [
                            "-c", #"exec timeout -k 5 120 "$4" "$0" "$5" "$1" 2 1000 > "$2" 2> "$3""#,
                            Self.repository + "/bench/pool_csv.py", companies + ".csv", root + "/pool-results.jsonl",
                            root + "/pool-stderr.txt", python, shared + "/bench/handlers",
                        ]
                    ) != nil
                if finished { return Figures.seconds(clock.now - began) }
                let said = (try? String(contentsOfFile: root + "/pool-stderr.txt", encoding: .utf8)) ?? ""
                print("  (Pool run \(attempt) did not finish: \(said.suffix(300)))")
            }
            throw BenchError("the Pool did not finish twice")
        }

        /// The start of the first FAILED result file, to say why a run failed.
        func firstFailure() -> String {
            let files = FileManager.default.enumerator(atPath: results)?.compactMap { $0 as? String } ?? []
            guard let file = files.first(where: { $0.contains("FAILED_") }),
                let text = try? String(contentsOfFile: results + "/" + file, encoding: .utf8)
            else { return "(no FAILED result file)" }
            return String(text.prefix(1500))
        }
    }
}
