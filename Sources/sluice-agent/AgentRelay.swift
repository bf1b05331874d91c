import Foundation
import SluiceAgentWire
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Relays between sluiced and the worker: authenticates each connection, hands request lines to the worker and
/// its answers back, heartbeats, and reconnects for a while when the connection drops.
final class AgentRelay: Sendable {
    struct Identity: Sendable {
        var host: String
        var port: String
        var submission: String
        var agent: String
        var function: String
        var secret: String
        var reconnectFor: Duration
    }

    private struct State {
        var socket: AgentSocket?
        var heard = ContinuousClock.now
        var beats = 0
    }

    private let identity: Identity
    private let worker: AgentWorker
    private let state = Mutex(State())

    init(identity: Identity, worker: AgentWorker) {
        self.identity = identity
        self.worker = worker
    }

    /// Runs until the worker exits (its code) or sluiced stays unreachable for `reconnectFor` (1).
    func run() -> Never {
        Thread.detachNewThread { self.relayAnswers() }
        Thread.detachNewThread { self.heartbeat() }
        while true {
            guard let socket = connectAndAuthenticate() else {
                log("sluiced unreachable for \(identity.reconnectFor); stopping the worker")
                worker.stop()
                exit(1)
            }
            state.withLock {
                $0.socket = socket
                $0.heard = .now
            }
            log("connected to \(identity.host):\(identity.port)")
            while let line = socket.readLine() {
                state.withLock { $0.heard = .now }
                // Requests go to the worker as they came, unparsed; heartbeats only prove sluiced is there.
                if AgentMessage.isWork(line) {
                    worker.write(line + [0x0A])
                }
            }
            state.withLock { if $0.socket === socket { $0.socket = nil } }
            log("connection to sluiced lost; reconnecting")
        }
    }

    /// Connects and authenticates, trying again each second for `reconnectFor`; nil when that runs out.
    private func connectAndAuthenticate() -> AgentSocket? {
        let deadline = ContinuousClock.now + identity.reconnectFor
        while ContinuousClock.now < deadline {
            if let socket = AgentSocket.connect(host: identity.host, port: identity.port) {
                if authenticate(socket) { return socket }
                socket.shutdown()
            }
            Thread.sleep(forTimeInterval: 1)
        }
        return nil
    }

    private func authenticate(_ socket: AgentSocket) -> Bool {
        guard let line = socket.readLine(), case .challenge(let challenge)? = try? AgentMessage.decode(line) else {
            return false
        }
        let node = Self.nodeName
        let hello = AgentHello(
            submission: identity.submission,
            agent: identity.agent,
            function: identity.function,
            node: node,
            pid: Int(getpid()),
            proof: AgentProof.compute(
                secret: identity.secret,
                submission: identity.submission,
                agent: identity.agent,
                challenge: challenge
            )
        )
        guard socket.send(AgentMessage.hello(hello).line), let answer = socket.readLine(),
            case .welcome? = try? AgentMessage.decode(answer)
        else {
            log("sluiced refused this agent")
            return false
        }
        return true
    }

    /// The worker's answers to whichever connection is up; an answer with no connection is dropped (sluiced has
    /// already failed that request). When the worker exits, sluiced is told and the agent exits.
    private func relayAnswers() {
        let code = worker.readAnswers { line in
            _ = state.withLock { $0.socket }?.send(line)
        }
        log("worker exited (\(code))")
        if let socket = state.withLock({ $0.socket }) {
            socket.send(AgentMessage.workerExited(Int(code)).line)
            socket.shutdown()
        }
        exit(code == 0 ? 1 : code)
    }

    /// A heartbeat every 5 s; 15 s without a line from sluiced ends the connection (and so reconnects).
    private func heartbeat() {
        while true {
            Thread.sleep(forTimeInterval: Double(AgentTimings.heartbeat.components.seconds))
            let (socket, beat, silent) = state.withLock { state -> (AgentSocket?, Int, Bool) in
                state.beats += 1
                return (state.socket, state.beats, ContinuousClock.now - state.heard > AgentTimings.silence)
            }
            guard let socket else { continue }
            if silent {
                log("sluiced silent for \(AgentTimings.silence); reconnecting")
                socket.shutdown()
            } else {
                socket.send(AgentMessage.heartbeat(beat).line)
            }
        }
    }

    /// The node as Slurm names it (several slurmd may share a host), else the host's name.
    static let nodeName: String = {
        if let slurm = ProcessInfo.processInfo.environment["SLURMD_NODENAME"], !slurm.isEmpty { return slurm }
        var name = [CChar](repeating: 0, count: 256)
        gethostname(&name, name.count - 1)
        return String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }()

    private func log(_ text: String) {
        FileHandle.standardError.write(Data("sluice-agent \(identity.agent): \(text)\n".utf8))
    }
}
