import ServiceLifecycle
import SluiceASL
import SluiceEngine
import SluiceVocabulary

/// Hand-offs held until they are due (a target's RetryPolicy back-off) are carried out when they are, looked at
/// every 250 ms: the retries are seconds apart.
struct RetryService: Service {
    let runtime: DaemonRuntime

    func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            await nap(.milliseconds(250))
            runtime.handoffs.dispatch(runtime.handoffs.takeDue(now: runtime.clock.now().epochMilliseconds))
        }
    }
}
