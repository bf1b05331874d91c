import SluiceJSON
import SluiceLinux

#if canImport(Glibc)
    import Glibc
#endif

/// The `process` runtime: one process per invocation, the payload on stdin, the result on stdout.
///
/// Runs on a thread of its own (never a Swift concurrency thread): one poll loop feeds stdin, drains stdout and
/// stderr, watches the pidfd and enforces the timeout, so a worker that writes before it reads cannot deadlock.
enum ProcessInvocation {
    /// Lambda's limit on a synchronous response.
    static let responseLimit = 6_291_556

    static func run(
        _ definition: FunctionDefinition,
        payload: [UInt8],
        requestId: String,
        timeout: Double,
        grace: Double,
        stderrSink: @escaping @Sendable (String, String?) -> Void
    ) -> Result<JSONValue, FunctionError> {
        var process: WorkerProcess
        do {
            process = try WorkerProcess.spawn(definition)
        } catch {
            return .failure(
                FunctionError(
                    errorType: "Runtime.InvalidEntrypoint",
                    errorMessage: "RequestId: \(requestId) Error: \(error)",
                    requestId: requestId
                )
            )
        }
        let deadline = ContinuousClock.now + .milliseconds(Int64(timeout * 1000))
        var pending = ArraySlice(payload)
        if !PipeIO.write(process.stdin, &pending) { pending = [] }
        if pending.isEmpty { process.closeStdin() }
        var stdout: [UInt8] = []
        var overflow = 0
        var stderr = StderrLog(requestId: requestId, sink: stderrSink)
        var stdoutOpen = true
        var stderrOpen = true
        var status: ProcessStatus?
        var timedOut = false
        while stdoutOpen || stderrOpen || status == nil {
            let remaining = deadline - ContinuousClock.now
            let ms = Int32(
                clamping: max(
                    0,
                    remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000
                )
            )
            if ms <= 0 {
                timedOut = true
                break
            }
            var fds: [pollfd] = []
            if process.stdin >= 0 { fds.append(pollfd(fd: process.stdin, events: Int16(POLLOUT), revents: 0)) }
            if stdoutOpen { fds.append(pollfd(fd: process.stdout, events: Int16(POLLIN), revents: 0)) }
            if stderrOpen { fds.append(pollfd(fd: process.stderr, events: Int16(POLLIN), revents: 0)) }
            if status == nil { fds.append(pollfd(fd: process.pidfd, events: Int16(POLLIN), revents: 0)) }
            if case .failure = Posix.retrying("poll", { poll(&fds, nfds_t(fds.count), ms) }) { break }
            for p in fds where p.revents != 0 {
                switch p.fd {
                case process.stdin:
                    if !PipeIO.write(process.stdin, &pending) || pending.isEmpty { process.closeStdin() }
                case process.stdout:
                    if PipeIO.read(process.stdout, into: &stdout, limit: responseLimit, overflow: &overflow)
                        == .endOfFile
                    {
                        stdoutOpen = false
                    }
                case process.stderr:
                    if !stderr.drain(process.stderr) { stderrOpen = false }
                default:
                    status = process.tryWait()
                    // The process is gone; whatever it left in the pipes is read without waiting again.
                    if status != nil, process.stdin >= 0 { process.closeStdin() }
                }
            }
        }
        if timedOut {
            _ = process.terminate(grace: grace)
            _ = stderr.drain(process.stderr)
            process.release()
            return .failure(.timedOut(requestId: requestId, seconds: timeout))
        }
        let final = status ?? process.wait()
        process.release()
        if overflow > 0 {
            return .failure(
                FunctionError(
                    errorType: "Function.ResponseSizeTooLarge",
                    errorMessage:
                        "Response payload size exceeded maximum allowed payload size (\(responseLimit) bytes).",
                    requestId: requestId
                )
            )
        }
        let parsed: JSONValue? =
            stdout.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 })
            ? .null : try? JSONParser.parse(bytes: stdout)
        guard case .exited(0) = final else {
            // A failing process may describe its error on stdout, as a Lambda handler's error payload.
            if case .object(let o)? = parsed, case .string(let type)? = o["errorType"] {
                return .failure(FunctionError(payload: o, type: type, requestId: requestId))
            }
            return .failure(.exited(requestId: requestId, status: final, stderrTail: stderr.tailText))
        }
        guard let parsed else {
            return .failure(
                .invalidResponse(requestId: requestId, text: String(decoding: stdout.prefix(200), as: UTF8.self))
            )
        }
        return .success(parsed)
    }
}

extension FunctionError {
    /// From a worker's error document `{"errorType", "errorMessage", "stackTrace"}`.
    init(payload: JSONObject, type: String, requestId: String) {
        let message = payload["errorMessage"]?.stringValue ?? ""
        let trace = payload["stackTrace"]?.arrayValue?.map { $0.stringValue ?? $0.serialized() } ?? []
        self.init(errorType: type, errorMessage: message, requestId: requestId, stackTrace: trace)
    }

    /// A worker that answered something that is not a response.
    static func invalidResponse(requestId: String, text: String) -> FunctionError {
        FunctionError(
            errorType: "Runtime.InvalidResponse",
            errorMessage: "RequestId: \(requestId) Error: the function's answer is not a JSON response: \(text)",
            requestId: requestId
        )
    }
}
