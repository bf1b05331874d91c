import Logging
import ServiceLifecycle
import SluiceEngine
import SluiceVocabulary

/// The dashboard's sampler: at each second of sluiced's clock, the functions' and map runs' samples go to
/// sluice.db (TelemetrySampler) and the function metrics are brought up to date. A restart carries on adding to
/// the same tables; nothing is erased but what is older than `Dashboard.SampleRetentionDays`. It stops after the
/// executions (it is started just after the journal writer), with one last tick for the runs that just ended.
struct SamplerService: Service {
    let runtime: DaemonRuntime

    /// The most seconds a late wake-up fills in.
    static let catchUpSeconds = 10

    func run() async throws {
        var sampler = TelemetrySampler(
            telemetry: runtime.telemetry,
            database: runtime.store.database,
            retention: runtime.settings.dashboard.sampleRetentionSeconds
        )
        var last: Int?
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            let next = Int(runtime.clock.now().epochMilliseconds / 1000) + 1
            do {
                try await runtime.clock.sleepUntil(Timestamp(epochMilliseconds: Int64(next) * 1000))
            } catch {
                return
            }
            // A clock set forward (tests) may pass several seconds at once: the second reached is sampled.
            let t = max(next, Int(runtime.clock.now().epochMilliseconds / 1000))
            guard last.map({ t > $0 }) ?? true else { continue }
            // Woken a few seconds late (a busy machine): the seconds it slept through get their points too, so a
            // graph has no holes (what was counted meanwhile lands in the first of them). A clock set far forward
            // gets only the second reached.
            if let last, t - last > 1, t - last <= Self.catchUpSeconds {
                for missed in (last + 1)..<t { tick(&sampler, at: missed) }
            }
            last = t
            tick(&sampler, at: t)
        }
        if !Task.isCancelled {
            tick(&sampler, at: max((last ?? 0) + 1, Int(runtime.clock.now().epochMilliseconds / 1000)))
        }
    }

    private func tick(_ sampler: inout TelemetrySampler, at t: Int) {
        do {
            try sampler.tick(at: t)
        } catch {
            runtime.logger.warning("cannot write the dashboard's samples to sluice.db: \(error)")
        }
    }
}
