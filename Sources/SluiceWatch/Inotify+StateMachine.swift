extension Inotify {
    /// Why a wait for the descriptor to become readable ended.
    enum Wakeup: Sendable {
        case readable
        case timedOut
        case interrupted
        case cancelled
        case closed
    }

    /// Who is waiting for the descriptor, and whether the dispatch source that notices readability is running.
    ///
    /// The source runs only while someone waits: a level-triggered source left running while nobody reads would
    /// fire again and again. Every transition returns the source change to apply (under the lock, so changes are
    /// applied in the order they were decided) and the continuation to resume (outside the lock).
    struct StateMachine {
        enum SourceState {
            /// Created and never resumed: Dispatch calls this inactive, and it must be activated before release.
            case inactive
            case running
            case suspended
        }

        enum SourceChange {
            case none
            case resume
            case suspend
        }

        /// A waiting task to wake, and why.
        struct Resumption {
            var continuation: CheckedContinuation<Wakeup, Never>
            var wakeup: Wakeup

            func resume() {
                continuation.resume(returning: wakeup)
            }
        }

        struct Action {
            var source: SourceChange = .none
            var resumption: Resumption?
        }

        /// What releasing the source takes, given its state: Dispatch traps on releasing a suspended or inactive
        /// source, and only runs the cancel handler (which closes the descriptor) once the source runs.
        enum Teardown {
            case cancel
            case cancelThenResume
        }

        private var source: SourceState = .inactive
        private var waiter: (id: UInt64, continuation: CheckedContinuation<Wakeup, Never>)?
        private var lastWaitID: UInt64 = 0
        /// A wait whose task was cancelled before it started waiting (the cancellation handler ran first).
        private var cancelledWaitID: UInt64?
        /// An interrupt that arrived while nobody waited; the next wait returns at once instead of missing it.
        private var interruptPending = false
        private var closed = false

        init() {}

        var isClosed: Bool {
            closed
        }

        mutating func makeWaitID() -> UInt64 {
            lastWaitID += 1
            return lastWaitID
        }

        mutating func startWaiting(id: UInt64, continuation: CheckedContinuation<Wakeup, Never>) -> Action {
            precondition(waiter == nil, "an inotify descriptor has one reader")
            if closed { return Action(resumption: Resumption(continuation: continuation, wakeup: .closed)) }
            if cancelledWaitID == id {
                cancelledWaitID = nil
                return Action(resumption: Resumption(continuation: continuation, wakeup: .cancelled))
            }
            if interruptPending {
                interruptPending = false
                return Action(resumption: Resumption(continuation: continuation, wakeup: .interrupted))
            }
            waiter = (id, continuation)
            guard source != .running else { return Action() }
            source = .running
            return Action(source: .resume)
        }

        /// The dispatch source saw the descriptor readable.
        mutating func becameReadable() -> Action {
            guard let waiter else {
                // A handler already queued when the source was suspended; there is nobody to tell.
                return Action(source: stopSource())
            }
            return wake(waiter.id, .readable)
        }

        mutating func timedOut(id: UInt64) -> Action {
            wake(id, .timedOut)
        }

        mutating func cancelled(id: UInt64) -> Action {
            guard waiter?.id == id else {
                // The task was cancelled before its wait began; make that wait return at once.
                if id == lastWaitID { cancelledWaitID = id }
                return Action()
            }
            return wake(id, .cancelled)
        }

        mutating func interrupt() -> Action {
            guard let waiter else {
                interruptPending = true
                return Action()
            }
            return wake(waiter.id, .interrupted)
        }

        mutating func close() -> Action {
            closed = true
            guard let waiter else { return Action() }
            return wake(waiter.id, .closed)
        }

        /// Marks the source as released and says how to release it.
        mutating func teardown() -> Teardown {
            defer { source = .running }
            return source == .running ? .cancel : .cancelThenResume
        }

        private mutating func wake(_ id: UInt64, _ wakeup: Wakeup) -> Action {
            guard let waiter, waiter.id == id else { return Action() }
            self.waiter = nil
            return Action(
                source: stopSource(),
                resumption: Resumption(continuation: waiter.continuation, wakeup: wakeup)
            )
        }

        private mutating func stopSource() -> SourceChange {
            guard source == .running else { return .none }
            source = .suspended
            return .suspend
        }
    }
}
