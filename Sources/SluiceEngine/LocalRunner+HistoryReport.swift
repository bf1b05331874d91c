import SluiceInterpreter

extension LocalRunner {
    /// When to hand the owner the execution's history: when it has grown, at most every interval (a copy of the
    /// events costs their number, so not at every event).
    struct HistoryReport {
        let interval: Duration
        private let clock = ContinuousClock()
        private var last: ContinuousClock.Instant
        private var reported = 0

        init(interval: Duration) {
            self.interval = interval
            last = clock.now.advanced(by: .seconds(-3600))
        }

        mutating func handled(by execution: Execution, tell onHistory: @Sendable ([HistoryEvent]) -> Void) {
            guard execution.history.count != reported, clock.now - last >= interval else { return }
            last = clock.now
            reported = execution.history.count
            onHistory(execution.history)
        }
    }
}
