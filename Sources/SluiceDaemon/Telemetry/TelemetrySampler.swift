import SluiceStore
import SluiceWorkers

/// Each second's samples: every function with activity in the second or invocations running (its peak
/// concurrency, counts and duration percentiles), folded into its minute row too, and every running map run;
/// written in one transaction. Samples older than the retention are pruned a little at a time.
struct TelemetrySampler {
    let telemetry: Telemetry
    let database: SluiceDatabase
    /// How long samples stay, in seconds.
    let retention: Int
    /// Rows deleted per table and tick while old samples remain: short transactions, never a long lock.
    var pruneLimit = 1_000
    /// Each function's minute so far: its start (Unix seconds) and the durations of its invocations.
    private var minutes: [String: (t: Int, durations: [Double])] = [:]
    /// When old samples were last looked for; until none are left, some go each tick.
    private var lastPrune: Int?
    private var pruning = false

    init(telemetry: Telemetry, database: SluiceDatabase, retention: Int) {
        self.telemetry = telemetry
        self.database = database
        self.retention = retention
    }

    /// Takes the second ending at `t` (Unix seconds) and writes its samples; answers what was written.
    @discardableResult
    mutating func tick(at t: Int) throws -> SampleBatch {
        let batch = take(at: t)
        try database.saveSamples(batch)
        try prune(at: t)
        return batch
    }

    /// The samples of the second ending at `t`, the function metrics brought up to it.
    mutating func take(at t: Int) -> SampleBatch {
        var batch = SampleBatch()
        for recorder in telemetry.functions.recordersByName {
            let period = recorder.takePeriod()
            telemetry.metrics.function(period)
            guard period.isActive else { continue }
            let sorted = period.durations.sorted()
            batch.functions.append(
                FunctionSample(
                    function: period.function,
                    t: t,
                    concurrent: period.peakConcurrent,
                    invocations: period.invocations,
                    errors: period.errors,
                    throttles: period.throttles,
                    durationP50: Percentiles.of(sorted: sorted, 0.5),
                    durationP99: Percentiles.of(sorted: sorted, 0.99)
                )
            )
            batch.minutes.append(minuteRow(period, sorted: sorted, at: t))
        }
        batch.mapRuns = telemetry.mapRuns.sample(at: t)
        return batch
    }

    /// The period's contribution to its minute's row: its counts and peak, and the minute's percentiles so far.
    private mutating func minuteRow(_ period: FunctionPeriod, sorted: [Double], at t: Int) -> FunctionSample {
        let minute = t - ((t % 60) + 60) % 60
        var entry = minutes[period.function] ?? (minute, [])
        if entry.t != minute { entry = (minute, []) }
        var percentiles: (p50: Double?, p99: Double?) = (nil, nil)
        if !sorted.isEmpty {
            entry.durations.append(contentsOf: sorted)
            entry.durations.sort()
            percentiles = (Percentiles.of(sorted: entry.durations, 0.5), Percentiles.of(sorted: entry.durations, 0.99))
        }
        minutes[period.function] = entry
        return FunctionSample(
            function: period.function,
            t: minute,
            concurrent: period.peakConcurrent,
            invocations: period.invocations,
            errors: period.errors,
            throttles: period.throttles,
            durationP50: percentiles.p50,
            durationP99: percentiles.p99
        )
    }

    /// Once a minute, starts deleting samples older than the retention; a batch per tick until none are left.
    private mutating func prune(at t: Int) throws {
        if lastPrune.map({ t - $0 >= 60 }) ?? true {
            lastPrune = t
            pruning = true
        }
        guard pruning else { return }
        let deleted = try database.pruneSamples(before: t - retention, limit: pruneLimit)
        if deleted < pruneLimit { pruning = false }
    }
}
