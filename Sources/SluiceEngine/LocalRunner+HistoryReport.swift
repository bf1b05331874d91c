import SluiceInterpreter

extension LocalRunner {
    /// Hands the owner the history events it has not had yet, whenever the runner is about to wait for the next
    /// event: a running execution's history is then whole up to the moment it waits (a Wait of an hour shows its
    /// WaitStateEntered at once), and each event is handed over once, so the cost grows with the history, not
    /// with its square.
    struct HistoryReport {
        private var reported = 0

        mutating func report(_ execution: Execution, tell onHistory: @Sendable ([HistoryEvent]) -> Void) {
            guard execution.history.count > reported else { return }
            onHistory(Array(execution.history[reported...]))
            reported = execution.history.count
        }
    }
}
