import Logging
import NIOCore
import SluiceAgentWire
import SluiceWorkers

/// One agent's connection, on its event loop: the challenge, the hello checked against the submissions sluiced
/// knows, then the agent registered as a worker of its function (`RemoteWorker`), its answers handed in and the
/// heartbeats kept both ways.
final class AgentChannelHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum Phase {
        case awaitingHello(challenge: String)
        case serving(RemoteWorker, AgentHello)
        case closed
    }

    private let submissions: AgentSubmissions
    private let roster: AgentRoster
    private let logger: Logger
    private var phase: Phase
    private var heard = NIODeadline.now()
    private var beats = 0
    private var helloTimeout: Scheduled<Void>?
    private var heartbeat: RepeatedTask?

    init(submissions: AgentSubmissions, roster: AgentRoster, logger: Logger) {
        self.submissions = submissions
        self.roster = roster
        self.logger = logger
        phase = .awaitingHello(challenge: AgentChallenge.make())
    }

    func channelActive(context: ChannelHandlerContext) {
        guard case .awaitingHello(let challenge) = phase else { return }
        send(.challenge(challenge), context: context)
        let loop = context.eventLoop
        let bound = NIOLoopBound((self, context), eventLoop: loop)
        helloTimeout = loop.scheduleTask(in: Self.amount(AgentTimings.hello)) {
            let (handler, context) = bound.value
            guard case .awaitingHello = handler.phase else { return }
            handler.refuse("no hello within \(AgentTimings.hello)", context: context)
        }
        heartbeat = loop.scheduleRepeatedTask(
            initialDelay: Self.amount(AgentTimings.heartbeat),
            delay: Self.amount(AgentTimings.heartbeat)
        ) { _ in
            let (handler, context) = bound.value
            handler.beat(context: context)
        }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let line = unwrapInboundIn(data)
        heard = .now()
        let message: AgentMessage
        do {
            message = try AgentMessage.decode(line.readableBytesView)
        } catch {
            if case .awaitingHello = phase { refuse("not a hello: \(error)", context: context) }
            // Once serving, a line that is not the protocol's is ignored: the invocation's Timeout covers it.
            return
        }
        switch (phase, message) {
        case (.awaitingHello(let challenge), .hello(let hello)):
            admit(hello, challenge: challenge, context: context)
        case (.awaitingHello, _):
            refuse("spoke before its hello", context: context)
        case (.serving(let worker, _), .work(let answer)):
            worker.received(answer: answer)
        case (.serving(let worker, let hello), .workerExited(let code)):
            logger.warning("\(hello.who): its worker exited (\(code))")
            worker.lost(reason: "its worker exited (\(code))")
            context.close(promise: nil)
        default:
            break
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        helloTimeout?.cancel()
        heartbeat?.cancel()
        if case .serving(let worker, let hello) = phase {
            logger.info("\(hello.who): disconnected")
            worker.lost(reason: "its connection closed")
            let roster = roster
            Task { await roster.remove(worker) }
        }
        phase = .closed
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func admit(_ hello: AgentHello, challenge: String, context: ChannelHandlerContext) {
        guard let submission = submissions.lookup(hello.submission) else {
            return refuse("unknown submission", hello: hello, context: context)
        }
        guard AgentProof.verify(hello, secret: submission.secret, challenge: challenge) else {
            return refuse("wrong proof", hello: hello, context: context)
        }
        guard !submission.ended.contains(hello.agent) else {
            return refuse("its Slurm task has ended (another agent took its place)", hello: hello, context: context)
        }
        guard hello.function == submission.function else {
            return refuse("the submission is for function \(submission.function)", hello: hello, context: context)
        }
        helloTimeout?.cancel()
        let channel = context.channel
        let worker = RemoteWorker(
            function: hello.function,
            submission: hello.submission,
            agent: hello.agent,
            node: hello.node,
            send: { line in channel.writeAndFlush(ByteBuffer(bytes: line), promise: nil) },
            close: { channel.close(promise: nil) }
        )
        phase = .serving(worker, hello)
        send(.welcome(agent: hello.agent), context: context)
        logger.info("\(hello.who): connected", metadata: ["sluice.function": .string(hello.function)])
        let roster = roster
        Task { await roster.add(worker) }
    }

    private func refuse(_ reason: String, hello: AgentHello? = nil, context: ChannelHandlerContext) {
        let peer = context.remoteAddress.map { "\($0)" } ?? "an unknown peer"
        let who = hello.map { "\($0.who) from \(peer)" } ?? peer
        logger.warning("agents: refused \(who): \(reason)")
        phase = .closed
        context.close(promise: nil)
    }

    /// Every 5 s: a heartbeat to the agent, or the connection closed after 15 s without a line from it.
    private func beat(context: ChannelHandlerContext) {
        guard case .serving(_, let hello) = phase else { return }
        if NIODeadline.now() - heard > Self.amount(AgentTimings.silence) {
            logger.warning("\(hello.who): silent for \(AgentTimings.silence); closing its connection")
            context.close(promise: nil)
            return
        }
        beats += 1
        send(.heartbeat(beats), context: context)
    }

    private static func amount(_ duration: Duration) -> TimeAmount {
        .nanoseconds(duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }

    private func send(_ message: AgentMessage, context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: message.line)), promise: nil)
    }
}
