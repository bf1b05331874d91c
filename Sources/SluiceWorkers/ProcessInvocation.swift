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
        let process: WorkerProcess
        do {
            process = try WorkerProcess.spawn(definition, input: payload)
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
        var pump = ProcessPump(
            process: process,
            stderr: StderrLog(requestId: requestId, sink: stderrSink)
        )
        var stdout: [UInt8] = []
        var overflow = 0
        while pump.isRunning {
            let ms = Int32(clamping: max(0, ProcessPump.milliseconds(until: deadline, now: .now)))
            if ms <= 0 {
                pump.kill(grace: grace)
                return .failure(.timedOut(requestId: requestId, seconds: timeout))
            }
            let polled = pump.step(timeout: ms) { fd in
                PipeIO.read(fd, into: &stdout, limit: responseLimit, overflow: &overflow) != .endOfFile
            }
            if !polled { break }
        }
        let status = pump.finish()
        return answer(
            stdout,
            overflow: overflow,
            status: status,
            requestId: requestId,
            stderrTail: pump.stderr.tailText
        )
    }

    /// What a finished process's stdout and exit status mean: its result, the error document it wrote, or a
    /// failure of the runtime.
    static func answer(
        _ stdout: [UInt8],
        overflow: Int,
        status: ProcessStatus,
        requestId: String,
        stderrTail: String
    ) -> Result<JSONValue, FunctionError> {
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
        guard case .exited(0) = status else {
            // A failing process may describe its error on stdout, as a Lambda handler's error payload.
            if case .object(let o)? = parsed, case .string(let type)? = o["errorType"] {
                return .failure(FunctionError(payload: o, type: type, requestId: requestId))
            }
            return .failure(.exited(requestId: requestId, status: status, stderrTail: stderrTail))
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
