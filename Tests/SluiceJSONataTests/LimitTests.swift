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

    /// Found fuzzing (Fuzz/crashes/jsonata/date-picture-*): grouping separators were inserted one at a time, each
    /// copying the text, so a date picture with 12,000 of them took a minute. They go in in one pass now.
    @Test(arguments: ["0001", "#0001"])
    func manyGroupingSeparatorsFormatInLinearTime(digits: String) throws {
        let separators = String(repeating: "(", count: 20_000)
        let clock = ContinuousClock()
        let start = clock.now
        let result = try jsonata("$fromMillis(1230755700000, '[Y\(separators)\(digits)]')")
        // Linear takes milliseconds; the bound leaves room for a stalled machine, not for a minute's quadratic copy.
        #expect(clock.now - start < .seconds(30))
        #expect(result?.stringValue != nil)
    }

    /// Found fuzzing (Fuzz/crashes/jsonata/date-picture-*): a negative maximum width (`,*--3`) trapped in
    /// prefix, a width past Int's range trapped converting it, and `,100000000` padded with a String a digit
    /// (gigabytes). A negative width keeps nothing, as JavaScript's substring does; the others are errors.
    @Test func hostileDatePictureWidths() throws {
        #expect(try jsonata("$fromMillis(0, '[FNn,*--3]')") == .string(""))
        _ = try jsonata(
            "$toMillis('Mon, Twelfth November 2018', '[FNn,*--3], [DWwo] [MNn] [Y]') ~> $fromMillis()"
        )
        _ = try? jsonata("$fromMillis(0, '[H,*--99999999999999999999]')")
        let error = try #require(jsonataError("$fromMillis(0, '[H,100000000]')"))
        #expect(error.code == "RangeError")
    }

    /// Found while writing the JSONata fuzz target (Fuzz/crashes/jsonata/regex-backtracking-per-call-budget, a
    /// libFuzzer timeout): each search stopped at its own budget, but a loop of them was unbounded (20 searches of
    /// 2,000,000 steps ran for minutes). The searches' steps now count against the evaluation's, so the loop ends
    /// in the step budget's timeout.
    @Test func catastrophicRegexInALoopHitsTheStepBudget() throws {
        let text = String(repeating: "a", count: 40) + "b"
        let expression = try JSONataExpression("[1..20].$contains($$, /(a+)+c/)")
        let error = #expect(throws: JSONataError.self) {
            try expression.evaluate(input: .string(text), environment: JSONataEnvironment(maxSteps: 100_000))
        }
        #expect(error?.code == "U1001")
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

/// The memory limits: strings, arrays and the allocation budget, each ending in its own error.
@Suite struct MemoryLimitTests {
    func failure(_ text: String, _ environment: JSONataEnvironment = JSONataEnvironment()) throws -> JSONataError {
        let expression = try JSONataExpression(text)
        do {
            _ = try expression.evaluate(input: nil, environment: environment)
        } catch {
            return error
        }
        Issue.record("\(text) did not fail")
        return JSONataError(code: "", message: "")
    }

    @Test func aStringDoubledWithoutEndStopsAtTheStringLimit() throws {
        var environment = JSONataEnvironment()
        environment.maxStringLength = 1 << 20
        let e = try failure(
            #"( $s := function($x, $n){ $n = 0 ? $x : $s($x & $x, $n - 1) }; $s("ab", 40) )"#,
            environment
        )
        #expect(e.code == "U1002")
        #expect(e.message.hasPrefix("Invalid string length"))
    }

    @Test func paddingIsCheckedBeforeItIsBuilt() throws {
        #expect(try failure(#"$pad("", 1000000000000)"#).code == "U1002")
    }

    @Test func aRangeOrAppendPastTheArrayLimitFails() throws {
        var environment = JSONataEnvironment()
        environment.maxArrayLength = 1000
        #expect(try failure("[1..1001]", environment).code == "U1003")
        #expect(try failure("[1..600] ~> $append([1..600])", environment).code == "U1003")
        #expect(try failure("($a := [1..100]; $a.$a)", environment).code == "U1003")
        #expect(try failure("($a := [1..600]; [$a, $a])", environment).code == "U1003")
        #expect(try jsonata("$count([1..1000])") == 1000)
    }

    @Test func manyValuesEachUnderTheLimitsExhaustTheBudget() throws {
        var environment = JSONataEnvironment()
        environment.maxAllocation = 1 << 20
        let e = try failure(#"[1..10000].$pad("", 1000)"#, environment)
        #expect(e.code == "U1004")
    }

    @Test func theTimeLimitEndsALoop() throws {
        var environment = JSONataEnvironment()
        environment.maxSteps = .max
        let deadline = ContinuousClock.now + .milliseconds(200)
        environment.outOfTime = { ContinuousClock.now > deadline }
        let started = ContinuousClock.now
        let e = try failure("($loop := function($n){ $loop($n + 1) }; $loop(0))", environment)
        #expect(e.code == "U1001")
        #expect(e.message.hasPrefix("Expression evaluation timeout"))
        #expect(ContinuousClock.now - started < .seconds(60))
    }
}
