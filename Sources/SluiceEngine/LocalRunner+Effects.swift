import SluiceASL
import SluiceInterpreter
import SluiceJSON
import SluiceVocabulary

extension LocalRunner {
    /// Carries out one effect of the interpreter: starts a Task invocation or a timer as a task keyed by its token
    /// (so it can be cancelled), cancels one, or does the Map's reading and writing; the outcome when the effect is
    /// the execution's end.
    func perform(
        _ effect: Effect,
        running: inout [Int: Task<Void, Never>],
        sink: AsyncStream<ExecutionEvent>.Continuation
    ) async -> ExecutionOutcome? {
        switch effect {
        case .finished(let outcome):
            return outcome
        case .invoke(let invocation) where invocation.taskToken != nil:
            startCallback(invocation, token: invocation.taskToken ?? "", running: &running, sink: sink)
        case .invoke(let invocation):
            let handler = handler
            running[invocation.token] = Task {
                let result = await handler(invocation)
                guard !Task.isCancelled else { return }
                switch result {
                case .success(let output):
                    sink.yield(.taskSucceeded(token: invocation.token, output: output))
                case .failure(let error):
                    sink.yield(.taskFailed(token: invocation.token, error: error.name, cause: error.cause))
                }
            }
        case .startTimer(let token, let fireAt):
            let wallClock = wallClock
            running[token] = Task {
                try? await wallClock.sleepUntil(fireAt)
                guard !Task.isCancelled else { return }
                sink.yield(.timerFired(token: token))
            }
        case .cancelTimer(let token):
            running.removeValue(forKey: token)?.cancel()
        case .cancelInvocation(let token):
            running.removeValue(forKey: token)?.cancel()
            closeCallback(token)
        // Reading and writing are done in order, here: a reader has one request outstanding at a time and result
        // records must land in the order they were produced.
        case .readItems(let request):
            sink.yield(await mapIO.read(request))
        case .closeItemReader(let token):
            await mapIO.closeReader(token)
        case .openResultWriter(let request):
            if let event = await mapIO.openWriter(request) { sink.yield(event) }
        case .writeResult(let token, let record):
            if let event = await mapIO.write(token, record) { sink.yield(event) }
        case .closeResultWriter(let token, let commit):
            if let event = await mapIO.closeWriter(token, commit: commit) { sink.yield(event) }
        case .childExecutionEnded(let mapRunArn, let record):
            onChildEnded?(mapRunArn, record)
        }
        return nil
    }
}
