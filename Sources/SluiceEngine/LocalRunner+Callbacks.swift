import SluiceASL
import SluiceInterpreter
import SluiceJSON

extension LocalRunner {
    /// One execution's side of `TaskCallbacks`: the tokens its callback Tasks wait on.
    package struct Callbacks: Sendable {
        package let registry: TaskCallbacks
        package let executionArn: String

        package init(registry: TaskCallbacks, executionArn: String) {
            self.registry = registry
            self.executionArn = executionArn
        }
    }

    /// A callback Task (`.waitForTaskToken`): its token is open before the integration runs (the function may
    /// answer at once), the integration's response is recorded as TaskSubmitted, and its failure fails the task.
    /// Without a registry (`sluice run`, TestState) nothing could ever answer: the task fails at once, as AWS's
    /// TestState refuses the pattern.
    func startCallback(
        _ invocation: TaskInvocation,
        token: String,
        running: inout [Int: Task<Void, Never>],
        sink: AsyncStream<ExecutionEvent>.Continuation
    ) {
        guard let callbacks else {
            sink.yield(
                .taskFailed(
                    token: invocation.token,
                    error: StatesError.Name.runtime,
                    cause: "The resource '\(invocation.resource)' waits for SendTaskSuccess, which only sluiced answers"
                )
            )
            return
        }
        callbacks.registry.open(token, executionArn: callbacks.executionArn, invocation: invocation.token, sink: sink)
        let handler = handler
        running[invocation.token] = Task {
            let result = await handler(invocation)
            guard !Task.isCancelled else { return }
            switch result {
            case .success(let response):
                sink.yield(.taskSubmitted(token: invocation.token, output: response))
            case .failure(let error):
                callbacks.registry.close(executionArn: callbacks.executionArn, invocation: invocation.token)
                sink.yield(.taskFailed(token: invocation.token, error: error.name, cause: error.cause))
            }
        }
    }

    /// The task of `token` ended without its callback (a timeout, a cancelled branch): its token closes.
    func closeCallback(_ token: Int) {
        guard let callbacks else { return }
        callbacks.registry.close(executionArn: callbacks.executionArn, invocation: token)
    }

    /// After a replay, a callback Task whose integration already ran (TaskSubmitted is in the journal) waits for
    /// its token again without running the integration a second time.
    func reopenCallback(_ invocation: TaskInvocation, sink: AsyncStream<ExecutionEvent>.Continuation) {
        guard let callbacks, let token = invocation.taskToken else { return }
        callbacks.registry.open(token, executionArn: callbacks.executionArn, invocation: invocation.token, sink: sink)
    }
}
