import ServiceLifecycle
import SluiceEngine

/// Executions: every start request (hand-offs, executions carried on) runs to its end, at most
/// MaxConcurrentExecutions at once. Graceful shutdown takes no new ones; the running ones finish.
struct ExecutionsService: Service {
    let runtime: DaemonRuntime

    func run() async throws {
        let runtime = runtime
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { executions in
                var running = 0
                for await request in runtime.handoffs.starts {
                    if running >= runtime.settings.maxConcurrentExecutions {
                        await executions.next()
                        running -= 1
                    }
                    running += 1
                    executions.addTask { await ExecutionRun(runtime: runtime, request: request).run() }
                }
            }
        } onGracefulShutdown: {
            runtime.handoffs.finishStarts()
        }
    }
}
