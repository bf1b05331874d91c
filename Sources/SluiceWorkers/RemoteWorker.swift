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
        var continuation: CheckedContinuation<Outcome, Never>
        var timer: Task<Void, Never>?
    }

    private struct State: Sendable {
        var inFlight: InFlight?
        var alive = true
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
            await withCheckedContinuation { (continuation: CheckedContinuation<Outcome, Never>) in
                let accepted = state.withLock { state -> Bool in
                    guard state.alive, state.inFlight == nil else { return false }
                    state.inFlight = InFlight(requestId: requestId, continuation: continuation)
                    return true
                }
                guard accepted else {
                    continuation.resume(returning: .failure(lostError(requestId: requestId, reason: "not connected")))
                    return
                }
                let timer = Task { [weak self] in
                    do {
                        try await Task.sleep(for: .seconds(timeout))
                    } catch {
                        return
                    }
                    self?.timedOut(requestId: requestId, seconds: timeout)
                }
                let stillOurs = state.withLock { state -> Bool in
                    guard state.inFlight?.requestId == requestId else { return false }
                    state.inFlight?.timer = timer
                    return true
                }
                if stillOurs { send(line) } else { timer.cancel() }
            }
        } onCancel: {
            // The agent's worker cannot be interrupted from here: the connection goes, and the agent comes back
            // with a fresh one once its worker has answered.
            if let inFlight = take(requestId) {
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
        inFlight.timer?.cancel()
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
        inFlight.timer?.cancel()
        inFlight.continuation.resume(returning: .failure(lostError(requestId: inFlight.requestId, reason: reason)))
    }

    private func timedOut(requestId: String, seconds: Double) {
        guard let inFlight = take(requestId) else { return }
        inFlight.continuation.resume(returning: .failure(.timedOut(requestId: requestId, seconds: seconds)))
        // Its worker is still busy with this request: this connection serves nothing more.
        close()
    }

    private func take(_ requestId: String) -> InFlight? {
        state.withLock { state -> InFlight? in
            guard state.inFlight?.requestId == requestId else { return nil }
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
