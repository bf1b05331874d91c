import Foundation
import Logging
import NIOCore
import NIOPosix
import SluiceDaemon
import SluiceJSON
import SluiceWorkers
import Synchronization

/// Issue 18: the dispatcher's ceiling. sluiced's agents listener and a function pool placed on agents, against
/// many fake agents in this process that answer at once (100 and 1,000 connections), fed by enough invocations
/// in flight that no agent waits for the driver. Batches of 100 small items. Target: at least 20,000 batches/s
/// with 1,000 agents.
enum AgentsBenchmark {
    static let function = "fake"
    static let itemsPerBatch = 100

    static func run() async throws {
        print("agents: the dispatcher with fake agents (batches of \(itemsPerBatch) items)")
        for agents in [100, 1_000] {
            let (batches, seconds) = try await measure(agents: agents, duration: .seconds(5))
            let rate = Double(batches) / seconds
            print(
                "  \(agents) agents: \(Int(rate)) batches/s, \(Int(rate) * itemsPerBatch) items/s"
                    + (agents == 1_000 ? " (target ≥ 20,000 batches/s)" : "")
            )
        }
    }

    static func measure(agents count: Int, duration: Duration) async throws -> (batches: Int, seconds: Double) {
        let logger = Logger(label: "bench") { _ in SwiftLogNoOpLogHandler() }
        var definition = FunctionDefinition(name: function, command: ["/bin/false"], file: "fake.json")
        definition.runtime = .persistent
        definition.timeout = 60
        let roster = AgentRoster()
        let host = FunctionHost(definitions: [definition], maxWorkers: count, logger: logger, agents: roster)
        let listener = AgentsListener(roster: roster, logger: logger)
        let port = try await listener.bind(host: "127.0.0.1", port: 0)
        defer { listener.close() }
        let (submission, secret) = await listener.submit(function: function)
        let connected = Mutex(0)
        var channels: [any Channel] = []
        for index in 0..<count {
            let name = "fake-\(index)"
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineFrameDecoder()))
                        try channel.pipeline.syncOperations.addHandler(
                            FakeAgent(submission: submission, secret: secret, name: name) {
                                connected.withLock { $0 += 1 }
                            }
                        )
                    }
                }
                .connect(host: "127.0.0.1", port: port)
                .get()
            channels.append(channel)
        }
        defer { for channel in channels { channel.close(promise: nil) } }
        while await roster.counts(function).idle < count || connected.withLock({ $0 }) < count {
            try await Task.sleep(for: .milliseconds(20))
        }
        let items = JSONValue.array(
            (0..<itemsPerBatch).map { .object(["n": .int($0), "name": .string("item \($0)")]) }
        )
        let payload = JSONValue.object(["Items": items])
        let stop = ContinuousClock.now + duration
        let started = ContinuousClock.now
        // Two invocations in flight per agent: one running, one waiting, so an agent that answers gets its next
        // request at once.
        let done = await withTaskGroup(of: Int.self) { group in
            for driver in 0..<(2 * count) {
                group.addTask {
                    var n = 0
                    var succeeded = 0
                    while ContinuousClock.now < stop {
                        let result = await host.invoke(function, payload: payload, requestId: "r-\(driver)-\(n)")
                        if case .success? = result { succeeded += 1 }
                        n += 1
                    }
                    return succeeded
                }
            }
            return await group.reduce(0, +)
        }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return (done, seconds)
    }
}
