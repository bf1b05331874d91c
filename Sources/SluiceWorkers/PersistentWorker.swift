import CSluiceLinux
import Foundation
import SluiceJSON
import SluiceLinux
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// One long-lived worker of a `persistent` function: it reads one request line `{"requestId", "payload",
/// "deadlineMs"}` and answers one line `{"requestId", "result"}` or `{"requestId", "errorType", "errorMessage",
/// "stackTrace"}`. It serves one invocation at a time; the pool hands it out.
///
/// A thread of its own owns the process and runs a poll loop over the worker's pipes, its pidfd and a doorbell
/// pipe that callers ring when they queue a request, cancel one, or stop the worker.
final class PersistentWorker: Sendable {
    typealias Outcome = Result<JSONValue, FunctionError>

    private struct Request: Sendable {
        var id: String
        var line: [UInt8]
        var timeout: Double
        var continuation: CheckedContinuation<Outcome, Never>
    }

    private struct Shared: Sendable {
        var queued: Request?
        var cancelled: Set<String> = []
        var stopping = false
        var alive = true
    }

    let definition: FunctionDefinition
    let pid: Int32
    private let shared = Mutex(Shared())
    private let doorbellWrite: Int32
    private let doorbellRead: Int32

    var isAlive: Bool { shared.withLock { $0.alive && !$0.stopping } }

    private init(definition: FunctionDefinition, pid: Int32, doorbell: [Int32]) {
        self.definition = definition
        self.pid = pid
        self.doorbellRead = doorbell[0]
        self.doorbellWrite = doorbell[1]
    }

    // The doorbell lives as long as the object: a late ring() after the worker died must never write into a
    // descriptor number that was closed and reused.
    deinit {
        close(doorbellRead)
        close(doorbellWrite)
    }

    /// Spawns the worker process and its thread.
    static func start(
        _ definition: FunctionDefinition,
        grace: Double,
        stderrSink: @escaping @Sendable (String, String?) -> Void
    ) throws(SpawnError) -> PersistentWorker {
        var doorbell: [Int32] = [-1, -1]
        guard sluice_pipe(&doorbell) == 0 else { throw SpawnError(errno: errno, what: "pipe") }
        _ = fcntl(doorbell[0], F_SETFL, fcntl(doorbell[0], F_GETFL) | O_NONBLOCK)
        _ = fcntl(doorbell[1], F_SETFL, fcntl(doorbell[1], F_GETFL) | O_NONBLOCK)
        let process: WorkerProcess
        do {
            process = try WorkerProcess.spawn(definition)
        } catch {
            close(doorbell[0])
            close(doorbell[1])
            throw error
        }
        let worker = PersistentWorker(definition: definition, pid: process.pid, doorbell: doorbell)
        let doorbellRead = doorbell[0]
        let thread = Thread {
            worker.serve(process, doorbell: doorbellRead, grace: grace, stderrSink: stderrSink)
        }
        thread.name = "sluice-worker-\(definition.name)"
        thread.start()
        return worker
    }

    /// The request line for one invocation, `{"requestId":…,"payload":…,"deadlineMs":…}`, written straight as
    /// bytes. Callers build it before they wait for a worker, so a free worker never waits for serialization.
    static func requestLine(payload: JSONValue, requestId: String, timeout: Double, expectedCount: Int = 0) -> [UInt8] {
        // Written in place into an array of about the line's length (the caller's guess: the last line's): a batch's
        // line is ~250 KB, and a growing buffer copied it several times, then once more out of the writer. Weighing
        // the payload first cost as much as the copies it saved (a cold pass over every row).
        let room = expectedCount + expectedCount / 8
        let line = CompactJSONWriter.writingBytes(expectedCount: room) { writer in
            func ascii(_ text: String) {
                var text = text
                text.withUTF8 { writer.append($0) }
            }
            ascii(#"{"requestId":"#)
            writer.string(requestId)
            ascii(#","payload":"#)
            writer.write(payload)
            ascii(#","deadlineMs":\#(Int(timeout * 1000))}"#)
            writer.append(byte: 0x0A)
        }
        // A guess far above the line would hold its room for as long as the request waits for a worker: copied
        // into an array of its own length (`Array(line)` would share the storage).
        return line.capacity > 2 * line.count + 4096 ? line.withUnsafeBufferPointer { Array($0) } : line
    }

    /// Sends one prepared request line to this worker and waits for its answer (or its failure).
    func invoke(line: [UInt8], requestId: String, timeout: Double) async -> Outcome {
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Outcome, Never>) in
                let accepted = shared.withLock { state -> Bool in
                    guard state.alive, !state.stopping, state.queued == nil else { return false }
                    state.queued = Request(id: requestId, line: line, timeout: timeout, continuation: continuation)
                    return true
                }
                if accepted {
                    ring()
                } else {
                    continuation.resume(
                        returning: .failure(.exited(requestId: requestId, status: .exited(0), stderrTail: ""))
                    )
                }
            }
        } onCancel: {
            shared.withLock { _ = $0.cancelled.insert(requestId) }
            ring()
        }
    }

    /// Asks the worker to finish: stdin is closed, then SIGTERM and SIGKILL to its group after the grace period.
    func stop() {
        shared.withLock { $0.stopping = true }
        ring()
    }

    private func ring() {
        var byte: UInt8 = 1
        _ = write(doorbellWrite, &byte, 1)
    }

    // MARK: - The worker's thread

    private func serve(
        _ initial: WorkerProcess,
        doorbell: Int32,
        grace: Double,
        stderrSink: @escaping @Sendable (String, String?) -> Void
    ) {
        var pipes = Pipes(process: initial, stderr: StderrLog(sink: stderrSink))
        var machine = StateMachine()
        var current: Request?
        var failure: FunctionError?
        loop: while true {
            let ms: Int32
            switch machine.wait(now: .now) {
            case .milliseconds(let value): ms = value
            case .expired(let error):
                failure = error
                break loop
            }
            var fds = pipes.descriptors(doorbell: doorbell)
            if case .failure = Posix.retrying("poll", { poll(&fds, nfds_t(fds.count), ms) }) { break loop }
            for p in fds where p.revents != 0 {
                var actions: [StateMachine.Action] = []
                if p.fd == doorbell {
                    actions = [answerDoorbell(doorbell, &machine, current: &current)]
                } else if p.fd == pipes.process.stdin {
                    pipes.writePending()
                } else if p.fd == pipes.process.stdout {
                    let read = pipes.readStdout()
                    actions = machine.stdout(lines: read.lines, overflow: read.overflow)
                } else if p.fd == pipes.process.stderr {
                    pipes.drainStderr()
                } else if p.fd == pipes.process.pidfd {
                    // Read what it said last before reporting its death.
                    pipes.drainStderr()
                    if let status = pipes.process.exitStatus() {
                        actions = [machine.exited(status: status, stderrTail: pipes.stderr.tailText)]
                    }
                }
                for action in actions {
                    switch action {
                    case .none:
                        break
                    case .send:
                        if let current { pipes.send(current.line, requestId: current.id) }
                    case .deliver(let outcome):
                        pipes.answered()
                        current?.continuation.resume(returning: outcome)
                        current = nil
                    case .stop(let error):
                        failure = error
                        break loop
                    case .exited(let error):
                        pipes.process.release()
                        finish(current: current, failure: error, doorbell: doorbell)
                        return
                    }
                }
            }
        }
        let status = pipes.process.terminate(grace: grace)
        pipes.drainStderr()
        pipes.process.release()
        failure = machine.stopped(failure: failure, status: status, stderrTail: pipes.stderr.tailText)
        finish(current: current, failure: failure, doorbell: doorbell)
    }

    /// Empties the doorbell and tells the state machine what callers asked for: a request to start (taken from the
    /// queue only when the worker is idle), the in-flight one cancelled, or the worker stopped.
    private func answerDoorbell(
        _ doorbell: Int32,
        _ machine: inout StateMachine,
        current: inout Request?
    ) -> StateMachine.Action {
        var sink = [UInt8](repeating: 0, count: 64)
        while read(doorbell, &sink, sink.count) > 0 {}
        let idle = machine.isIdle
        let inFlight = machine.inFlight?.id
        let (stopping, next, cancelled) = shared.withLock { state -> (Bool, Request?, Bool) in
            let cancelled = inFlight.map { state.cancelled.remove($0) != nil } ?? false
            if state.stopping { return (true, nil, cancelled) }
            guard idle, let queued = state.queued else { return (false, nil, cancelled) }
            state.queued = nil
            return (false, queued, cancelled)
        }
        let action = machine.doorbell(
            stopping: stopping,
            cancelled: cancelled,
            next: next.map { ($0.id, $0.timeout) },
            now: .now
        )
        if case .send = action { current = next }
        return action
    }

    /// Marks the worker dead and fails whatever was in flight or queued.
    private func finish(current: Request?, failure: FunctionError?, doorbell: Int32) {
        let queued = shared.withLock { state -> Request? in
            state.alive = false
            defer { state.queued = nil }
            return state.queued
        }
        if let current {
            var error = failure ?? .exited(requestId: current.id, status: .exited(0), stderrTail: "")
            error.requestId = current.id
            current.continuation.resume(returning: .failure(error))
        }
        if let queued {
            queued.continuation.resume(
                returning: .failure(.exited(requestId: queued.id, status: .exited(0), stderrTail: ""))
            )
        }
    }
}
