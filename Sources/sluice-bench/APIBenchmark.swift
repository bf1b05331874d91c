import Foundation

/// The AWS API through boto3 (bench/api.py), side by side in one run with boto3's own floor: the same client and
/// calls against a canned-answer server, so that what sluiced adds shows apart from what the client costs.
/// Targets (issue 16): DescribeExecution p50 < 2 ms, StartExecution p50 < 3 ms (moto's server here: 3-7 and
/// 7-16 ms), StartExecution sustained >= 500/s from 8 client threads with every execution listed afterwards.
enum APIBenchmark {
    static let rounds = 5
    static let calls = 300

    static func run() throws {
        guard let python = pythonWithBoto3() else {
            print("api: skipped (no python3 with boto3: run `make test` once, or set SLUICE_PYTHON)")
            return
        }
        guard let daemon = try BenchDaemon.start() else {
            print("api: skipped (build sluiced in release first)")
            return
        }
        defer { daemon.stop() }
        let environment = try daemon.clientEnvironment()
        var sluice: [String: [Double]] = [:]
        var floor: [String: [Double]] = [:]
        for _ in 0..<rounds {
            for (mode, into) in [("floor", 0), ("latency", 1)] {
                let result = try runScript(python, [mode, String(calls)], environment)
                for operation in ["StartExecution", "DescribeExecution"] {
                    let p50 = (result[operation] as? [String: Any])?["p50"] as? Double ?? .nan
                    if into == 0 {
                        floor[operation, default: []].append(p50)
                    } else {
                        sluice[operation, default: []].append(p50)
                    }
                }
            }
        }
        print("api: boto3 against sluiced vs boto3 against a canned answer (p50 of \(calls) calls, \(rounds) rounds)")
        for (operation, target) in [("StartExecution", 3.0), ("DescribeExecution", 2.0)] {
            let ours = sluice[operation] ?? []
            let theirs = floor[operation] ?? []
            print(
                String(
                    format: "    %@ p50 %@ ms   floor %@ ms   sluiced adds %@ ms   target < %.0f ms: %@",
                    operation.padding(toLength: 18, withPad: " ", startingAt: 0),
                    Figures.range(ours),
                    Figures.range(theirs),
                    Figures.range(zip(ours, theirs).map { $0 - $1 }),
                    target,
                    Figures.median(ours) < target ? "met" : "MISSED"
                )
            )
        }
        try uploadFigure(python, environment)
        var rates: [Double] = []
        var complete = true
        for _ in 0..<3 {
            let result = try runScript(python, ["throughput", "2000", "8"], environment)
            rates.append(result["per_second"] as? Double ?? 0)
            let listed = result["listed"] as? Int ?? -1
            let errors = result["errors"] as? Int ?? -1
            if listed != 2000 || errors != 0 {
                complete = false
                print("    throughput round: \(listed) of 2000 listed, \(errors) errors \(result["first_error"] ?? "")")
            }
        }
        print(
            String(
                format:
                    "    StartExecution from 8 threads: %@ /s (3 rounds of 2000)   every one listed: %@   target >= 500/s: %@",
                Figures.range(rates, digits: 0),
                complete ? "yes" : "NO",
                Figures.median(rates) >= 500 && complete ? "met" : "MISSED"
            )
        )
    }

    /// `aws s3 cp` of the 28 MB companies CSV against `cp` of it plus the client's own CPU time (what the CLI
    /// costs whatever the server: reading, hashing, splitting into parts). Target: within 1.5 times.
    static func uploadFigure(_ python: String, _ environment: [String: String]) throws {
        let csv = NSTemporaryDirectory() + "sluice-bench-companies-\(UUID().uuidString).csv"
        defer { try? FileManager.default.removeItem(atPath: csv) }
        try CompaniesCSV.generate(227_000, to: csv)
        let aws = (python as NSString).deletingLastPathComponent + "/aws"
        let result = try runScript(
            python,
            ["s3cp", "5", csv, FileManager.default.isExecutableFile(atPath: aws) ? aws : "aws"],
            environment
        )
        let rounds = result["rounds"] as? [[String: Any]] ?? []
        let ratios = rounds.map {
            ($0["aws"] as? Double ?? .nan) / (($0["cp"] as? Double ?? 0) + ($0["client_cpu"] as? Double ?? 0))
        }
        let same = rounds.allSatisfy { $0["same"] as? Bool == true }
        print(
            String(
                format:
                    "    aws s3 cp, 28 MB CSV: %@ s   cp %@ s + client CPU %@ s   ratio %@   bytes equal: %@   target <= 1.5: %@",
                Figures.range(rounds.map { $0["aws"] as? Double ?? .nan }),
                Figures.range(rounds.map { $0["cp"] as? Double ?? .nan }, digits: 3),
                Figures.range(rounds.map { $0["client_cpu"] as? Double ?? .nan }),
                Figures.range(ratios),
                same ? "yes" : "NO",
                Figures.median(ratios) <= 1.5 && same ? "met" : "MISSED"
            )
        )
    }

    static func pythonWithBoto3() -> String? {
        let candidates = [
            ProcessInfo.processInfo.environment["SLUICE_PYTHON"], ".build/aws-clients/bin/python", "python3",
        ]
        for candidate in candidates.compactMap({ $0 }) {
            let check = Process()
            check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            check.arguments = [candidate, "-c", "import boto3"]
            check.standardError = FileHandle.nullDevice
            check.standardOutput = FileHandle.nullDevice
            guard (try? check.run()) != nil else { continue }
            check.waitUntilExit()
            if check.terminationStatus == 0 { return candidate }
        }
        return nil
    }

    static func runScript(_ python: String, _ arguments: [String], _ environment: [String: String]) throws -> [String:
        Any]
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, "bench/api.py"] + arguments
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
            let value = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        else {
            throw BenchError(
                "bench/api.py \(arguments.joined(separator: " ")) failed (status \(process.terminationStatus))"
            )
        }
        return value
    }

}

extension BenchDaemon {
    /// What `sluice env` sets, for this daemon's root.
    func clientEnvironment() throws -> [String: String] {
        let endpointFile = root + "/run/sluice/api-endpoint"
        let deadline = Date().addingTimeInterval(10)
        while !FileManager.default.fileExists(atPath: endpointFile), Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        let endpoint = try String(contentsOfFile: endpointFile, encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        var environment = ProcessInfo.processInfo.environment
        environment["AWS_ENDPOINT_URL"] = endpoint
        environment["AWS_SHARED_CREDENTIALS_FILE"] = root + "/var/lib/sluice/credentials"
        environment["AWS_PROFILE"] = "sluice"
        environment["AWS_REGION"] = "local"
        environment["AWS_DEFAULT_REGION"] = "local"
        environment["AWS_CONFIG_FILE"] = "/dev/null"
        for key in ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"] { environment[key] = nil }
        return environment
    }
}
