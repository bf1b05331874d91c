import SluiceJSON

/// A function's agents on Slurm as `sluice status`, the dashboard and the journal tell them: what is waiting in the
/// queue, what runs and where, what is connected and busy.
struct FunctionAgentsReport: Sendable, Equatable {
    var function: String
    var partition: String
    var maxWorkers: Int
    var provisioned: Int
    /// Job arrays of this function in the queue.
    var submissions = 0
    /// Agents Slurm lists as pending (waiting for resources or a scheduling pass).
    var pending = 0
    /// Agents Slurm lists as running (their worker may still be starting).
    var running = 0
    /// Agents connected to sluiced.
    var connected = 0
    var busy = 0
    /// Invocations waiting for an agent.
    var waiting = 0
    /// Running agents per node, from squeue.
    var nodes: [String: Int] = [:]
    /// The last Slurm command that failed, said as Slurm said it; nil once one succeeds again.
    var problem: String?

    var json: JSONValue {
        var o: JSONObject = [
            "function": .string(function), "placement": "slurm", "partition": .string(partition),
            "maxWorkers": .int(maxWorkers), "provisioned": .int(provisioned), "submissions": .int(submissions),
            "pending": .int(pending), "running": .int(running), "connected": .int(connected), "busy": .int(busy),
            "waiting": .int(waiting),
            "nodes": .object(JSONObject(nodes.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })),
        ]
        if let problem { o["problem"] = .string(problem) }
        return .object(o)
    }

    /// `n1×3, n2×2`.
    var nodesLine: String {
        nodes.isEmpty
            ? "no node" : nodes.sorted { $0.key < $1.key }.map { "\($0.key)×\($0.value)" }.joined(separator: ", ")
    }
}
