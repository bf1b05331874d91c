import SluiceASL
import SluiceInterpreter
import SluiceJSON
import SluiceVocabulary

/// Runs a definition through the interpreter with scripted task results and a fake bucket, and hands back its
/// history in AWS's JSON: the histories the graph is coloured by are real ones.
struct GraphRun {
    typealias TaskScript = (TaskInvocation, Int) -> Result<JSONValue, StatesError>

    /// What ends the run early: leave it running after some task results, or stop it (StopExecution) then.
    enum Interruption {
        case pause(afterTasks: Int)
        case stop(afterTasks: Int)
    }

    var items: [JSONValue] = []
    var interruption: Interruption?
    /// States whose tasks are never answered: still running when the rest ends.
    var hold: Set<String> = []
    /// Redrive the execution once when it fails (RedriveExecution), and run it on.
    var redriveOnFailure = false

    static func definition(_ text: String) throws -> StateMachineDefinition {
        switch DefinitionDecoder.decode(text: text) {
        case .success(let d): return d
        case .failure(let e): throw e
        }
    }

    func history(
        _ text: String,
        input: JSONValue = [:],
        tasks: TaskScript = { _, _ in .success([:]) }
    ) throws -> (outcome: ExecutionOutcome?, events: [JSONValue]) {
        let start = Timestamp(epochMilliseconds: 1_800_000_000_000)
        var execution = Execution(
            definition: try Self.definition(text),
            context: .make(stateMachineName: "graph", executionName: "run-1", startTime: start),
            input: input,
            seed: 7
        )
        var now = start
        var timers: [Int: Timestamp] = [:]
        var pending: [TaskInvocation] = []
        var attempts: [String: Int] = [:]
        var answered = 0
        var redriven = false
        var effects = execution.start()
        for _ in 0..<1_000_000 {
            var next: [Effect] = []
            for effect in effects {
                switch effect {
                case .finished(.failed) where redriveOnFailure && !redriven:
                    redriven = true
                    next += execution.handle(.redrive, at: now)
                case .finished(let outcome): return (outcome, execution.history.map(\.json))
                case .startTimer(let token, let at): timers[token] = at
                case .cancelTimer(let token): timers[token] = nil
                case .cancelInvocation(let token): pending.removeAll { $0.token == token }
                case .invoke(let invocation) where !hold.contains(invocation.stateName): pending.append(invocation)
                case .readItems(let request):
                    next += execution.handle(.itemsRead(token: request.token, items: items, exhausted: true), at: now)
                case .closeResultWriter(let token, let commit) where commit:
                    next += execution.handle(
                        .resultsWritten(token: token, details: ["Bucket": "results", "Key": "scores/manifest.json"]),
                        at: now
                    )
                default: break
                }
            }
            if !next.isEmpty {
                effects = next
                continue
            }
            switch interruption {
            case .pause(let n)? where answered == n: return (nil, execution.history.map(\.json))
            case .stop(let n)? where answered == n:
                answered += 1
                effects = execution.handle(.stop(error: "Stopped", cause: "by the test"), at: now)
                continue
            default: break
            }
            if !pending.isEmpty {
                let task = pending.removeFirst()
                let attempt = attempts[task.stateName, default: 0]
                attempts[task.stateName] = attempt + 1
                answered += 1
                switch tasks(task, attempt) {
                case .success(let output):
                    effects = execution.handle(.taskSucceeded(token: task.token, output: output), at: now)
                case .failure(let error):
                    effects = execution.handle(
                        .taskFailed(token: task.token, error: error.name, cause: error.cause),
                        at: now
                    )
                }
                continue
            }
            guard let (token, at) = timers.min(by: { ($0.value, $0.key) < ($1.value, $1.key) }) else { break }
            timers[token] = nil
            now = max(now, at)
            effects = execution.handle(.timerFired(token: token), at: now)
        }
        return (execution.outcome, execution.history.map(\.json))
    }
}
