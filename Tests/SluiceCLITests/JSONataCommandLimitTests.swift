import ArgumentParser
import SluiceJSON
import Testing

@testable import SluiceCLI

/// `sluice jsonata` ends a runaway expression with exit status 1 and the error, never a crash.
struct JSONataCommandLimitTests {
    @Test(
        "Each runaway expression exits 1",
        arguments: [
            "($f := function($n){ 1 + $f($n + 1) }; $f(0))",
            "($loop := function($n){ $loop($n + 1) }; $loop(0))",
            #"( $s := function($x, $n){ $n = 0 ? $x : $s($x & $x, $n - 1) }; $length($s("ab", 40)) )"#,
            #"$length($pad("", 1000000000000))"#,
            "( $s := function($a, $n){ $n = 0 ? $a : $s($append($a, $a), $n - 1) }; $count($s([1], 40)) )",
        ]
    )
    func runawayExitsOne(_ expression: String) throws {
        var command = try JSONataCommand.parseAsRoot([expression])
        #expect(throws: ExitCode(1)) { try command.run() }
    }

    @Test("Batch mode answers a runaway case with its error code")
    func batchAnswer() {
        let line =
            #"{"id":"r","expr":"( $s := function($x, $n){ $n = 0 ? $x : $s($x & $x, $n - 1) }; $s(\"ab\", 40) )"}"#
        let answer = JSONataCommand.answer(line)
        #expect(answer["error"] == "U1002")
    }
}
