import NIOCore
import Synchronization

/// The agents' open connections, closed together when the listener stops.
final class AgentConnections: Sendable {
    private struct State {
        var open: [ObjectIdentifier: any Channel] = [:]
        var closed = false
    }

    private let state = Mutex(State())

    /// Keeps `channel` to close with the rest; false (and the channel left to the caller to close) once closed.
    func add(_ channel: any Channel) -> Bool {
        let id = ObjectIdentifier(channel)
        // The server channel closes asynchronously: an agent reconnecting at once can still be accepted after
        // closeAll. Such a connection would outlive its sluiced (the event loops are shared), holding the agent
        // away from the next one, so it is refused.
        let accepted = state.withLock { state -> Bool in
            guard !state.closed else { return false }
            state.open[id] = channel
            return true
        }
        guard accepted else { return false }
        channel.closeFuture.whenComplete { [self] _ in _ = state.withLock { $0.open.removeValue(forKey: id) } }
        return true
    }

    func closeAll() {
        let open = state.withLock { state in
            state.closed = true
            return Array(state.open.values)
        }
        for channel in open { channel.close(promise: nil) }
    }
}
