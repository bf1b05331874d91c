import Foundation
import SluiceStore
import SluiceTesting
import SluiceVocabulary
import Testing

/// Issue 19's kill campaign: one real sluiced working on uploads, Distributed Map runs with a ResultWriter,
/// executions failing and redriven, and topic deliveries, all at once (Pipelines+Campaign.swift), while it is
/// SIGKILLed at random moments (restarted each time), its workers are SIGKILLed and it is once stopped for a few
/// seconds (SIGSTOP, SIGCONT). Then CampaignAudit checks that nothing was lost or done twice. 8 kills in
/// `make test`; `make soak` 50, for as long as SLUICE_CAMPAIGN_MINUTES asks (CampaignSize).
extension CrashRecoveryTests {
    @Test(
        "Kill campaign: uploads, map runs, redrives and deliveries through SIGKILLs and a SIGSTOP: each once",
        .timeLimit(.minutes(120))
    )
    func killCampaign() async throws {
        let size = CampaignSize(ProcessInfo.processInfo.environment)
        let root = try Root()
        try root.killCampaign()
        let began = ContinuousClock.now
        var (daemon, _) = try await start(root)
        defer { if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) } }
        let enough = CampaignStop()
        async let made = upload(root, until: enough)
        async let drove = drive(root, until: enough)

        var kills = 0
        var workerKills = 0
        var stopped = false
        while kills < size.kills || ContinuousClock.now - began < size.duration {
            try await Task.sleep(for: .seconds(Double.random(in: 0.3...1.7) * size.meanPause))
            if Bool.random(), killWorker(root) { workerKills += 1 }
            if kills == size.kills / 2, !stopped {
                stopped = true
                kill(daemon.processIdentifier, SIGSTOP)
                try await Task.sleep(for: .seconds(3))
                kill(daemon.processIdentifier, SIGCONT)
                continue
            }
            guard kills < size.kills else { continue }
            (daemon, _) = try await killAndRestart(daemon, root)
            kills += 1
        }
        enough.raise()
        let uploads = try await made
        var driver = try await drove
        // Whether it settles or not, the audit says what is wrong.
        try? await eventually("the campaign's work done", within: .seconds(180), every: .milliseconds(500)) {
            try await driver.round(producing: false)
            let records = root.executions()
            return driver.startsRecorded && root.isIdle
                && records.count >= uploads + driver.long.count + driver.flaky.count
                && records.allSatisfy { $0.status == .succeeded }
        }
        let audit = try CampaignAudit(root: root, uploads: uploads, driver: driver)
        print(
            "kill campaign: \(kills) SIGKILLs of sluiced, \(workerKills) of workers, 1 SIGSTOP (3 s); "
                + "\(audit.executions) executions (\(uploads) uploads, \(driver.long.count) map runs, "
                + "\(driver.flaky.count) flaky), \(audit.redrives) redrives, \(audit.items) items, "
                + "\(audit.messages) messages, \(audit.deliveries) deliveries (\(audit.duplicateDeliveries) repeated); "
                + String(format: "%.1f s", Double((ContinuousClock.now - began).components.seconds))
        )
        #expect(audit.problems.isEmpty, "\(audit.problems.prefix(40).joined(separator: "\n"))\nroot kept: \(root.path)")
        try await stop(daemon)
        // A failed campaign's root stays for a look (sluiced.log, sluice.db, the result files).
        if audit.problems.isEmpty { root.remove() }
    }

    /// Drops a small CSV file into inbox/uploads/ every 0.1 to 0.5 s until `enough`: answers how many.
    private func upload(_ root: Root, until enough: CampaignStop) async throws -> Int {
        var made = 0
        while !enough.raised {
            made += 1
            let name = "u-\(made).csv"
            try root.write("staging/" + name, "id,name\n\(made),company \(made)\n")
            try root.move("staging/" + name, to: "var/lib/sluice/buckets/inbox/uploads/" + name)
            try await Task.sleep(for: .milliseconds(Int.random(in: 100...500)))
        }
        return made
    }

    /// Starts executions and redrives failed ones (CampaignDriver) until `enough`.
    private func drive(_ root: Root, until enough: CampaignStop) async throws -> CampaignDriver {
        var driver = CampaignDriver(root: root)
        while !enough.raised {
            try await driver.round(producing: true)
            try await Task.sleep(for: .milliseconds(250))
        }
        return driver
    }

    /// SIGKILLs one of the campaign's function workers still running (their pids in `worker-pids`, told apart
    /// by their command line naming the root); answers whether there was one.
    private func killWorker(_ root: Root) -> Bool {
        let pids = (root.read("worker-pids") ?? "").split(separator: "\n").compactMap { Int32($0) }
        let running = pids.filter {
            (try? String(contentsOfFile: "/proc/\($0)/cmdline", encoding: .utf8))?.contains(root.path) == true
        }
        guard let victim = running.randomElement() else { return false }
        return kill(victim, SIGKILL) == 0
    }
}
