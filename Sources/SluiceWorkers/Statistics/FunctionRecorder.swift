import Synchronization

/// One function's statistics, on the invocation path: a few integers and a duration appended under a lock, no
/// allocation once the second's duration buffer has grown to its usual size.
package final class FunctionRecorder: Sendable {
    package let name: String
    private let tally = Mutex(FunctionTally())

    init(name: String) { self.name = name }

    func configure(reservedConcurrency: Int?, provisionedConcurrency: Int) {
        tally.withLock {
            $0.reservedConcurrency = reservedConcurrency
            $0.provisionedConcurrency = provisionedConcurrency
        }
    }

    /// An invocation found its function's pool full (it waits its turn), or a ReservedConcurrency of 0 turned it
    /// away. Lambda refuses such an invocation (its `Throttles`); sluice queues it instead, and counts it here
    /// all the same so that the graph shows where the limit bit.
    package func throttled() {
        tally.withLock {
            $0.throttles += 1
            $0.period.throttles += 1
        }
    }

    /// An invocation starts running (it holds a worker); answers when, for `ended`.
    package func began() -> ContinuousClock.Instant {
        tally.withLock {
            $0.concurrent += 1
            if $0.concurrent > $0.period.peakConcurrent { $0.period.peakConcurrent = $0.concurrent }
        }
        return .now
    }

    /// An invocation that `began` at `start` is over; `failed` when it answered with an error (the function's own,
    /// or its worker crashed or timed out: Lambda's `Errors`).
    package func ended(since start: ContinuousClock.Instant, failed: Bool) {
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        tally.withLock {
            $0.concurrent -= 1
            $0.invocations += 1
            $0.period.invocations += 1
            if failed {
                $0.errors += 1
                $0.period.errors += 1
            }
            $0.period.record(milliseconds)
        }
    }

    /// The totals and what runs now, for the overview (no period is taken).
    package var live: FunctionLive {
        tally.withLock { t in
            FunctionLive(
                name: name,
                concurrent: t.concurrent,
                reservedConcurrency: t.reservedConcurrency,
                provisionedConcurrency: t.provisionedConcurrency,
                invocations: t.invocations,
                errors: t.errors,
                throttles: t.throttles
            )
        }
    }

    /// What happened since the last call (the sampler's second), and a new period begun: its peak concurrency
    /// starts at what runs now.
    package func takePeriod() -> FunctionPeriod {
        tally.withLock { t in
            let period = FunctionPeriod(
                function: name,
                concurrentNow: t.concurrent,
                peakConcurrent: max(t.period.peakConcurrent, t.concurrent),
                invocations: t.period.invocations,
                errors: t.period.errors,
                throttles: t.period.throttles,
                durations: t.period.durations
            )
            t.period.reset(concurrent: t.concurrent)
            return period
        }
    }
}
