/// One tick of sluiced's sampler, written in one transaction: the second's function samples, the minute rows
/// they fold into, and the running map runs' samples.
package struct SampleBatch: Sendable, Hashable {
    package var functions: [FunctionSample] = []
    /// Each minute row's counts are added to what the row has; its concurrency is the larger of the two; its
    /// percentiles replace the row's (the sampler keeps the minute's durations and sends its percentiles so far).
    package var minutes: [FunctionSample] = []
    package var mapRuns: [MapRunSample] = []

    package init(functions: [FunctionSample] = [], minutes: [FunctionSample] = [], mapRuns: [MapRunSample] = []) {
        self.functions = functions
        self.minutes = minutes
        self.mapRuns = mapRuns
    }

    package var isEmpty: Bool { functions.isEmpty && minutes.isEmpty && mapRuns.isEmpty }
}
