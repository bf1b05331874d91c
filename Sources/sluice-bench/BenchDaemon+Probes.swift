import Foundation

/// What the load scenarios read of a running sluiced: its memory and CPU from /proc, its store through the sqlite3
/// shell (read beside it, as an operator would), what it logged.
extension BenchDaemon {
    var pid: Int32 { process.processIdentifier }
    var database: String { root + "/var/lib/sluice/sluice.db" }

    /// sluiced's peak resident memory so far (VmHWM), in MiB.
    func peakRSSMiB() -> Double { statusKiB("VmHWM:") / 1024 }

    /// sluiced's resident memory now (VmRSS), in MiB.
    func rssMiB() -> Double { statusKiB("VmRSS:") / 1024 }

    private func statusKiB(_ field: String) -> Double {
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix(field) } ?? ""
        return line.split(separator: " ").dropFirst().first.flatMap { Double($0) } ?? .nan
    }

    /// sluiced's user + system CPU seconds so far.
    func cpuSeconds() -> Double { DistributedMapBenchmark.processCPUSeconds(pid) }

    /// sluice.db's size on disk now, its write-ahead log included, in MiB.
    func databaseMiB() -> Double {
        var bytes = 0
        for suffix in ["", "-wal", "-shm"] {
            let attributes = try? fm.attributesOfItem(atPath: database + suffix)
            bytes += (attributes?[.size] as? Int) ?? 0
        }
        return Double(bytes) / 1_048_576
    }

    /// The integers a query answers (its first row, `|`-separated), or nil when the shell failed.
    func query(_ sql: String) -> [Int]? {
        guard
            let said = FunctionBenchmark.runProcess(
                "/usr/bin/sqlite3",
                ["-cmd", ".timeout 10000", database, sql]
            )
        else { return nil }
        let row = said.split(separator: "\n").first ?? ""
        return row.split(separator: "|", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
    }

    /// How many times sluiced said its inotify queue overflowed (its warning, one line each).
    func queueOverflows() -> Int {
        let log = (try? String(contentsOfFile: root + "/sluiced.log", encoding: .utf8)) ?? ""
        return log.components(separatedBy: "inotify queue overflowed").count - 1
    }

    /// The messages of a topic, each message's text (the file's `Message`).
    func messageTexts(topic: String) -> [String] {
        let folder = root + "/var/lib/sluice/topics/" + topic + "/"
        let names = ((try? fm.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
        return names.compactMap { name in
            guard let data = fm.contents(atPath: folder + name),
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            else { return nil }
            return object["Message"] as? String
        }
    }
}
