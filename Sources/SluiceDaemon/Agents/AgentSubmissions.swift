import SluiceAgentWire
import SluiceWorkers
import Synchronization

/// The submissions of agents sluiced knows: submission id → the function its agents serve and the secret they
/// prove. In memory for now (the Slurm half records them with their jobs).
final class AgentSubmissions: Sendable {
    struct Submission: Sendable, Equatable {
        var function: String
        var secret: String
        /// Agents whose Slurm task has ended: one that comes back (its node's link restored after Slurm gave up on
        /// it) is refused, as a replacement already took its place.
        var ended: Set<String> = []
    }

    private let known = Mutex<[String: Submission]>([:])

    /// Opens a submission for `function` (a fresh id and secret unless given, as after a restart) and places the
    /// function's invocations on agents from now on.
    func submit(
        function: String,
        roster: AgentRoster,
        submission: String? = nil,
        secret: String? = nil
    ) async -> (submission: String, secret: String) {
        let id = submission ?? "s-" + AgentChallenge.make().prefix(12)
        let entry = Submission(function: function, secret: secret ?? AgentChallenge.secret())
        let isNew = known.withLock { known -> Bool in
            defer { known[id] = entry }
            return known[id] == nil
        }
        if isNew { roster.expect(function: function) }
        return (id, entry.secret)
    }

    /// Closes a submission: its agents are refused from now on, its function runs locally again once no other
    /// submission serves it.
    func close(_ submission: String, roster: AgentRoster) async {
        guard let entry = known.withLock({ $0.removeValue(forKey: submission) }) else { return }
        roster.forget(function: entry.function)
    }

    func lookup(_ submission: String) -> Submission? { known.withLock { $0[submission] } }

    /// Records agents of `submission` whose Slurm tasks have ended.
    func ended(_ agents: Set<String>, of submission: String) {
        known.withLock { $0[submission]?.ended.formUnion(agents) }
    }
}
