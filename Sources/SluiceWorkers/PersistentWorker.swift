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

    /// Sends one invocation to this worker and waits for its answer (or its failure).
    /// The request line for one invocation, `{"requestId":…,"payload":…,"deadlineMs":…}`, written straight as
    /// bytes. Callers build it before they wait for a worker, so a free worker never waits for serialization.
    static func requestLine(payload: JSONValue, requestId: String, timeout: Double) -> [UInt8] {
        // One writer for the whole line and one copy out of it: a batch's line is ~250 KB, and growing an array
        // piece by piece copied it several times.
        var writer = CompactJSONWriter(capacity: 64 * 1024)
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
        return writer.bytes
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
        var process = initial
        var current: Request?
        var deadline = ContinuousClock.now
        var pending = ArraySlice<UInt8>()
        var stdout: [UInt8] = []
        var overflow = 0
        var stderr = StderrLog(sink: stderrSink)
        var failure: FunctionError?
        var stdoutOpen = true
        var stderrOpen = true

        loop: while true {
            var ms: Int32 = -1
            if current != nil {
                let remaining = deadline - ContinuousClock.now
                ms = Int32(
                    clamping: max(
                        0,
                        remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000
                    )
                )
                if ms == 0, let request = current {
                    failure = .timedOut(requestId: request.id, seconds: request.timeout)
                    break loop
                }
            }
            var fds = [
                pollfd(fd: doorbell, events: Int16(POLLIN), revents: 0),
                pollfd(fd: process.pidfd, events: Int16(POLLIN), revents: 0),
            ]
            if stdoutOpen { fds.append(pollfd(fd: process.stdout, events: Int16(POLLIN), revents: 0)) }
            if stderrOpen { fds.append(pollfd(fd: process.stderr, events: Int16(POLLIN), revents: 0)) }
            if !pending.isEmpty, process.stdin >= 0 {
                fds.append(pollfd(fd: process.stdin, events: Int16(POLLOUT), revents: 0))
            }
            if case .failure = Posix.retrying("poll", { poll(&fds, nfds_t(fds.count), ms) }) { break loop }
            for p in fds where p.revents != 0 {
                if p.fd == doorbell {
                    var sink = [UInt8](repeating: 0, count: 64)
                    while read(doorbell, &sink, sink.count) > 0 {}
                    let (stop, next, cancelled) = shared.withLock { state -> (Bool, Request?, Bool) in
                        let cancelled = current.map { state.cancelled.remove($0.id) != nil } ?? false
                        if state.stopping { return (true, nil, cancelled) }
                        if current == nil, let q = state.queued {
                            state.queued = nil
                            return (false, q, cancelled)
                        }
                        return (false, nil, cancelled)
                    }
                    if cancelled, let request = current {
                        failure = FunctionError(
                            errorType: "Sandbox.Cancelled",
                            errorMessage: "RequestId: \(request.id) Error: the invocation was cancelled",
                            requestId: request.id
                        )
                        break loop
                    }
                    if stop { break loop }
                    if let next {
                        current = next
                        deadline = ContinuousClock.now + .milliseconds(Int64(next.timeout * 1000))
                        pending = ArraySlice(next.line)
                        stderr.reset()
                        stderr.requestId = next.id
                        if !PipeIO.write(process.stdin, &pending) {
                            // The worker closed its stdin: it is dying; its exit is reported below.
                            pending = []
                        }
                    }
                } else if p.fd == process.stdin {
                    if !PipeIO.write(process.stdin, &pending) { pending = [] }
                } else if p.fd == process.stdout {
                    if PipeIO.read(
                        process.stdout,
                        into: &stdout,
                        limit: ProcessInvocation.responseLimit,
                        overflow: &overflow
                    )
                        == .endOfFile
                    {
                        stdoutOpen = false
                    }
                    if overflow > 0 {
                        failure = FunctionError(
                            errorType: "Function.ResponseSizeTooLarge",
                            errorMessage:
                                "Response payload size exceeded maximum allowed payload size (\(ProcessInvocation.responseLimit) bytes).",
                            requestId: current?.id ?? ""
                        )
                        break loop
                    }
                    for line in PipeIO.takeLines(&stdout) where !line.isEmpty {
                        guard let request = current, let outcome = Self.answer(line, for: request.id) else {
                            failure = .invalidResponse(requestId: current?.id ?? "", text: String(line.prefix(200)))
                            break loop
                        }
                        current = nil
                        pending = []
                        stderr.requestId = nil
                        request.continuation.resume(returning: outcome)
                    }
                } else if p.fd == process.stderr {
                    if !stderr.drain(process.stderr) { stderrOpen = false }
                } else if p.fd == process.pidfd {
                    // Read what it said last before reporting its death.
                    if stderrOpen { _ = stderr.drain(process.stderr) }
                    if let status = process.tryWait() {
                        failure = .exited(requestId: current?.id ?? "", status: status, stderrTail: stderr.tailText)
                        process.release()
                        finish(current: current, failure: failure, doorbell: doorbell)
                        return
                    }
                }
            }
        }
        let status = process.terminate(grace: grace)
        if stderrOpen { _ = stderr.drain(process.stderr) }
        process.release()
        if failure == nil, let request = current {
            failure = .exited(requestId: request.id, status: status, stderrTail: stderr.tailText)
        }
        finish(current: current, failure: failure, doorbell: doorbell)
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

    /// Parses one answer line; nil when it is not an answer to `requestId`.
    static func answer(_ line: String, for requestId: String) -> Outcome? {
        guard case .object(let o)? = try? JSONParser.parse(line), o["requestId"]?.stringValue == requestId else {
            return nil
        }
        if case .string(let type)? = o["errorType"] {
            return .failure(FunctionError(payload: o, type: type, requestId: requestId))
        }
        guard let result = o["result"] else { return nil }
        return .success(result)
    }
}
