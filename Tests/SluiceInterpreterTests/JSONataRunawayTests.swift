import Foundation
import SluiceASL
import SluiceInterpreter
import SluiceJSON
import Testing

/// Runaway JSONata expressions in a state end the execution with States.QueryEvaluationError within the
/// execution's limits (16 MiB strings, 2^20 items, 256 MiB built, 2 s), never a crash, on a 512 KB thread too.
struct JSONataRunawayTests {
    static let runaways: [(expression: String, code: String)] = [
        ("($f := function($n){ 1 + $f($n + 1) }; $f(0))", "U1001"),
        ("($loop := function($n){ $loop($n + 1) }; $loop(0))", "U1001"),
        (#"( $s := function($x, $n){ $n = 0 ? $x : $s($x & $x, $n - 1) }; $length($s("ab", 40)) )"#, "U1002"),
        (#"$length($pad("", 1000000000000))"#, "U1002"),
        ("$count([1..10000000])", "U1003"),
        ("( $s := function($a, $n){ $n = 0 ? $a : $s($append($a, $a), $n - 1) }; $count($s([1], 40)) )", "U1003"),
        ("($a := [1..2000]; $count($a.$a))", "U1003"),
        (#"$count([1..100].$pad("", 10000000))"#, "U1004"),
    ]

    static func machine(_ expression: String) throws -> String {
        let field = String(decoding: try JSONEncoder().encode("{% " + expression + " %}"), as: UTF8.self)
        return
            #"{"QueryLanguage":"JSONata","StartAt":"S","States":{"S":{"Type":"Pass","Output":\#(field),"End":true}}}"#
    }

    /// The error's code in the cause, and the CPU time this thread took (not the wall time: tests run side by
    /// side on a shared machine, and only the work done says whether the limits held).
    static func fail(_ expression: String) throws -> (error: String?, cause: String?, seconds: Double) {
        var h = Harness()
        let started = threadCPUSeconds()
        let (outcome, _) = try h.run(try machine(expression))
        return (outcome.errorName, outcome.causeText, threadCPUSeconds() - started)
    }

    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    @Test("Each runaway expression fails the state with States.QueryEvaluationError", arguments: runaways)
    func runawayFails(_ runaway: (expression: String, code: String)) throws {
        let (error, cause, seconds) = try Self.fail(runaway.expression)
        #expect(error == "States.QueryEvaluationError")
        #expect(cause?.contains("threw an error during evaluation. \(runaway.code): ") == true, "\(cause ?? "")")
        // The step limit is about 2 s of a release build's work; a debug build does the same steps more slowly,
        // never for minutes (ten times that under a sanitizer, `make sanitize`: ThreadSanitizer took 40 s).
        #expect(seconds < (ProcessInfo.processInfo.environment["SLUICE_SANITIZER"] == nil ? 30 : 300))
    }

    @Test("On a 512 KB thread, every runaway ends in the same error")
    func runawaysOnASmallStack() async throws {
        let machines = try Self.runaways.map { try Self.machine($0.expression) }
        let errors = await withCheckedContinuation { (continuation: CheckedContinuation<[String?], Never>) in
            let thread = Thread {
                var errors: [String?] = []
                for text in machines {
                    var h = Harness()
                    errors.append((try? h.run(text))?.0.errorName)
                }
                continuation.resume(returning: errors)
            }
            thread.stackSize = 512 * 1024
            thread.start()
        }
        #expect(errors == Array(repeating: "States.QueryEvaluationError", count: Self.runaways.count))
    }
}
