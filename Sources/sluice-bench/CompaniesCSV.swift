/// The shipped example's companies (etc/sluice/examples/generate-companies.py): the CSV every pipeline benchmark
/// drops, uploads or reads.
enum CompaniesCSV {
    /// Writes `count` generated companies to `path`.
    static func generate(_ count: Int, to path: String) throws {
        let script = DistributedMapBenchmark.Setup.repository + "/etc/sluice/examples/generate-companies.py"
        guard FunctionBenchmark.runProcess("/usr/bin/env", ["python3", script, String(count), path]) != nil else {
            throw BenchError("generate-companies.py failed")
        }
    }
}
