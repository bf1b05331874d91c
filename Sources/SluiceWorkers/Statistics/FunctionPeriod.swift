/// What one function did in one sampling period (a second of sluiced's sampler).
package struct FunctionPeriod: Sendable, Hashable {
    package var function: String
    /// Invocations running at the end of the period.
    package var concurrentNow: Int
    /// The most invocations running at once during the period (Lambda's `ConcurrentExecutions`, a maximum).
    package var peakConcurrent: Int
    /// Invocations that ended in the period, and of those, the ones that failed.
    package var invocations: Int
    package var errors: Int
    package var throttles: Int
    /// The durations of the invocations that ended, in milliseconds (a bounded sample when there were very many).
    package var durations: [Double]

    package init(
        function: String,
        concurrentNow: Int,
        peakConcurrent: Int,
        invocations: Int,
        errors: Int,
        throttles: Int,
        durations: [Double]
    ) {
        self.function = function
        self.concurrentNow = concurrentNow
        self.peakConcurrent = peakConcurrent
        self.invocations = invocations
        self.errors = errors
        self.throttles = throttles
        self.durations = durations
    }

    /// Whether the period is worth a sample: something ended, waited or failed, or something runs.
    package var isActive: Bool { invocations > 0 || throttles > 0 || errors > 0 || peakConcurrent > 0 }
}
