import SluiceASL
import SluiceInterpreter
import SluiceJSON
import SluiceVocabulary

/// Runs executions with a virtual clock and scripted task results, so tests are fast and deterministic.
struct Harness {
    typealias TaskScript = (TaskInvocation, Int) -> Result<JSONValue, StatesError>

    var start = Timestamp(epochMilliseconds: 1_700_000_000_000)
    /// Every invocation seen, in order.
    var invocations: [TaskInvocation] = []
    /// Every timer started: (token, seconds after start).
    var timers: [(token: Int, at: Double)] = []

    static func definition(_ text: String) throws -> StateMachineDefinition {
        switch DefinitionDecoder.decode(text: text) {
        case .success(let d): return d
        case .failure(let e): throw e
        }
    }

    mutating func run(
        _ text: String,
        input: JSONValue = [:],
        tasks: TaskScript = { _, _ in .success(.null) }
    ) throws -> (ExecutionOutcome, Execution) {
        let machine = try Self.definition(text)
        var execution = Execution(
            definition: machine,
            context: .make(stateMachineName: "Test", executionName: "run-1", startTime: start),
            input: input,
            seed: 42
        )
        var now = start
        var pendingTimers: [Int: Timestamp] = [:]
        var pendingTasks: [TaskInvocation] = []
        var effects = execution.start()
        var attempts: [String: Int] = [:]
        for _ in 0..<100_000 {
            for effect in effects {
                switch effect {
                case .finished(let outcome): return (outcome, execution)
                case .startTimer(let token, let at):
                    pendingTimers[token] = at
                    timers.append((token, Double(at.epochMilliseconds - start.epochMilliseconds) / 1000))
                case .cancelTimer(let token): pendingTimers[token] = nil
                case .cancelInvocation(let token): pendingTasks.removeAll { $0.token == token }
                case .invoke(let invocation):
                    invocations.append(invocation)
                    pendingTasks.append(invocation)
                case .readItems(let request):
                    effects = execution.handle(
                        .itemReaderFailed(token: request.token, cause: "the harness has no buckets"),
                        at: now
                    )
                case .closeItemReader, .openResultWriter, .writeResult, .closeResultWriter, .childExecutionEnded:
                    break
                }
            }
            if !pendingTasks.isEmpty {
                let task = pendingTasks.removeFirst()
                let n = attempts[task.stateName, default: 0]
                attempts[task.stateName] = n + 1
                switch tasks(task, n) {
                case .success(let out):
                    effects = execution.handle(.taskSucceeded(token: task.token, output: out), at: now)
                case .failure(let e):
                    effects = execution.handle(.taskFailed(token: task.token, error: e.name, cause: e.cause), at: now)
                }
                continue
            }
            guard let (token, at) = pendingTimers.min(by: { $0.value < $1.value }) else { break }
            pendingTimers[token] = nil
            now = max(now, at)
            effects = execution.handle(.timerFired(token: token), at: now)
        }
        return (execution.outcome ?? .failed(error: "Harness.Stalled", cause: nil), execution)
    }
}

extension ExecutionOutcome {
    var output: JSONValue? {
        if case .succeeded(let o) = self { return o }
        return nil
    }

    var errorName: String? {
        switch self {
        case .failed(let e, _), .timedOut(let e, _), .aborted(let e, _): return e
        case .succeeded: return nil
        }
    }

    var causeText: String? {
        switch self {
        case .failed(_, let c), .timedOut(_, let c), .aborted(_, let c): return c
        case .succeeded: return nil
        }
    }
}
