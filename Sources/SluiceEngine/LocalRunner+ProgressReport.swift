import SluiceInterpreter

extension LocalRunner {
    /// When to tell the owner how the execution's Map runs are doing: a run that starts or ends at once (the end
    /// with its final counters), running ones at most every interval.
    struct ProgressReport {
        let interval: Duration
        private let clock = ContinuousClock()
        private var last: ContinuousClock.Instant
        private var reportedEnded = 0
        private var reportedStarted = 0

        init(interval: Duration) {
            self.interval = interval
            last = clock.now
        }

        /// After the execution handled `event`: tells `onProgress` if it is time.
        mutating func handled(
            _ event: ExecutionEvent,
            by execution: Execution,
            tell onProgress: @Sendable ([MapRunProgress]) -> Void
        ) {
            let ended = execution.endedMapRuns[reportedEnded...]
            var updated = false
            if case .mapRunUpdated = event { updated = true }
            guard
                !ended.isEmpty || updated || execution.mapRunsStarted != reportedStarted
                    || clock.now - last >= interval
            else { return }
            last = clock.now
            reportedEnded = execution.endedMapRuns.count
            reportedStarted = execution.mapRunsStarted
            let progress = execution.mapRunProgress + ended
            if !progress.isEmpty { onProgress(progress) }
        }
    }
}
