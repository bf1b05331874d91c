import SluiceInterpreter
import Synchronization

/// The way into running executions from outside: `sluice map-runs update` reaches a map run through the
/// execution that runs it.
final class MapRunControls: Sendable {
    private let open = Mutex<[String: AsyncStream<ExecutionEvent>.Continuation]>([:])

    /// The events for execution `executionArn` until `close`.
    func events(for executionArn: String) -> AsyncStream<ExecutionEvent> {
        let (stream, continuation) = AsyncStream<ExecutionEvent>.makeStream()
        open.withLock { $0[executionArn] = continuation }
        return stream
    }

    func close(_ executionArn: String) {
        open.withLock { $0.removeValue(forKey: executionArn) }?.finish()
    }

    /// Hands `event` to the running execution; false when it is not running here.
    func send(_ event: ExecutionEvent, to executionArn: String) -> Bool {
        guard let continuation = open.withLock({ $0[executionArn] }) else { return false }
        if case .terminated = continuation.yield(event) { return false }
        return true
    }
}
