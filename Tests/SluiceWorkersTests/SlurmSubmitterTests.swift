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

    @Test("The step job's script starts one step per agent, numbered, with the environment handed to the steps")
    func stepsScript() {
        var function = FunctionDefinition(name: "score", command: ["/opt/score.py"], file: "score.json")
        function.runtime = .persistent
        function.environment = ["MODEL": "a b"]
        var submitter = SlurmSubmitter(
            advertise: "head:7070",
            agentProgram: "/usr/local/bin/sluice-agent",
            agentsFolder: "/var/lib/sluice/agents"
        )
        submitter.slurm.searchPath = "/nonexistent"
        var placement = SlurmPlacement(partition: "debug")
        placement.cpusPerWorker = 2
        let script = submitter.stepsScript(
            function,
            placement: placement,
            submission: "s1",
            secretFile: "/var/lib/sluice/agents/s1/secret",
            count: 3
        )
        #expect(script.contains("export 'MODEL=a b'\n"))
        #expect(script.contains("for agent in 0 1 2; do\n"))
        #expect(
            script.contains(
                "'srun' '--ntasks=1' '--nodes=1' '--exact' '--export=ALL' --cpus-per-task=2 --job-name=\"agent-$agent\""
                    + " --output='/var/lib/sluice/agents/s1'/\"agent-$agent.log\" '/usr/local/bin/sluice-agent' '--connect'"
                    + " 'head:7070' '--submission' 's1' --agent \"$agent\" '--function' 'score' '--secret-file'"
                    + " '/var/lib/sluice/agents/s1/secret' '--' '/opt/score.py' &\n"
            )
        )
        #expect(script.hasSuffix("done\nwait\n"))
        #expect(!script.contains("--jobid"))

        // An allocation's launcher: the job id and the agents are its arguments; its output and pid beside it.
        let launcher = submitter.stepsScript(
            function,
            placement: placement,
            submission: "s1",
            secretFile: "/var/lib/sluice/agents/s1/secret",
            count: 3,
            allocation: true
        )
        #expect(launcher.contains("exec </dev/null >>'/var/lib/sluice/agents/s1/launcher.log' 2>&1\n"))
        #expect(launcher.contains("echo $$ >'/var/lib/sluice/agents/s1/launcher.pid'\njob=$1\nshift\n"))
        #expect(launcher.contains("for agent in \"$@\"; do\n"))
        #expect(launcher.contains("'--export=ALL' --jobid=\"$job\" --cpus-per-task=2"))
        #expect(launcher.hasSuffix("done\nwait\n"))
        #expect(SlurmSubmitter.grantedJob("salloc: Granted job allocation 42\n") == "42")
        #expect(SlurmSubmitter.grantedJob("salloc: Pending job allocation 42\nsalloc: error: revoked\n") == nil)
        let arguments = SlurmSubmitter.stepsJobArguments(placement: placement, folder: "/f", count: 3)
        #expect(
            arguments.contains("--ntasks=3") && arguments.contains("--spread-job") && arguments.contains("--no-kill")
        )
    }

    @Test("A step job's squeue lines: its state and run time, then each agent's step and node")
    func stepParsing() {
        let job = SlurmSubmitter.parseStepJob("RUNNING|None|1:05\n")
        #expect(job?.state == "RUNNING")
        #expect(job?.reason == nil)
        #expect(job?.elapsed == 65)
        #expect(SlurmSubmitter.parseStepJob("PENDING|Resources|0:00\n")?.reason == "Resources")
        #expect(SlurmSubmitter.parseStepJob("") == nil)
        #expect(SlurmSubmitter.parseSteps("agent-1|n1\nagent-0|n3\nbatch|n1\nagent-x|n2\n") == [1: "n1", 0: "n3"])
        #expect(SlurmSubmitter.elapsedSeconds("7") == 7)
        #expect(SlurmSubmitter.elapsedSeconds("1:02:03") == 3_723)
        #expect(SlurmSubmitter.elapsedSeconds("2-00:00:01") == 172_801)
        #expect(SlurmSubmitter.elapsedSeconds("INVALID") == nil)
    }

    @Test("Submission ids become folder names: no separators, no dot-dot")
    func submissionNames() {
        #expect(SlurmSubmitter.isSafeName("s-1.a_b"))
        for bad in ["", "..", "a/b", "a b", "é"] { #expect(!SlurmSubmitter.isSafeName(bad)) }
    }
}
