import SluiceWorkers
import Testing

@testable import SluiceDaemon

/// How many agents a function on Slurm wants and how many count as there: the arithmetic behind submitting more
/// and replacing lost ones.
struct SlurmFunctionAgentsTests {
    func function(maxWorkers: Int, reserved: Int? = nil, provisioned: Int = 0) -> SlurmFunctionAgents {
        var definition = FunctionDefinition(name: "score", command: ["python3"], file: "score.json")
        definition.runtime = .persistent
        definition.reservedConcurrency = reserved
        definition.provisionedConcurrency = provisioned
        var placement = SlurmPlacement(partition: "debug")
        placement.maxWorkers = maxWorkers
        definition.placement = .slurm(placement)
        return SlurmFunctionAgents(definition: definition, placement: placement)
    }

    @Test func wantedIsProvisionedOrDemandWithinTheCaps() {
        #expect(function(maxWorkers: 10, provisioned: 3).wanted(busy: 0, waiting: 0) == 3)
        #expect(function(maxWorkers: 10, provisioned: 3).wanted(busy: 4, waiting: 2) == 6)
        #expect(function(maxWorkers: 10).wanted(busy: 8, waiting: 9) == 10, "MaxWorkers caps it")
        #expect(function(maxWorkers: 10, reserved: 4).wanted(busy: 8, waiting: 9) == 4, "so does ReservedConcurrency")
        #expect(function(maxWorkers: 10, reserved: 0, provisioned: 2).wanted(busy: 0, waiting: 5) == 0)
    }

    @Test func runningAgentsNotHeardOfForLongStopCounting() {
        var f = function(maxWorkers: 10)
        let now = ContinuousClock.now
        let agents = [
            SlurmAgentState(agent: 0, state: "RUNNING", node: "n1"),
            SlurmAgentState(agent: 1, state: "RUNNING", node: "n2"),
            SlurmAgentState(agent: 2, state: "RUNNING", node: "n3"), SlurmAgentState(agent: 3, state: "PENDING"),
            SlurmAgentState(agent: 4, state: "COMPLETING", node: "n1"),
        ]
        let submission = SlurmSubmission(id: "s1", function: "score", jobId: "7", count: 5, folder: "/tmp/s1")
        f.submissions["s1"] = .init(submission: submission, agents: agents, submittedAt: now, lastStart: now)
        #expect(f.alive(connected: ["s1": 1], now: now) == 4, "young: the running ones not connected yet are coming")
        let later = now + .seconds(120)
        #expect(f.alive(connected: ["s1": 1], now: later) == 2, "later: only the connected one and the pending one")
        #expect(f.alive(connected: ["s1": 3], now: later) == 4)
    }
}
