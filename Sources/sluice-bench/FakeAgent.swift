import NIOCore
import SluiceAgentWire

/// One fake `sluice-agent` for the agents benchmark: it authenticates as the real one does and answers each request
/// at once with a one-number result, so what is measured is sluiced's side (the dispatcher), not a worker.
final class FakeAgent: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum Phase {
        case awaitingChallenge
        case awaitingWelcome
        case serving
    }

    private let submission: String
    private let secret: String
    private let name: String
    private let ready: @Sendable () -> Void
    private var phase = Phase.awaitingChallenge
    private static let requestPrefix = Array(#"{"requestId":""#.utf8)

    init(submission: String, secret: String, name: String, ready: @escaping @Sendable () -> Void) {
        self.submission = submission
        self.secret = secret
        self.name = name
        self.ready = ready
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let line = unwrapInboundIn(data)
        switch phase {
        case .awaitingChallenge:
            guard case .challenge(let challenge)? = try? AgentMessage.decode(line.readableBytesView) else { return }
            let proof = AgentProof.compute(secret: secret, submission: submission, agent: name, challenge: challenge)
            let hello = AgentHello(
                submission: submission,
                agent: name,
                function: AgentsBenchmark.function,
                node: "bench",
                pid: 0,
                proof: proof
            )
            phase = .awaitingWelcome
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: AgentMessage.hello(hello).line)), promise: nil)
        case .awaitingWelcome:
            guard case .welcome? = try? AgentMessage.decode(line.readableBytesView) else { return }
            phase = .serving
            ready()
        case .serving:
            // A request line starts with its id (PersistentWorker.requestLine); heartbeats do not.
            let bytes = line.readableBytesView
            guard bytes.starts(with: Self.requestPrefix) else { return }
            let idStart = bytes.startIndex + Self.requestPrefix.count
            guard let idEnd = bytes[idStart...].firstIndex(of: UInt8(ascii: "\"")) else { return }
            var answer = context.channel.allocator.buffer(capacity: 64)
            answer.writeString(#"{"requestId":""#)
            answer.writeBytes(bytes[idStart..<idEnd])
            answer.writeString("\",\"result\":1}\n")
            context.writeAndFlush(wrapOutboundOut(answer), promise: nil)
        }
    }
}
