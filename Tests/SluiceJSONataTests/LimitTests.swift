import Foundation
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

/// The stack budget holds on a small thread stack (the size Swift's secondary threads may have).
@Suite struct SmallStackTests {
    @Test func deepRecursionOnA512KBThreadEndsInAnError() async throws {
        let expression = try JSONataExpression("($f := function($n){ 1 + $f($n + 1) }; $f(0))")
        let code = await withCheckedContinuation { (continuation: CheckedContinuation<String?, Never>) in
            let thread = Thread {
                do {
                    _ = try expression.evaluate(input: nil)
                    continuation.resume(returning: nil)
                } catch {
                    continuation.resume(returning: (error as? JSONataError)?.code)
                }
            }
            thread.stackSize = 512 * 1024
            thread.start()
        }
        #expect(code == "U1001")
    }
}

extension SmallStackTests {
    @Test func longRegexMatchOnA512KBThreadDoesNotCrash() async throws {
        let expression = try JSONataExpression("$contains($, /(ab|c)*d/)")
        let text = JSONValue.string(String(repeating: "ab", count: 20000))
        let done = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let thread = Thread {
                _ = try? expression.evaluate(input: text)
                continuation.resume(returning: true)
            }
            thread.stackSize = 512 * 1024
            thread.start()
        }
        #expect(done)
    }
}
