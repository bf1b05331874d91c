/// The journal writer's wake-up: `DaemonJournal` records ring it, the writer waits on it. A ring with nobody
/// waiting is kept, so a record made while the writer is writing is not missed.
struct Doorbell {
    private var waiter: CheckedContinuation<Void, Never>?
    private var rung = false

    /// Rings: the waiter to resume, if one waits (resumed by the caller, outside the lock).
    mutating func ring() -> CheckedContinuation<Void, Never>? {
        guard let waiting = waiter else {
            rung = true
            return nil
        }
        waiter = nil
        return waiting
    }

    /// Starts a wait with `continuation`; true when a ring came before it (the caller resumes it through `cancel`).
    mutating func wait(_ continuation: CheckedContinuation<Void, Never>) -> Bool {
        waiter = continuation
        defer { rung = false }
        return rung
    }

    /// Ends the wait: the waiter to resume, if one still waits.
    mutating func cancel() -> CheckedContinuation<Void, Never>? {
        defer { waiter = nil }
        return waiter
    }
}
