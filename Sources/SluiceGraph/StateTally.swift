/// How one state's entries ended so far. A state inside a Map is entered once per iteration, so these count.
struct StateTally {
    var entered = 0
    var exited = 0
    /// Exits after a failure that a Catch took.
    var caught = 0
    /// Entries that ended where the error arose, uncaught.
    var failed = 0
    /// Entries ended from outside: the execution stopped, or a failure elsewhere ended their branch or Map.
    var cancelled = 0
    /// Failures on open entries not yet settled: a retry, a Catch or the end will tell.
    var pending = 0
    /// The history position it was last entered at, to tell the innermost open state.
    var lastEntered = -1
    /// It failed before a redrive and has not been entered since.
    var failedBeforeRedrive = false

    /// Entries entered and not ended.
    var open: Int { entered - exited - failed - cancelled }

    var status: StateRunStatus {
        if failed > 0 { return .failed }
        if open > 0 { return .running }
        if caught > 0 { return .caught }
        if cancelled > 0 { return .cancelled }
        if exited > 0 { return .succeeded }
        return failedBeforeRedrive ? .failed : .notRun
    }

    /// Ends the open entries: those with a failure pending as failed (they are where it arose), the rest as
    /// cancelled.
    mutating func settle() {
        let unended = open
        let failing = min(pending, unended)
        failed += failing
        cancelled += unended - failing
        pending = 0
    }
}
