import Foundation
import SluiceJSON
import SluiceTesting
import Testing

@testable import SluiceWorkers

@Suite(.serialized)
struct FunctionHostTests {
    @Test("A process function gets the payload on stdin and its stdout is the result", .timeLimit(.minutes(1)))
    func processRoundTrip() async throws {
        let f = try FunctionFixture()
        defer { f.remove() }
        try f.function("echo", script: "#!/bin/sh\nread -r p; printf '{\"got\":%s}' \"$p\"\n")
        let host = f.host()
        let result = await host.invoke("echo", payload: ["n": 1], requestId: "r1")
        #expect(try result?.get() == ["got": ["n": 1]])
        #expect(await host.invoke("missing", payload: nil, requestId: "r2") == nil)
    }

    @Test("A failing process reports its errorType from stdout, else Runtime.ExitError with the stderr tail")
    func processErrors() async throws {
        let f = try FunctionFixture()
        defer { f.remove() }
        try f.function(
            "custom",
            script: "#!/bin/sh\necho '{\"errorType\":\"BadInput\",\"errorMessage\":\"no\"}'; exit 1\n"
        )
        try f.function("crash", script: "#!/bin/sh\necho 'something broke' >&2; exit 3\n")
        try f.function("garbage", script: "#!/bin/sh\necho 'not json at all'\n")
        let host = f.host()
        guard case .failure(let custom)? = await host.invoke("custom", payload: nil, requestId: "a") else {
            Issue.record("custom should fail")
            return
        }
        #expect(custom.errorType == "BadInput")
        #expect(custom.errorMessage == "no")
        guard case .failure(let crash)? = await host.invoke("crash", payload: nil, requestId: "b") else {
            Issue.record("crash should fail")
            return
        }
        #expect(crash.errorType == "Runtime.ExitError")
        #expect(crash.errorMessage.contains("exit status 3"))
        #expect(crash.errorMessage.contains("something broke"))
        guard case .failure(let garbage)? = await host.invoke("garbage", payload: nil, requestId: "c") else {
            Issue.record("garbage should fail")
            return
        }
        #expect(garbage.errorType == "Runtime.InvalidResponse")
    }

    @Test("A hanging worker is killed at its timeout together with the processes it started", .timeLimit(.minutes(1)))
    func timeoutKillsGroup() async throws {
        let f = try FunctionFixture()
        defer { f.remove() }
        let pids = f.file("pids")
        try f.function(
            "hang",
            script: "#!/bin/sh\nsleep 300 &\necho $$ $! > \(pids)\ntrap '' TERM\nwhile true; do sleep 1; done\n",
            #""Timeout": 1"#
        )
        let host = f.host()
        var started = ContinuousClock.now
        var outcome = await host.invoke("hang", payload: nil, requestId: "t")
        // On a stalled machine the second can pass before the shell has written its pids; then again.
        for attempt in 1..<10 where !FileManager.default.fileExists(atPath: pids) {
            started = ContinuousClock.now
            outcome = await host.invoke("hang", payload: nil, requestId: "t\(attempt)")
        }
        guard case .failure(let error)? = outcome else {
            Issue.record("hang should time out")
            return
        }
        #expect(error.errorType == "Sandbox.Timedout")
        #expect(error.errorMessage.contains("Task timed out after 1.00 seconds"))
        // The 1 s timeout, not the script's 300 s sleep: the error names the 1 s; the wall clock only bounds it
        // loosely, since the whole suite on two cores can delay the timer by seconds.
        #expect(ContinuousClock.now - started < .seconds(60))
        let written = try String(contentsOfFile: pids, encoding: .utf8).split(separator: " ").compactMap {
            Int32($0.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        #expect(written.count == 2)
        try await eventually("the worker's processes gone", within: .seconds(30)) { written.allSatisfy(processIsGone) }
        for pid in written { #expect(processIsGone(pid), "process \(pid) outlived the timeout") }
    }

    @Test("ReservedConcurrency is never exceeded; invocations beyond it wait and all complete", .timeLimit(.minutes(1)))
    func reservedConcurrency() async throws {
        let f = try FunctionFixture()
        defer { f.remove() }
        let log = f.file("log")
        try f.function(
            "slow",
            script:
                "#!/bin/sh\necho \"start $$ $(date +%s%N)\" >> \(log)\nsleep 0.2\necho \"end $$ $(date +%s%N)\" >> \(log)\necho '{}'\n",
            #""ReservedConcurrency": 2"#
        )
        let host = f.host(maxWorkers: 8)
        await withTaskGroup(of: Void.self) { group in
            for i in 0..<8 {
                group.addTask { _ = await host.invoke("slow", payload: nil, requestId: "r\(i)") }
            }
        }
        let events = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map {
            $0.split(separator: " ")
        }
        #expect(events.count == 16)
        var running = 0
        var peak = 0
        for event in events.sorted(by: { Int($0[2])! < Int($1[2])! }) {
            running += event[0] == "start" ? 1 : -1
            peak = max(peak, running)
        }
        #expect(peak <= 2)
        #expect(peak == 2)
    }

    @Test("Provisioned workers are running before the first invocation and are reused warm")
    func provisioned() async throws {
        let f = try FunctionFixture()
        defer { f.remove() }
        try f.function(
            "warm",
            script: """
                #!/bin/sh
                while read -r line; do
                  id=$(printf '%s' "$line" | sed 's/.*"requestId":"\\([^"]*\\)".*/\\1/')
                  printf '{"requestId":"%s","result":%s}\\n' "$id" "$$"
                done
                """,
            #""Runtime": "persistent", "ProvisionedConcurrency": 2, "ReservedConcurrency": 2"#
        )
        let host = f.host()
        await host.start()
        let pids = await host.workerPids("warm")
        #expect(pids.count == 2)
        for pid in pids { #expect(!processIsGone(pid)) }
        var served: Set<Int> = []
        for i in 0..<6 {
            if case .success(let v)? = await host.invoke("warm", payload: nil, requestId: "w\(i)"), let pid = v.intValue
            {
                served.insert(pid)
            }
        }
        #expect(served.isSubset(of: Set(pids.map(Int.init))))
        #expect(await host.workerPids("warm").count == 2)
        await host.shutdown()
        try await eventually("the workers gone", within: .seconds(30)) { pids.allSatisfy(processIsGone) }
        for pid in pids { #expect(processIsGone(pid)) }
    }

    @Test("A crashing persistent worker fails its invocation and is replaced; garbage replaces it too")
    func persistentCrashAndGarbage() async throws {
        let f = try FunctionFixture()
        defer { f.remove() }
        try f.function(
            "fragile",
            script: """
                #!/bin/sh
                while read -r line; do
                  id=$(printf '%s' "$line" | sed 's/.*"requestId":"\\([^"]*\\)".*/\\1/')
                  case "$line" in
                    *crash*) echo "dying" >&2; exit 7 ;;
                    *garbage*) echo "this is not a response" ;;
                    *) printf '{"requestId":"%s","result":"ok"}\\n' "$id" ;;
                  esac
                done
                """,
            #""Runtime": "persistent""#
        )
        let host = f.host()
        #expect(try await host.invoke("fragile", payload: "hello", requestId: "1")?.get() == "ok")
        guard case .failure(let crash)? = await host.invoke("fragile", payload: "crash", requestId: "2") else {
            Issue.record("crash should fail")
            return
        }
        #expect(crash.errorType == "Runtime.ExitError")
        #expect(crash.requestId == "2")
        #expect(crash.errorMessage.contains("exit status 7"))
        #expect(try await host.invoke("fragile", payload: "hello", requestId: "3")?.get() == "ok")
        guard case .failure(let garbage)? = await host.invoke("fragile", payload: "garbage", requestId: "4") else {
            Issue.record("garbage should fail")
            return
        }
        #expect(garbage.errorType == "Runtime.InvalidResponse")
        #expect(try await host.invoke("fragile", payload: "hello", requestId: "5")?.get() == "ok")
        #expect(await host.workerPids("fragile").count == 3)
        await host.shutdown()
    }

    @Test("Workers get a clean environment plus the function's Environment")
    func cleanEnvironment() async throws {
        setenv("SLUICE_TEST_LEAK", "secret", 1)
        let f = try FunctionFixture()
        defer { f.remove() }
        try f.function(
            "env",
            script:
                "#!/bin/sh\nprintf '{\"leak\":\"%s\",\"mine\":\"%s\",\"name\":\"%s\"}' \"$SLUICE_TEST_LEAK\" \"$MINE\" \"$AWS_LAMBDA_FUNCTION_NAME\"\n",
            #""Environment": {"MINE": "yes"}"#
        )
        let result = try await f.host().invoke("env", payload: nil, requestId: "e")?.get()
        #expect(result == ["leak": "", "mine": "yes", "name": "env"])
    }

    @Test("MemoryLimitMiB is enforced: a worker that allocates past it fails")
    func memoryLimit() async throws {
        let f = try FunctionFixture()
        defer { f.remove() }
        try f.function(
            "hungry",
            script:
                "#!/usr/bin/env python3\nimport sys\nsys.stdin.read()\nx = bytearray(400 * 1024 * 1024)\nprint('{}')\n",
            #""MemoryLimitMiB": 128"#
        )
        guard case .failure(let error)? = await f.host().invoke("hungry", payload: nil, requestId: "m") else {
            Issue.record("the allocation should fail")
            return
        }
        #expect(error.errorType == "Runtime.ExitError")
        #expect(error.errorMessage.contains("MemoryError"))
    }

    @Test("No zombies after a thousand invocations", .timeLimit(.minutes(5)))
    func noZombies() async throws {
        let f = try FunctionFixture()
        defer { f.remove() }
        try f.function("cat", script: "#!/bin/sh\nexec cat\n", #""ReservedConcurrency": 4"#)
        let host = f.host()
        var failures = 0
        await withTaskGroup(of: Bool.self) { group in
            for i in 0..<1000 {
                group.addTask {
                    if case .success? = await host.invoke("cat", payload: .int(i), requestId: "z\(i)") { return true }
                    return false
                }
            }
            for await ok in group where !ok { failures += 1 }
        }
        #expect(failures == 0)
        // Tests in other suites run beside this one and start processes of their own (Foundation reaps those a
        // moment after they end): a zombie that stays is one the host never reaped; a passing one is not.
        var lasting = zombieChildren()
        for _ in 0..<40 where !lasting.isEmpty {
            try await Task.sleep(for: .milliseconds(50))
            lasting = lasting.filter(zombieChildren().contains)
        }
        #expect(lasting.isEmpty)
    }

    @Test("Function files are checked at load: every problem names the file and field; the others load")
    func loadProblems() throws {
        let f = try FunctionFixture()
        defer { f.remove() }
        try #"{"Command": ["./nope.sh"]}"#.write(toFile: f.file("missing.json"), atomically: true, encoding: .utf8)
        try "#!/bin/sh\n".write(toFile: f.file("plain.sh"), atomically: true, encoding: .utf8)
        try #"{"Command": ["./plain.sh"]}"#.write(toFile: f.file("notexec.json"), atomically: true, encoding: .utf8)
        try #"{"Command": ["/bin/cat"], "Timeout": 0, "Colour": "red", "ReservedConcurrency": -1}"#.write(
            toFile: f.file("bad.json"),
            atomically: true,
            encoding: .utf8
        )
        try "{not json".write(toFile: f.file("broken.json"), atomically: true, encoding: .utf8)
        try f.function("good", script: "#!/bin/sh\ncat\n")
        let host = f.host()
        #expect(Array(host.definitions.keys) == ["good"])
        let problems = host.problems.map { "\(($0.file as NSString).lastPathComponent) \($0.field)" }
        #expect(problems.contains("missing.json Command[0]"))
        #expect(problems.contains("notexec.json Command[0]"))
        #expect(problems.contains("bad.json Timeout"))
        #expect(problems.contains("bad.json Colour"))
        #expect(problems.contains("bad.json ReservedConcurrency"))
        #expect(problems.contains("broken.json "))
    }
}

@Suite(.serialized)
struct FunctionReapingTests {
    @Test("Workers started on demand are reaped when idle; provisioned ones stay")
    func reaping() async throws {
        let f = try FunctionFixture()
        defer { f.remove() }
        try f.function(
            "busy",
            script: """
                #!/bin/sh
                while read -r line; do
                  id=$(printf '%s' "$line" | sed 's/.*"requestId":"\\([^"]*\\)".*/\\1/')
                  sleep 0.2
                  printf '{"requestId":"%s","result":null}\\n' "$id"
                done
                """,
            #""Runtime": "persistent", "ProvisionedConcurrency": 1"#
        )
        let host = f.host()
        await host.start()
        await withTaskGroup(of: Void.self) { group in
            for i in 0..<3 { group.addTask { _ = await host.invoke("busy", payload: nil, requestId: "b\(i)") } }
        }
        let pids = await host.workerPids("busy")
        #expect(pids.count == 3)
        #expect(await host.workerCounts("busy").idle == 3)
        await host.reapIdle(idleTime: .zero)
        #expect(await host.workerCounts("busy").idle == 1)
        // The two reaped are gone; then the provisioned one is still there.
        try await eventually("the idle workers gone", within: .seconds(30)) {
            pids.filter { !processIsGone($0) }.count <= 1
        }
        #expect(pids.filter { !processIsGone($0) }.count == 1)
        await host.shutdown()
    }
}
