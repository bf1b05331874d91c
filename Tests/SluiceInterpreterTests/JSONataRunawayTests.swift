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

    /// The error's code in the cause, and the wall time taken.
    static func fail(_ expression: String) throws -> (error: String?, cause: String?, seconds: Double) {
        var h = Harness()
        let started = ContinuousClock.now
        let (outcome, _) = try h.run(try machine(expression))
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return (outcome.errorName, outcome.causeText, seconds)
    }

    @Test("Each runaway expression fails the state with States.QueryEvaluationError", arguments: runaways)
    func runawayFails(_ runaway: (expression: String, code: String)) throws {
        let (error, cause, seconds) = try Self.fail(runaway.expression)
        #expect(error == "States.QueryEvaluationError")
        #expect(cause?.contains("threw an error during evaluation. \(runaway.code): ") == true, "\(cause ?? "")")
        // The time limit is 2 s; a loaded debug build may take longer to get to the check, never minutes.
        #expect(seconds < 30)
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
