import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import SluiceEngine
import SluiceLinux
import SluiceWorkers
import Synchronization

/// The agents' listener on sluiced.json's `Agents.Listen` (off unless set): `sluice-agent`s connect, prove their
/// submission's secret and serve their function's invocations (`AgentChannelHandler`). Started before the
/// executions so that it stops after them: running executions keep their agents while they finish.
struct AgentsService: Service {
    let runtime: DaemonRuntime
    let host: String
    let port: Int
    /// `Agents.Advertise`: the address agents are told; the bound one when nil.
    let advertise: String?

    func run() async throws {
        let connections = AgentConnections()
        let server: any Channel
        do {
            server = try await bind(connections)
        } catch {
            // The pipeline runs on without agents; functions placed on them wait.
            runtime.logger.error("agents: cannot listen on \(host):\(port): \(error)")
            try? await gracefulShutdown()
            return
        }
        let bound = server.localAddress?.port ?? port
        let endpoint = advertise ?? "\(host.contains(":") ? "[\(host)]" : host):\(bound)"
        do {
            try AtomicFile.write(Array((endpoint + "\n").utf8), to: runtime.paths.agentsEndpoint)
        } catch {
            runtime.logger.warning("agents: cannot write \(runtime.paths.agentsEndpoint): \(error)")
        }
        runtime.logger.info("agents listening on \(host):\(bound) (advertised as \(endpoint))")
        await withGracefulShutdownHandler {
            try? await server.closeFuture.get()
        } onGracefulShutdown: {
            server.close(promise: nil)
        }
        // The agents see their connections end and try again for a while (a restarted sluiced).
        connections.closeAll()
        Posix.removeQuietly(runtime.paths.agentsEndpoint)
    }

    private func bind(_ connections: AgentConnections) async throws -> any Channel {
        let submissions = runtime.agentSubmissions
        let roster = runtime.hosts.host.agents
        let logger = runtime.logger
        return try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.backlog, value: 1024)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                connections.add(channel)
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineFrameDecoder()))
                    try channel.pipeline.syncOperations.addHandler(
                        AgentChannelHandler(submissions: submissions, roster: roster, logger: logger)
                    )
                }
            }
            .bind(host: host, port: port)
            .get()
    }
}

extension AgentsService: CustomStringConvertible {
    var description: String { "AgentsService(\(host):\(port))" }
}

/// The agents' open connections, closed together when the listener stops.
final class AgentConnections: Sendable {
    private let open = Mutex<[ObjectIdentifier: any Channel]>([:])

    func add(_ channel: any Channel) {
        let id = ObjectIdentifier(channel)
        open.withLock { $0[id] = channel }
        channel.closeFuture.whenComplete { [self] _ in _ = open.withLock { $0.removeValue(forKey: id) } }
    }

    func closeAll() {
        for channel in open.withLock({ Array($0.values) }) { channel.close(promise: nil) }
    }
}
