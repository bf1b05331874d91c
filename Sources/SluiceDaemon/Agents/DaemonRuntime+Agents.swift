import SluiceWorkers

extension DaemonRuntime {
    /// A submission of agents for `function` (what the Slurm half calls before it submits the jobs): its id and
    /// the secret the agents prove. The function's invocations wait for its agents from now on.
    func submitAgents(
        function: String,
        submission: String? = nil,
        secret: String? = nil
    ) async -> (submission: String, secret: String) {
        await agentSubmissions.submit(
            function: function,
            roster: hosts.host.agents,
            submission: submission,
            secret: secret
        )
    }

    /// The agents connected for `function`: (idle, busy).
    func agentCounts(_ function: String) async -> (idle: Int, busy: Int) {
        await hosts.host.agents.counts(function)
    }
}
