import Foundation
import SluiceJSON
import SluiceTesting
import Testing

@testable import SluiceWorkers

/// Many invocations at once on a reserved persistent function: every one gets its own answer (requests and answers
/// are matched by requestId through the pool), and never more workers than the reservation.
struct ConcurrentInvocationTests {
    @Test("Many concurrent invocations of a reserved persistent function each get their own answer")
    func eachGetsItsAnswer() async throws {
        let f = try FunctionFixture()
        defer { f.remove() }
        try f.function(
            "echo",
            script: #"""
                #!/usr/bin/env python3
                import json, sys, time
                for line in sys.stdin:
                    r = json.loads(line)
                    time.sleep(0.002)
                    sys.stdout.write(json.dumps({"requestId": r["requestId"], "result": r["payload"]}) + "\n")
                    sys.stdout.flush()
                """#,
            #""Runtime": "persistent", "ReservedConcurrency": 2, "ProvisionedConcurrency": 2"#
        )
        let host = f.host(maxWorkers: 4)
        await host.start()
        let answers = await withTaskGroup(of: (Int, Result<JSONValue, FunctionError>?).self) { group in
            for i in 0..<300 {
                group.addTask { (i, await host.invoke("echo", payload: .int(i), requestId: "r\(i)")) }
            }
            var all: [Int: Result<JSONValue, FunctionError>?] = [:]
            for await (i, answer) in group { all[i] = answer }
            return all
        }
        var wrong: [String] = []
        for i in 0..<300 {
            switch answers[i] ?? nil {
            case .success(let v)?: if v != .int(i) { wrong.append("\(i): got \(v)") }
            case .failure(let e)?: wrong.append("\(i): \(e.errorType) \(e.errorMessage)")
            case nil: wrong.append("\(i): none")
            }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(5))")
        #expect(await host.workerPids("echo").count == 2)
        await host.shutdown()
    }
}
