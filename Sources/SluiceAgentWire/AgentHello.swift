/// The agent's introduction: who it is, where it runs, and its proof that it holds the submission's secret.
package struct AgentHello: Hashable, Sendable {
    package var submission: String
    package var agent: String
    package var function: String
    package var node: String
    package var pid: Int
    package var proof: String

    package init(submission: String, agent: String, function: String, node: String, pid: Int, proof: String) {
        self.submission = submission
        self.agent = agent
        self.function = function
        self.node = node
        self.pid = pid
        self.proof = proof
    }

    /// Who this agent says it is, for log lines (an agent refused is logged by what it claimed).
    package var who: String { "agent \(agent) of submission \(submission) (function \(function), \(node) pid \(pid))" }
}
