import SluiceJSON
import Testing

@testable import SluiceJSONata

/// Runaway expressions end in an error, never a crash.
@Suite struct LimitTests {
    @Test func infiniteRecursionHitsTheDepthLimit() throws {
        let e = try #require(jsonataError("($f := function($n){ 1 + $f($n + 1) }; $f(0))"))
        #expect(e.code == "U1001")
        #expect(e.message.hasPrefix("Stack overflow error"))
    }

    @Test func tailRecursionDoesNotGrowTheStack() throws {
        let r = try jsonata("($loop := function($n, $acc){ $n = 0 ? $acc : $loop($n - 1, $acc + 1) }; $loop(5000, 0))")
        #expect(r == 5000)
    }

    @Test func infiniteLoopHitsTheStepBudget() throws {
        let expression = try JSONataExpression("($loop := function($n){ $loop($n + 1) }; $loop(0))")
        #expect(throws: JSONataError.self) {
            try expression.evaluate(input: nil, environment: JSONataEnvironment(maxSteps: 100_000))
        }
    }

    @Test func catastrophicRegexEnds() throws {
        let text = String(repeating: "a", count: 40) + "b"
        _ = try jsonata("$contains($, /(a+)+c/)", .string(text))
    }
}
