import SluiceJSON

extension FunctionDefinition {
    /// Fields a slurm placement knows besides `Type`.
    static let slurmPlacementFields: Set = [
        "Type", "Partition", "Account", "TimeLimit", "CpusPerWorker", "MemoryMiB", "MaxWorkers", "ExtraArgs",
    ]

    /// `Placement`: `{"Type": "local"}` (the default) or `{"Type": "slurm", "Partition": ..., ...}`.
    static func readPlacement(_ object: JSONObject, into definition: inout FunctionDefinition, _ problem: ProblemSink) {
        guard let value = object["Placement"] else { return }
        guard case .object(let placement) = value else {
            problem(
                "Placement",
                "must be an object: {\"Type\": \"local\"} or {\"Type\": \"slurm\", \"Partition\": ...}"
            )
            return
        }
        switch placement["Type"] {
        case .string("local")?:
            for key in placement.keys where key != "Type" {
                problem("Placement/\(key)", "unknown field '\(key)' (a local placement has only 'Type')")
            }
        case .string("slurm")?:
            if let slurm = readSlurmPlacement(placement, problem) {
                definition.placement = .slurm(slurm)
                // Agents relay the request lines a persistent worker reads; a process-per-invocation worker has none.
                // Slurm runs a job as whoever submits it: sluiced's user, not the one `User` names.
                if definition.runAs != nil {
                    problem("User", "applies to local workers only: agents on Slurm run as the user sluiced submits as")
                }
                if definition.runtime != .persistent {
                    problem(
                        "Placement",
                        "a slurm placement needs \"Runtime\": \"persistent\" (its agents relay request lines)"
                    )
                }
            }
        case nil: problem("Placement", "the field 'Type' (\"local\" or \"slurm\") is required")
        default: problem("Placement/Type", "must be \"local\" or \"slurm\"")
        }
    }

    static func readSlurmPlacement(_ object: JSONObject, _ problem: ProblemSink) -> SlurmPlacement? {
        var ok = true
        func fail(_ field: String, _ message: String) {
            ok = false
            problem("Placement/" + field, message)
        }
        for key in object.keys where !slurmPlacementFields.contains(key) { fail(key, "unknown field '\(key)'") }
        var slurm = SlurmPlacement(partition: "")
        switch object["Partition"] {
        case .string(let s)? where isSlurmName(s): slurm.partition = s
        case nil: fail("Partition", "is required: the Slurm partition the agents run in")
        default: fail("Partition", "must be the name of a Slurm partition (no spaces or commas)")
        }
        switch object["Account"] {
        case nil: break
        case .string(let s)? where isSlurmName(s): slurm.account = s
        default: fail("Account", "must be the name of a Slurm account (no spaces or commas)")
        }
        if let v = object["TimeLimit"] {
            if let limit = slurmTimeLimit(v) {
                slurm.timeLimit = limit
            } else {
                fail("TimeLimit", "must be whole minutes (1 or more) or \"HH:MM:SS\" (\"D-HH:MM:SS\" for days)")
            }
        }
        if let v = object["CpusPerWorker"] {
            if case .int(let n) = v, (1...1024).contains(n) {
                slurm.cpusPerWorker = n
            } else {
                fail("CpusPerWorker", "must be a whole number from 1 to 1024")
            }
        }
        if let v = object["MemoryMiB"] {
            if case .int(let n) = v, (1...16_777_216).contains(n) {
                slurm.memoryMiB = n
            } else {
                fail("MemoryMiB", "must be a whole number of MiB, 1 or more")
            }
        }
        if let v = object["MaxWorkers"] {
            // Slurm's default MaxArraySize is 1001: array indexes 0...1000.
            if case .int(let n) = v, (1...1000).contains(n) {
                slurm.maxWorkers = n
            } else {
                fail("MaxWorkers", "must be a whole number from 1 to 1000")
            }
        }
        if let v = object["ExtraArgs"] {
            if case .array(let items) = v {
                for (i, item) in items.enumerated() {
                    // An argument not starting with '-' would end sbatch's options and be taken as the script.
                    guard case .string(let s) = item, s.hasPrefix("-"), !s.utf8.contains(0) else {
                        fail("ExtraArgs[\(i)]", "must be a string holding an sbatch option (starting with '-')")
                        continue
                    }
                    let name = String(s.split(separator: "=", maxSplits: 1).first ?? "")
                    if let reason = Self.sluicesOwnSbatchOptions[name] {
                        fail("ExtraArgs[\(i)]", "'\(name)' is sluice's to set: \(reason)")
                        continue
                    }
                    slurm.extraArgs.append(s)
                }
            } else {
                fail("ExtraArgs", "must be an array of sbatch options (strings)")
            }
        }
        return ok ? slurm : nil
    }

    /// sbatch options sluiced sets itself for every submission, which ExtraArgs may not override (sbatch takes the
    /// last of a repeated option), and why.
    static let sluicesOwnSbatchOptions: [String: String] = [
        "--export": "agents get only the function's Environment, never sluiced's own variables",
        "--array": "sluiced sizes each job array to the invocations waiting",
        "-a": "sluiced sizes each job array to the invocations waiting",
        "--ntasks": "each agent is a task: sluiced sizes each job to its agents",
        "-n": "each agent is a task: sluiced sizes each job to its agents",
        "--output": "the agents' output goes to their submission's folder",
        "-o": "the agents' output goes to their submission's folder",
        "--error": "the agents' output goes to their submission's folder",
        "-e": "the agents' output goes to their submission's folder",
        "--chdir": "use WorkingDirectory",
        "-D": "use WorkingDirectory",
        "--job-name": "sluiced finds its jobs again by their name",
        "-J": "sluiced finds its jobs again by their name",
        "--parsable": "sluiced reads sbatch's answer",
        "--wrap": "sluiced writes the batch script",
        "--partition": "use Partition",
        "-p": "use Partition",
    ]

    /// A partition or account name: non-empty, printable, without the separators Slurm lists use.
    static func isSlurmName(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 64
            && s.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7f && $0 != "," && $0 != "=" }
    }

    /// `TimeLimit` as sbatch's `--time` takes it: whole minutes, or `[D-]HH:MM:SS` with minutes and seconds
    /// below 60; nil when it is neither.
    static func slurmTimeLimit(_ value: JSONValue) -> String? {
        switch value {
        case .int(let minutes) where minutes >= 1: return String(minutes)
        case .string(let s):
            var clock = Substring(s)
            if let dash = s.firstIndex(of: "-") {
                guard let days = Int(s[..<dash]), days >= 0 else { return nil }
                clock = s[s.index(after: dash)...]
            }
            let parts = clock.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 3,
                parts.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.allSatisfy({ $0.isASCII && $0.isNumber }) }),
                let h = Int(parts[0]), let m = Int(parts[1]), let sec = Int(parts[2]),
                h >= 0, (0..<60).contains(m), (0..<60).contains(sec), h + m + sec > 0 || s.contains("-")
            else { return nil }
            return s
        default: return nil
        }
    }
}
