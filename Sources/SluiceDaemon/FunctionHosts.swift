import SluiceWorkers
import Synchronization

/// The functions in force. A reload that changes a function file builds a new host for new executions; the old one
/// keeps serving the executions that started with it and is shut down when the last of them ends.
final class FunctionHosts: Sendable {
    /// One host and how many executions use it.
    final class Lease: Sendable {
        let host: FunctionHost
        fileprivate let state = Mutex((users: 0, retired: false))

        init(_ host: FunctionHost) { self.host = host }
    }

    private let current: Mutex<Lease>

    init(_ host: FunctionHost) { current = Mutex(Lease(host)) }

    /// The host for a new execution; give it back with `release` when the execution ends.
    func acquire() -> Lease {
        current.withLock { lease in
            lease.state.withLock { $0.users += 1 }
            return lease
        }
    }

    func release(_ lease: Lease) async {
        let shutDown = lease.state.withLock { state -> Bool in
            state.users -= 1
            return state.retired && state.users == 0
        }
        if shutDown { await lease.host.shutdown() }
    }

    /// The host new executions get now.
    var host: FunctionHost { current.withLock { $0.host } }

    /// Puts `host` in force; the previous one stops once no execution uses it.
    func replace(with host: FunctionHost) async {
        let old = current.withLock { lease -> Lease in
            let old = lease
            lease = Lease(host)
            return old
        }
        let idle = old.state.withLock { state -> Bool in
            state.retired = true
            return state.users == 0
        }
        if idle { await old.host.shutdown() }
    }
}
