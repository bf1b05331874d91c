import SluiceJSON
import Testing

@testable import SluiceJSONata

/// The clock, the random source, and evaluation from many threads at once.
@Suite struct EnvironmentTests {
    @Test func nowAndMillisComeFromTheEnvironment() throws {
        let environment = JSONataEnvironment(now: 1_577_836_800_000)
        let e = try JSONataExpression("[$millis(), $now()]")
        #expect(
            try e.evaluate(input: nil, environment: environment) == [1_577_836_800_000, "2020-01-01T00:00:00.000Z"]
        )
    }

    @Test func randomComesFromTheEnvironment() throws {
        let environment = JSONataEnvironment(randomSource: { 0.25 })
        #expect(try JSONataExpression("$random()").evaluate(input: nil, environment: environment) == 0.25)
    }

    @Test func oneExpressionEvaluatesOnManyThreads() async throws {
        let e = try JSONataExpression("$sum($states.input.answers.($ * 2)) / $count($states.input.answers)")
        let states: JSONValue = ["input": ["answers": [1, 2, 3]]]
        let results = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    for _ in 0..<200 {
                        guard (try? e.evaluate(input: nil, bindings: ["states": .value(states)])) == 4 else {
                            return false
                        }
                    }
                    return true
                }
            }
            var all: [Bool] = []
            for await r in group { all.append(r) }
            return all
        }
        #expect(results.allSatisfy { $0 })
    }
}
