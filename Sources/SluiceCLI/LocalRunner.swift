import Foundation
import SluiceASL
import SluiceInterpreter
import SluiceJSON

/// Drives one execution in-process: performs its effects (timers really wait; Task resources go to a resolver)
/// and feeds the results back until it ends.
struct LocalRunner {
    /// Runs a Task invocation; nil means no implementation exists for the resource.
    typealias TaskHandler = @Sendable (TaskInvocation) async -> Result<JSONValue, StatesError>

    var handler: TaskHandler = LocalRunner.unimplemented

    func run(_ execution: inout Execution) async -> ExecutionOutcome {
        var timers: [Int: Timestamp] = [:]
        var pending: [(token: Int, result: Result<JSONValue, StatesError>)] = []
        var effects = execution.start()
        while true {
            for effect in effects {
                switch effect {
                case .finished(let outcome): return outcome
                case .startTimer(let token, let fireAt): timers[token] = fireAt
                case .cancelTimer(let token): timers[token] = nil
                case .cancelInvocation(let token): pending.removeAll { $0.token == token }
                case .invoke(let invocation): pending.append((invocation.token, await handler(invocation)))
                }
            }
            effects = []
            if !pending.isEmpty {
                let (token, result) = pending.removeFirst()
                switch result {
                case .success(let output):
                    effects = execution.handle(.taskSucceeded(token: token, output: output), at: Self.now())
                case .failure(let error):
                    effects = execution.handle(
                        .taskFailed(token: token, error: error.name, cause: error.cause),
                        at: Self.now()
                    )
                }
                continue
            }
            guard let (token, fireAt) = timers.min(by: { $0.value < $1.value }) else {
                // Nothing outstanding and not finished cannot happen; end rather than hang.
                return execution.outcome ?? .failed(error: StatesError.Name.runtime, cause: "The execution stalled")
            }
            let delay = Double(fireAt.epochMilliseconds - Self.now().epochMilliseconds) / 1000
            if delay > 0 { try? await Task.sleep(for: .milliseconds(Int(delay * 1000))) }
            timers[token] = nil
            effects = execution.handle(.timerFired(token: token), at: max(Self.now(), fireAt))
        }
    }

    static func now() -> Timestamp {
        Timestamp(epochMilliseconds: Int64((Date().timeIntervalSince1970 * 1000).rounded()))
    }

    /// What AWS answers for a resource that does not exist: for Lambda, ResourceNotFoundException.
    static let unimplemented: TaskHandler = { invocation in
        let resource = invocation.resource
        if resource.hasPrefix("arn:aws:states:::lambda:invoke") {
            let name = invocation.input["FunctionName"]?.stringValue ?? "(none)"
            return .failure(
                StatesError(
                    "Lambda.ResourceNotFoundException",
                    cause: "Function not found: \(name) (Service: Lambda, Status Code: 404)"
                )
            )
        }
        if resource.hasPrefix("arn:aws:lambda:") || !resource.hasPrefix("arn:") {
            return .failure(
                StatesError(
                    "Lambda.ResourceNotFoundException",
                    cause: "Function not found: \(resource) (Service: Lambda, Status Code: 404)"
                )
            )
        }
        return .failure(
            StatesError(
                StatesError.Name.taskFailed,
                cause: "The resource '\(resource)' is not available in sluice yet"
            )
        )
    }
}
