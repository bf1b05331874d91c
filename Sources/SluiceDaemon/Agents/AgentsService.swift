import Logging
import ServiceLifecycle
import SluiceEngine
import SluiceLinux
import SluiceWorkers

/// The agents' listener on sluiced.json's `Agents.Listen` (off unless set): `sluice-agent`s connect, prove their
/// submission's secret and serve their function's invocations (`AgentChannelHandler`). Started before the
/// executions so that it stops after them: running executions keep their agents while they finish. It also
/// submits and cancels the agents of functions placed on Slurm (`SlurmAgents`).
struct AgentsService: Service {
    let runtime: DaemonRuntime
    let host: String
    let port: Int
    /// `Agents.Advertise`: the address agents are told; the bound one when nil.
    let advertise: String?

    func run() async throws {
        let listener = AgentsListener(
            submissions: runtime.agentSubmissions,
            roster: runtime.hosts.host.agents,
            logger: runtime.logger
        )
        let bound: Int
        do {
            bound = try await listener.bind(host: host, port: port)
        } catch {
            // The pipeline runs on without agents; functions placed on them wait.
            runtime.logger.error("agents: cannot listen on \(host):\(port): \(error)")
            try? await gracefulShutdown()
            return
        }
        let endpoint = advertise ?? "\(host.contains(":") ? "[\(host)]" : host):\(bound)"
        do {
            try AtomicFile.write(Array((endpoint + "\n").utf8), to: runtime.paths.agentsEndpoint)
        } catch {
            runtime.logger.warning("agents: cannot write \(runtime.paths.agentsEndpoint): \(error)")
        }
        runtime.logger.info("agents listening on \(host):\(bound) (advertised as \(endpoint))")
        // Functions placed on Slurm get their agents until the graceful shutdown, which cancels them; the
        // listener closes after that.
        var slurm = SlurmAgents(runtime: runtime, advertise: endpoint)
        await slurm.run()
        listener.close()
        Posix.removeQuietly(runtime.paths.agentsEndpoint)
    }
}

extension AgentsService: CustomStringConvertible {
    var description: String { "AgentsService(\(host):\(port))" }
}
