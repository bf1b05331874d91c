import SluiceJSON
import Synchronization

/// A worker that is a connection: a `sluice-agent` serving one worker of a function from another machine. It takes
/// the very request lines a persistent worker reads and gives back its answers, one invocation at a time. The
/// connection itself (sockets, the protocol's handshake and heartbeats) is the daemon's; it hands lines in
/// (`received`) and says when the connection is gone (`lost`).
package final class RemoteWorker: Sendable {
    typealias Outcome = Result<JSONValue, FunctionError>

    private struct InFlight: Sendable {
        var requestId: String
        var continuation: UnsafeContinuation<Outcome, Never>
        var deadline: ContinuousClock.Instant
        var timeout: Double
    }

    /// The one task that times out the invocation in flight: it sleeps until that invocation's deadline, and as long
    /// as invocations follow one another it sleeps again until the next one's. A timer per invocation (a Task
    /// sleeping, cancelled by the answer) was a tenth of the dispatcher's time with 1,000 agents.
    private struct Watchdog: Sendable {
        var id: Int
        var until: ContinuousClock.Instant
    }

    private struct State: Sendable {
        var inFlight: InFlight?
        var alive = true
        var watchdog: Watchdog?
        var watchdogsStarted = 0
    }

    package let function: String
    /// The submission it came with (its Slurm job array when sluiced submitted it).
    package let submission: String
    package let agent: String
    package let node: String
    private let send: @Sendable ([UInt8]) -> Void
    private let close: @Sendable () -> Void
    private let state = Mutex(State())

    /// `send` writes one line to the agent; `close` ends the connection (whose end then calls `lost`).
    package init(
        function: String,
        submission: String = "",
        agent: String,
        node: String,
        send: @escaping @Sendable ([UInt8]) -> Void,
        close: @escaping @Sendable () -> Void
    ) {
        self.function = function
        self.submission = submission
        self.agent = agent
        self.node = node
        self.send = send
        self.close = close
    }

    package var isAlive: Bool { state.withLock { $0.alive } }
    package var isBusy: Bool { state.withLock { $0.inFlight != nil } }

    /// What logs and errors call it.
    package var label: String { "agent \(agent) on \(node)" }

    /// Sends one prepared request line and waits for its answer, the agent's loss, or the function's Timeout.
    func invoke(line: [UInt8], requestId: String, timeout: Double) async -> Outcome {
        await withTaskCancellationHandler {
            await withUnsafeContinuation { (continuation: UnsafeContinuation<Outcome, Never>) in
                let deadline = ContinuousClock.now + .seconds(timeout)
                let (accepted, watchdog) = state.withLock { state -> (Bool, Watchdog?) in
                    guard state.alive, state.inFlight == nil else { return (false, nil) }
                    state.inFlight = InFlight(
                        requestId: requestId,
                        continuation: continuation,
                        deadline: deadline,
                        timeout: timeout
                    )
                    // A watchdog asleep until later (a reload shortened the Timeout) is replaced.
                    if let current = state.watchdog, current.until <= deadline { return (true, nil) }
                    state.watchdogsStarted += 1
                    state.watchdog = Watchdog(id: state.watchdogsStarted, until: deadline)
                    return (true, state.watchdog)
                }
                guard accepted else {
                    continuation.resume(returning: .failure(lostError(requestId: requestId, reason: "not connected")))
                    return
                }
                if let watchdog { watch(watchdog) }
                // Lost or cancelled since: the line goes to a connection that is closing, and nothing answers it.
                send(line)
            }
        } onCancel: {
            // The agent's worker cannot be interrupted from here: the connection goes, and the agent comes back
            // with a fresh one once its worker has answered (nothing more is handed to this one meanwhile).
            if let inFlight = take(requestId, retiring: true) {
                inFlight.continuation.resume(
                    returning: .failure(
                        FunctionError(
                            errorType: "Sandbox.Cancelled",
                            errorMessage: "RequestId: \(requestId) Error: cancelled",
                            requestId: requestId
                        )
                    )
                )
                close()
            }
        }
    }

    /// One answer line from the agent (an object with "requestId"); an answer to a request no longer in flight
    /// (answered after its timeout, or sent before a reconnect) is dropped.
    package func received(answer: JSONObject) {
        guard let requestId = answer["requestId"]?.stringValue, let inFlight = take(requestId) else { return }
        if case .string(let type)? = answer["errorType"] {
            inFlight.continuation.resume(
                returning: .failure(FunctionError(payload: answer, type: type, requestId: requestId))
            )
        } else if let result = answer["result"] {
            inFlight.continuation.resume(returning: .success(result))
        } else {
            inFlight.continuation.resume(
                returning: .failure(
                    FunctionError(
                        errorType: "Runtime.InvalidResponse",
                        errorMessage: "RequestId: \(requestId) Error: \(label) answered neither result nor errorType",
                        requestId: requestId
                    )
                )
            )
        }
    }

    /// The connection is gone: the invocation in flight fails as a crashed local worker's does, so a Retry on
    /// Lambda's errors runs it again elsewhere.
    package func lost(reason: String) {
        let inFlight = state.withLock { state -> InFlight? in
            state.alive = false
            defer { state.inFlight = nil }
            return state.inFlight
        }
        guard let inFlight else { return }
        inFlight.continuation.resume(returning: .failure(lostError(requestId: inFlight.requestId, reason: reason)))
    }

    private func watch(_ watchdog: Watchdog) {
        Task { [weak self] in
            var until = watchdog.until
            while true {
                do {
                    try await Task.sleep(until: until, clock: .continuous)
                } catch {
                    return
                }
                guard let next = self?.patrol(watchdog.id) else { return }
                until = next
            }
        }
    }

    /// The watchdog's round: the invocation in flight past its deadline times out. The deadline to sleep until
    /// next, or nil when the watchdog ends (nothing in flight, the connection gone, or a newer watchdog in charge).
    private func patrol(_ id: Int) -> ContinuousClock.Instant? {
        let now = ContinuousClock.now
        let (expired, next) = state.withLock { state -> (InFlight?, ContinuousClock.Instant?) in
            guard state.watchdog?.id == id else { return (nil, nil) }
            guard state.alive, let inFlight = state.inFlight else {
                state.watchdog = nil
                return (nil, nil)
            }
            if inFlight.deadline > now {
                state.watchdog?.until = inFlight.deadline
                return (nil, inFlight.deadline)
            }
            // Its worker is still busy with this request: this connection serves nothing more.
            state.inFlight = nil
            state.alive = false
            state.watchdog = nil
            return (inFlight, nil)
        }
        if let expired {
            expired.continuation.resume(
                returning: .failure(.timedOut(requestId: expired.requestId, seconds: expired.timeout))
            )
            close()
        }
        return next
    }

    /// The invocation in flight if it is still `requestId`'s; `retiring` the connection, which then serves no more.
    private func take(_ requestId: String, retiring: Bool = false) -> InFlight? {
        state.withLock { state -> InFlight? in
            guard state.inFlight?.requestId == requestId else { return nil }
            if retiring { state.alive = false }
            defer { state.inFlight = nil }
            return state.inFlight
        }
    }

    private func lostError(requestId: String, reason: String) -> FunctionError {
        FunctionError(
            errorType: "Runtime.ExitError",
            errorMessage: "RequestId: \(requestId) Error: \(label) lost: \(reason)",
            requestId: requestId
        )
    }
}
