import Logging
import NIOCore
import NIOPosix
import SluiceWorkers
import Synchronization

/// The agents' listener itself, apart from the service that runs it in sluiced (sluice-bench drives it alone):
/// binds, and closes with every agent's connection.
package final class AgentsListener: Sendable {
    let submissions: AgentSubmissions
    private let roster: AgentRoster
    private let logger: Logger
    private let connections = AgentConnections()
    private let server = Mutex<(any Channel)?>(nil)

    init(submissions: AgentSubmissions, roster: AgentRoster, logger: Logger) {
        self.submissions = submissions
        self.roster = roster
        self.logger = logger
    }

    /// A listener with submissions of its own (sluice-bench).
    package convenience init(roster: AgentRoster, logger: Logger) {
        self.init(submissions: AgentSubmissions(), roster: roster, logger: logger)
    }

    /// A submission of agents for `function`: its id and secret.
    package func submit(function: String) async -> (submission: String, secret: String) {
        await submissions.submit(function: function, roster: roster)
    }

    /// Listens on HOST:PORT; the port bound (the system's choice for 0).
    package func bind(host: String, port: Int) async throws -> Int {
        let submissions = submissions
        let roster = roster
        let logger = logger
        let connections = connections
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.backlog, value: 1024)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                guard connections.add(channel) else { return channel.close() }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineFrameDecoder()))
                    try channel.pipeline.syncOperations.addHandler(
                        AgentChannelHandler(submissions: submissions, roster: roster, logger: logger)
                    )
                }
            }
            .bind(host: host, port: port)
            .get()
        server.withLock { $0 = channel }
        return channel.localAddress?.port ?? port
    }

    /// Waits until the listener is closed.
    func closed() async {
        try? await server.withLock { $0 }?.closeFuture.get()
    }

    /// Stops listening and ends every agent's connection (the agents try again for a while).
    package func close() {
        server.withLock { $0 }?.close(promise: nil)
        connections.closeAll()
    }
}
