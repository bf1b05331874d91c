/// The counts behind a FunctionRecorder.
struct FunctionTally {
    var reservedConcurrency: Int?
    var provisionedConcurrency = 0
    var concurrent = 0
    var invocations = 0
    var errors = 0
    var throttles = 0
    var period = Period()

    /// Since the sampler last looked.
    struct Period {
        /// Beyond this many invocations in one period, a new duration takes the place of an older one (the
        /// percentiles stay representative; the buffer stays bounded).
        static let durationCapacity = 65_536
        var peakConcurrent = 0
        var invocations = 0
        var errors = 0
        var throttles = 0
        var durations: [Double] = []

        mutating func record(_ milliseconds: Double) {
            if durations.count < Self.durationCapacity {
                durations.append(milliseconds)
            } else {
                durations[invocations % Self.durationCapacity] = milliseconds
            }
        }

        mutating func reset(concurrent: Int) {
            peakConcurrent = concurrent
            invocations = 0
            errors = 0
            throttles = 0
            durations.removeAll(keepingCapacity: true)
        }
    }
}
