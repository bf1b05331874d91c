import Foundation

/// Issue 19's bursts (`sluice-bench burst`): 10,000 small CSV files renamed into one prefix of a bucket at once, then
/// 100,000 into 100 prefixes of 1,000, each burst on a fresh sluiced. The second is made to overflow the kernel's
/// inotify queue (16,384 events by default, left as it is: the machine is shared): the prefixes exist and are
/// watched before the burst, so each rename is an event of its own, and the renames come far faster than sluiced
/// turns events into executions (it reads more events only once those it has read are recorded): the kernel's
/// overflow event, queued after the 16,384 it kept, is read minutes into the burst, and the rescan finds the files
/// whose events were dropped. Counts are
/// checked in sluice.db and in the topic the executions publish to: one execution per file, each file once, all
/// SUCCEEDED, no hand-off left; any other count throws (exit 1).
extension DropBurstBenchmark {
    /// How a burst lays its files out.
    struct Burst {
        var files: Int
        var prefixes: Int
        var mustOverflow: Bool

        var label: String {
            prefixes == 1
                ? "\(files) files into one prefix"
                : "\(files) files into \(prefixes) prefixes of \(files / prefixes)"
        }

        func key(_ i: Int) -> String {
            prefixes == 1 ? "burst/f\(i).csv" : "burst/p\(i % prefixes)/f\(i).csv"
        }
    }

    static func load() throws {
        let scale = Int(ProcessInfo.processInfo.environment["SLUICE_BURST_SCALE"] ?? "") ?? 1
        let bursts = [
            Burst(files: 10_000 / scale, prefixes: 1, mustOverflow: false),
            Burst(files: 100_000 / scale, prefixes: 100, mustOverflow: scale == 1),
        ]
        print("")
        print("burst: small CSV files renamed into bucket inbox at once, each on a fresh sluiced")
        for burst in bursts {
            guard try run(burst) else { return }
        }
    }

    /// One burst, checked; false when sluiced is not built.
    static func run(_ burst: Burst) throws -> Bool {
        guard let daemon = try BenchDaemon.start() else {
            print("  sluiced not built (make bench builds it): skipped")
            return false
        }
        defer { daemon.stop() }
        let fm = FileManager.default
        let staging = daemon.root + "/staging/"
        try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
        for i in 0..<burst.files {
            _ = fm.createFile(atPath: staging + "f\(i).csv", contents: Data("id,name\n\(i),company \(i)\n".utf8))
        }
        // The prefixes first, and time for sluiced to watch them: the burst is then one event per file.
        for p in 0..<burst.prefixes {
            let prefix = burst.prefixes == 1 ? "burst" : "burst/p\(p)"
            try fm.createDirectory(atPath: daemon.inbox + prefix, withIntermediateDirectories: true)
        }
        Thread.sleep(forTimeInterval: 1.5)
        let cpuBefore = daemon.cpuSeconds()
        let clock = ContinuousClock()
        let start = clock.now
        for i in 0..<burst.files {
            guard rename(staging + "f\(i).csv", daemon.inbox + burst.key(i)) == 0 else {
                throw BenchError("burst: rename of file \(i) failed: errno \(errno)")
            }
        }
        let renamed = Figures.seconds(clock.now - start)
        let ended = "SELECT count(*) FROM execution WHERE input LIKE '%burst/%' AND status != 'RUNNING'"
        var done = 0
        var progressAt = clock.now
        while done < burst.files {
            Thread.sleep(forTimeInterval: 0.5)
            let now = daemon.query(ended)?.first ?? done
            if now > done { progressAt = clock.now }
            done = now
            // Stuck, not slow: a minute without one more execution ending.
            if clock.now - progressAt > .seconds(60) { break }
        }
        let drained = Figures.seconds(clock.now - start)
        // Then the outbox: each execution's message has a delivery hand-off, gone once carried out.
        var left = Int.max
        progressAt = clock.now
        while left > 0 {
            let now = daemon.query("SELECT count(*) FROM handoff")?.first ?? left
            if now < left { progressAt = clock.now }
            left = now
            if left == 0 || clock.now - progressAt > .seconds(60) { break }
            Thread.sleep(forTimeInterval: 0.5)
        }
        let emptied = Figures.seconds(clock.now - start)
        let cpu = daemon.cpuSeconds() - cpuBefore
        // A moment for anything doubled to show up before counting.
        Thread.sleep(forTimeInterval: 2)
        let counts =
            daemon.query(
                """
                SELECT count(*), count(DISTINCT input), sum(status = 'SUCCEEDED'),
                  (SELECT count(*) FROM handoff) FROM execution WHERE input LIKE '%burst/%'
                """
            ) ?? []
        let published = daemon.messageTexts(topic: "started").filter { $0.hasPrefix("burst/") }
        let overflows = daemon.queueOverflows()
        print("  \(burst.label):")
        print(
            String(
                format:
                    "    every execution ended after %.1f s (%.0f/s; the renames took %.2f s), the outbox empty after"
                    + " %.1f s; sluiced %.1f CPU-s (%.0f µs a file), peak RSS %.1f MiB, inotify queue overflows %d",
                drained,
                Double(done) / drained,
                renamed,
                emptied,
                cpu,
                cpu / Double(burst.files) * 1e6,
                daemon.peakRSSMiB(),
                overflows
            )
        )
        let expected = [burst.files, burst.files, burst.files, 0]
        print(
            "    executions \(counts.first ?? -1), distinct inputs \(counts.dropFirst().first ?? -1), SUCCEEDED "
                + "\(counts.dropFirst(2).first ?? -1), hand-offs left \(counts.dropFirst(3).first ?? -1); "
                + "messages \(published.count), distinct \(Set(published).count)"
        )
        guard counts == expected else {
            throw BenchError(
                "burst: \(burst.label): executions, distinct, SUCCEEDED, hand-offs \(counts) ≠ \(expected)"
            )
        }
        let keys = Set((0..<burst.files).map(burst.key))
        guard published.count == burst.files, Set(published) == keys else {
            throw BenchError("burst: \(burst.label): \(published.count) messages, not one for each of \(burst.files)")
        }
        guard !burst.mustOverflow || overflows > 0 else {
            throw BenchError("burst: \(burst.label): the inotify queue never overflowed, so the rescan went untested")
        }
        return true
    }
}
