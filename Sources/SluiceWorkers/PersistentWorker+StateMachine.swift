extension PersistentWorker {
    /// The persistent worker's protocol as decisions only: which request is in flight and until when, what an
    /// answer line, a ring of the doorbell, a passed deadline or the process's exit mean. It does no I/O and reads
    /// no clock; the worker's thread (`serve`) polls the pipes, tells it what happened and carries out the action.
    struct StateMachine {
        /// The request being served: one at a time, the pool hands the worker out.
        struct InFlight: Hashable {
            var id: String
            var timeout: Double
            var deadline: ContinuousClock.Instant
        }

        enum Action: Hashable {
            case none
            /// Write the in-flight request's line to the worker's stdin (its stderr lines now belong to it).
            case send
            /// Answer the in-flight request; the worker is free again.
            case deliver(Outcome)
            /// End the worker (stdin closed, SIGTERM, SIGKILL after the grace period) and fail what is in flight
            /// with this error, or with the process's exit when nil.
            case stop(FunctionError?)
            /// The process ended on its own: fail what is in flight with this error.
            case exited(FunctionError)
        }

        /// How long the poll may wait.
        enum Wait: Hashable {
            /// Milliseconds; -1 waits until something happens.
            case milliseconds(Int32)
            /// The in-flight request ran out of time: stop the worker with this error.
            case expired(FunctionError)
        }

        private(set) var inFlight: InFlight?

        /// Whether a queued request may start.
        var isIdle: Bool { inFlight == nil }

        /// Until the in-flight request's deadline, or forever when there is none.
        func wait(now: ContinuousClock.Instant) -> Wait {
            guard let inFlight else { return .milliseconds(-1) }
            let ms = Int32(clamping: max(0, ProcessPump.milliseconds(until: inFlight.deadline, now: now)))
            return ms == 0 ? .expired(.timedOut(requestId: inFlight.id, seconds: inFlight.timeout)) : .milliseconds(ms)
        }

        /// The doorbell rang: a caller queued a request (`next`, taken only when idle), cancelled the in-flight one,
        /// or asked the worker to stop.
        mutating func doorbell(
            stopping: Bool,
            cancelled: Bool,
            next: (id: String, timeout: Double)?,
            now: ContinuousClock.Instant
        ) -> Action {
            if cancelled, let inFlight {
                return .stop(
                    FunctionError(
                        errorType: "Sandbox.Cancelled",
                        errorMessage: "RequestId: \(inFlight.id) Error: the invocation was cancelled",
                        requestId: inFlight.id
                    )
                )
            }
            if stopping { return .stop(nil) }
            guard let next, inFlight == nil else { return .none }
            inFlight = InFlight(
                id: next.id,
                timeout: next.timeout,
                deadline: now + .milliseconds(Int64(next.timeout * 1000))
            )
            return .send
        }

        /// The worker wrote to stdout: the complete `lines` read so far, and `overflow` bytes beyond the response
        /// limit. Each line must answer the request in flight; anything else ends the worker.
        mutating func stdout(lines: [[UInt8]], overflow: Int) -> [Action] {
            if overflow > 0 {
                let error = FunctionError(
                    errorType: "Function.ResponseSizeTooLarge",
                    errorMessage:
                        "Response payload size exceeded maximum allowed payload size (\(ProcessInvocation.responseLimit) bytes).",
                    requestId: inFlight?.id ?? ""
                )
                return [.stop(error)]
            }
            var actions: [Action] = []
            for line in lines where !line.isEmpty {
                guard let request = inFlight, let outcome = WorkerAnswer.parse(bytes: line, for: request.id) else {
                    let text = String(String(decoding: line.prefix(1_000), as: UTF8.self).prefix(200))
                    actions.append(.stop(.invalidResponse(requestId: inFlight?.id ?? "", text: text)))
                    return actions
                }
                inFlight = nil
                actions.append(.deliver(outcome))
            }
            return actions
        }

        /// The process ended with `status`, having last written `stderrTail`.
        func exited(status: ProcessStatus, stderrTail: String) -> Action {
            .exited(.exited(requestId: inFlight?.id ?? "", status: status, stderrTail: stderrTail))
        }

        /// The worker was stopped for `failure` (nil: asked to stop, or the poll failed) and ended with `status`:
        /// what the in-flight request fails with.
        func stopped(failure: FunctionError?, status: ProcessStatus, stderrTail: String) -> FunctionError? {
            if failure == nil, let inFlight {
                return .exited(requestId: inFlight.id, status: status, stderrTail: stderrTail)
            }
            return failure
        }
    }
}
