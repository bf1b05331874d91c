import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle
import SluiceAWS
import SluiceEngine
import SluiceLinux

/// The AWS API on sluiced.json's `Api.Listen` (127.0.0.1:4599 unless set): Step Functions, EventBridge, SNS, S3
/// and Lambda in their own protocols, every request signed with a key of the credentials file.
///
/// An address that cannot be bound (another program has the port) does not stop sluiced: the pipeline runs on,
/// the journal says why the API is not there, and the bind is tried again every few seconds.
struct APIService: Service {
    let runtime: DaemonRuntime
    let host: String
    let port: Int
    let credentials: APICredentials

    static let retryInterval: Duration = .seconds(5)

    func run() async throws {
        let leftovers = SpooledUpload.removeLeftovers(in: runtime.paths.uploads)
        if leftovers > 0 { runtime.logger.info("API: removed \(leftovers) unfinished upload(s) of a previous run") }
        var reported = false
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            let server: NIOAsyncChannel<APIConnection.Channel, Never>
            do {
                server = try await bind()
            } catch {
                if !reported {
                    runtime.logger.error(
                        "API: cannot listen on \(host):\(port): \(error); trying again every 5 s (the pipeline runs on)"
                    )
                    reported = true
                }
                await nap(Self.retryInterval)
                continue
            }
            let bound = server.channel.localAddress?.port ?? port
            let endpoint = "http://\(host.contains(":") ? "[\(host)]" : host):\(bound)"
            do {
                try AtomicFile.write(Array((endpoint + "\n").utf8), to: runtime.paths.apiEndpoint)
            } catch {
                runtime.logger.warning("API: cannot write \(runtime.paths.apiEndpoint): \(error)")
            }
            runtime.logger.info("API listening on \(endpoint)", metadata: ["sluice.api.endpoint": .string(endpoint)])
            await serve(server, router: router(port: bound))
            Posix.removeQuietly(runtime.paths.apiEndpoint)
            // The listener ended without sluiced stopping (an accept that failed): listen again. A service that
            // returns would stop the whole group.
            if Task.isShuttingDownGracefully || Task.isCancelled { return }
            runtime.logger.error("API: the listener on \(endpoint) ended; listening again")
            reported = false
            await nap(.milliseconds(200))
        }
    }

    private func bind() async throws -> NIOAsyncChannel<APIConnection.Channel, Never> {
        try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.backlog, value: 256)
            .bind(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    return try APIConnection.Channel(wrappingChannelSynchronously: channel)
                }
            }
    }

    /// Connections served side by side until sluiced stops: then the listener closes and open connections end.
    private func serve(_ server: NIOAsyncChannel<APIConnection.Channel, Never>, router: APIRouter) async {
        let connection = APIConnection(
            router: router,
            dashboard: DashboardRouter(runtime: runtime, credentials: credentials),
            paths: runtime.paths,
            logger: runtime.logger
        )
        do {
            try await withGracefulShutdownHandler {
                try await server.executeThenClose { inbound in
                    try await withThrowingDiscardingTaskGroup { group in
                        for try await channel in inbound {
                            group.addTask { await connection.serve(channel) }
                        }
                        group.cancelAll()
                    }
                }
            } onGracefulShutdown: {
                server.channel.close(promise: nil)
            }
        } catch {
            runtime.logger.warning("API listener closed: \(error)")
        }
    }

    private func router(port: Int) -> APIRouter {
        APIRouter(
            credentials: credentials,
            handlers: APIHandlers.all(runtime),
            clock: runtime.clock,
            hosts: APIHostPolicy(listenHost: host, port: port)
        )
    }
}

extension APIService: CustomStringConvertible {
    /// What the service group logs: the address, never the keys.
    var description: String { "APIService(\(host):\(port))" }
}
