import Testing

@testable import SluiceWorkers

/// What the submitter writes and reads without a cluster: the batch script and squeue's lines.
struct SlurmSubmitterTests {
    @Test("The batch script sets the function's environment and folder, then execs the agent with no secret in it")
    func batchScript() {
        var function = FunctionDefinition(name: "score", command: ["/opt/score.py", "it's"], file: "score.json")
        function.runtime = .persistent
        function.environment = ["MODEL": "a b"]
        function.workingDirectory = "/srv/score"
        let submitter = SlurmSubmitter(
            advertise: "head:7070",
            agentProgram: "/usr/local/bin/sluice-agent",
            agentsFolder: "/var/lib/sluice/agents"
        )
        let script = submitter.batchScript(function, submission: "s1", secretFile: "/var/lib/sluice/agents/s1/secret")
        #expect(script.hasPrefix("#!/bin/sh\n"))
        #expect(script.contains("export 'MODEL=a b'\n"))
        #expect(script.contains("export 'PATH=/usr/local/bin:/usr/bin:/bin'\n"))
        #expect(script.contains("cd '/srv/score' || exit 1\n"))
        #expect(
            script.hasSuffix(
                "exec '/usr/local/bin/sluice-agent' '--connect' 'head:7070' '--submission' 's1' --agent \"$SLURM_ARRAY_TASK_ID\""
                    + " '--function' 'score' '--secret-file' '/var/lib/sluice/agents/s1/secret' '--'"
                    + " '/opt/score.py' 'it'\\''s'\n"
            )
        )
    }

    @Test("squeue's lines become agents: running ones with their node, a pending range one agent per index")
    func parsing() {
        let agents = SlurmSubmitter.parseAgents("0|RUNNING|n1|None\n2|RUNNING|n3|None\n3-4|PENDING||Resources\n")
        #expect(
            agents == [
                SlurmAgentState(agent: 0, state: "RUNNING", node: "n1", reason: nil),
                SlurmAgentState(agent: 2, state: "RUNNING", node: "n3", reason: nil),
                SlurmAgentState(agent: 3, state: "PENDING", node: nil, reason: "Resources"),
                SlurmAgentState(agent: 4, state: "PENDING", node: nil, reason: "Resources"),
            ]
        )
        #expect(SlurmSubmitter.indexes("[5-7%2]") == [5, 6, 7])
        #expect(SlurmSubmitter.indexes("1,4-5") == [1, 4, 5])
        #expect(SlurmSubmitter.indexes("N/A").isEmpty)
    }

    @Test("Submission ids become folder names: no separators, no dot-dot")
    func submissionNames() {
        #expect(SlurmSubmitter.isSafeName("s-1.a_b"))
        for bad in ["", "..", "a/b", "a b", "é"] { #expect(!SlurmSubmitter.isSafeName(bad)) }
    }
}
