import SluiceJSON
import SluiceTesting
import Testing

@testable import SluiceWorkers

/// Lambda's CloudWatch metrics as sluice counts them: invocations, errors, throttles (an invocation that found its
/// pool full and waited, or that ReservedConcurrency 0 refused), the peak concurrency of a period and the
/// durations' percentiles.
struct FunctionStatisticsTests {
    @Test("Percentiles are nearest-rank")
    func percentiles() {
        let values = (1...100).map(Double.init)
        #expect(Percentiles.of(sorted: values, 0.5) == 50)
        #expect(Percentiles.of(sorted: values, 0.99) == 99)
        #expect(Percentiles.of(sorted: [7], 0.99) == 7)
        #expect(Percentiles.of(sorted: [], 0.5) == nil)
        #expect(Percentiles.of(sorted: [1, 2, 3, 4], 0.5) == 2)
    }

    @Test("A period's peak is the most running at once; the next period starts at what still runs")
    func peakConcurrency() {
        let statistics = FunctionStatistics()
        let recorder = statistics.recorder(for: definition("f"))
        let a = recorder.began()
        let b = recorder.began()
        let c = recorder.began()
        recorder.ended(since: a, failed: false)
        recorder.ended(since: b, failed: true)
        recorder.throttled()
        let first = recorder.takePeriod()
        #expect(first.peakConcurrent == 3)
        #expect(first.concurrentNow == 1)
        #expect(first.invocations == 2)
        #expect(first.errors == 1)
        #expect(first.throttles == 1)
        #expect(first.durations.count == 2)
        let second = recorder.takePeriod()
        #expect(second.peakConcurrent == 1)
        #expect(second.invocations == 0)
        #expect(second.isActive)
        recorder.ended(since: c, failed: false)
        let live = recorder.live
        #expect(live.concurrent == 0)
        #expect(live.invocations == 3)
        #expect(live.errors == 1)
        #expect(live.throttles == 1)
        #expect(recorder.takePeriod().isActive)  // the one that ended in it
        #expect(!recorder.takePeriod().isActive)
    }

    @Test("A recorder outlives its host: a second host of the same function counts on into it")
    func outlivesHosts() {
        let statistics = FunctionStatistics()
        let first = statistics.recorder(for: definition("f", reserved: 2))
        let second = statistics.recorder(for: definition("f", reserved: 5))
        #expect(first === second)
        #expect(second.live.reservedConcurrency == 5)
        #expect(statistics.recordersByName.map(\.name) == ["f"])
    }

    @Test(
        "Invocations that find the reserved pool full are throttles; each still runs; errors and durations counted",
        .timeLimit(.minutes(1))
    )
    func throttlesCounted() async throws {
        let f = try FunctionFixture()
        defer { f.remove() }
        try f.function("slow", script: "#!/bin/sh\nsleep 0.2\necho '{}'\n", #""ReservedConcurrency": 2"#)
        try f.function("broken", script: "#!/bin/sh\nexit 3\n")
        try f.function("off", script: "#!/bin/sh\necho '{}'\n", #""ReservedConcurrency": 0"#)
        let host = f.host(maxWorkers: 8)
        await withTaskGroup(of: Void.self) { group in
            for i in 0..<6 {
                group.addTask { _ = await host.invoke("slow", payload: nil, requestId: "r\(i)") }
            }
        }
        _ = await host.invoke("broken", payload: nil, requestId: "b")
        _ = await host.invoke("off", payload: nil, requestId: "o")
        let slow = try #require(host.statistics.recorder(named: "slow"))
        #expect(slow.live.invocations == 6)
        #expect(slow.live.throttles == 4)
        #expect(slow.live.errors == 0)
        let period = slow.takePeriod()
        #expect(period.peakConcurrent == 2)
        #expect(period.durations.count == 6)
        #expect(period.durations.allSatisfy { $0 >= 150 })
        let broken = try #require(host.statistics.recorder(named: "broken")).live
        #expect(broken.invocations == 1)
        #expect(broken.errors == 1)
        let off = try #require(host.statistics.recorder(named: "off")).live
        #expect(off.invocations == 0)
        #expect(off.throttles == 1)
        #expect(off.reservedConcurrency == 0)
    }

    private func definition(_ name: String, reserved: Int? = nil) -> FunctionDefinition {
        var definition = FunctionDefinition(name: name, command: ["true"], file: name + ".json")
        definition.reservedConcurrency = reserved
        return definition
    }
}
