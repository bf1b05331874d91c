import SluiceJSON
import Testing

@testable import SluiceWorkers

/// The persistent worker's decisions driven with plain values: no process, no pipes, no clock.
struct PersistentWorkerStateMachineTests {
    typealias Machine = PersistentWorker.StateMachine
    let start = ContinuousClock.now

    /// Answer lines as the worker's thread reads them.
    func bytes(_ lines: String...) -> [[UInt8]] { lines.map { Array($0.utf8) } }

    /// A machine serving request `id` (timeout 2 s) from `start`.
    func serving(_ id: String = "r1") -> Machine {
        var machine = Machine()
        _ = machine.doorbell(stopping: false, cancelled: false, next: (id, 2), now: start)
        return machine
    }

    @Test("Idle, the poll waits for ever; a queued request is sent and its deadline is its timeout from now")
    func sendsQueuedRequest() {
        var machine = Machine()
        #expect(machine.isIdle)
        #expect(machine.wait(now: start) == .milliseconds(-1))
        #expect(machine.doorbell(stopping: false, cancelled: false, next: ("r1", 2), now: start) == .send)
        #expect(!machine.isIdle)
        #expect(machine.inFlight?.id == "r1")
        #expect(machine.wait(now: start + .milliseconds(500)) == .milliseconds(1500))
    }

    @Test("A ring with nothing queued does nothing; a second request is not taken while one is in flight")
    func ringWithoutWork() {
        var idle = Machine()
        #expect(idle.doorbell(stopping: false, cancelled: false, next: nil, now: start) == .none)
        var busy = serving()
        #expect(busy.doorbell(stopping: false, cancelled: false, next: ("r2", 1), now: start) == .none)
        #expect(busy.inFlight?.id == "r1")
    }

    @Test("At the deadline the request times out with Sandbox.Timedout's error")
    func deadlinePassed() {
        let machine = serving()
        #expect(machine.wait(now: start + .seconds(2)) == .expired(.timedOut(requestId: "r1", seconds: 2)))
        #expect(machine.wait(now: start + .seconds(5)) == .expired(.timedOut(requestId: "r1", seconds: 2)))
    }

    @Test("An answer line for the request in flight is delivered and frees the worker; blank lines are skipped")
    func answerDelivered() {
        var machine = serving()
        let actions = machine.stdout(lines: bytes("", #"{"requestId":"r1","result":{"n":1}}"#), overflow: 0)
        #expect(actions == [.deliver(.success(["n": 1]))])
        #expect(machine.isIdle)
    }

    @Test("An error answer is delivered as the function's error")
    func errorAnswer() throws {
        var machine = serving()
        let line = #"{"requestId":"r1","errorType":"ValueError","errorMessage":"bad"}"#
        let actions = machine.stdout(lines: bytes(line), overflow: 0)
        guard case .deliver(.failure(let error)) = try #require(actions.first) else {
            Issue.record("expected a delivered failure, got \(actions)")
            return
        }
        #expect(error.errorType == "ValueError")
        #expect(error.requestId == "r1")
    }

    @Test("A line for another request, or any line while idle, stops the worker as an invalid response")
    func strayLines() {
        var machine = serving()
        let other = machine.stdout(lines: bytes(#"{"requestId":"r9","result":1}"#), overflow: 0)
        #expect(other == [.stop(.invalidResponse(requestId: "r1", text: #"{"requestId":"r9","result":1}"#))])
        var answered = serving()
        let twice = answered.stdout(
            lines: bytes(#"{"requestId":"r1","result":1}"#, #"{"requestId":"r1","result":2}"#),
            overflow: 0
        )
        #expect(
            twice == [
                .deliver(.success(1)),
                .stop(.invalidResponse(requestId: "", text: #"{"requestId":"r1","result":2}"#)),
            ]
        )
    }

    @Test("Output beyond the response limit stops the worker with Function.ResponseSizeTooLarge")
    func overflow() throws {
        var machine = serving()
        let actions = machine.stdout(lines: bytes(#"{"requestId":"r1","result":1}"#), overflow: 10)
        guard case .stop(let error?) = try #require(actions.first) else {
            Issue.record("expected a stop, got \(actions)")
            return
        }
        #expect(error.errorType == "Function.ResponseSizeTooLarge")
        #expect(error.requestId == "r1")
        #expect(!machine.isIdle)
    }

    @Test("Cancelling the request in flight stops the worker with Sandbox.Cancelled; a stop request stops it plainly")
    func cancelAndStop() throws {
        var machine = serving()
        let cancelled = machine.doorbell(stopping: true, cancelled: true, next: nil, now: start)
        guard case .stop(let error?) = cancelled else {
            Issue.record("expected a stop with an error, got \(cancelled)")
            return
        }
        #expect(error.errorType == "Sandbox.Cancelled")
        #expect(error.requestId == "r1")
        var idle = Machine()
        #expect(idle.doorbell(stopping: false, cancelled: true, next: nil, now: start) == .none)
        #expect(idle.doorbell(stopping: true, cancelled: false, next: ("r2", 1), now: start) == .stop(nil))
        #expect(idle.isIdle)
    }

    @Test("The process's own exit fails the request in flight with its status and last stderr lines")
    func processExited() {
        let machine = serving()
        let action = machine.exited(status: .exited(3), stderrTail: "boom")
        #expect(action == .exited(.exited(requestId: "r1", status: .exited(3), stderrTail: "boom")))
        #expect(
            Machine().exited(status: .signaled(9), stderrTail: "")
                == .exited(.exited(requestId: "", status: .signaled(9), stderrTail: ""))
        )
    }

    @Test("After a stop, the request in flight fails with the stop's error, or with the exit when there was none")
    func stopped() {
        let machine = serving()
        let timedOut = FunctionError.timedOut(requestId: "r1", seconds: 2)
        #expect(machine.stopped(failure: timedOut, status: .signaled(15), stderrTail: "") == timedOut)
        #expect(
            machine.stopped(failure: nil, status: .signaled(15), stderrTail: "t")
                == .exited(requestId: "r1", status: .signaled(15), stderrTail: "t")
        )
        #expect(Machine().stopped(failure: nil, status: .exited(0), stderrTail: "") == nil)
    }

    @Test("A request line is the envelope around the payload's compact JSON, whatever its request ID holds")
    func requestLine() throws {
        let row = JSONValue.object(JSONObject(compactJSON: Array(#"{"id":"1","name":"a\"b"}"#.utf8)))
        let payload: JSONValue = ["Items": .array(Array(repeating: row, count: 300)), "n": 1.5]
        let exact = PersistentWorker.requestLine(payload: payload, requestId: "r1", timeout: 60).count
        // The room guessed from the last line: none, too little, about right, far too much.
        for expectedCount in [0, 100, exact, 50 * exact] {
            for requestId in ["r1", String(repeating: "\u{1}", count: 40), "é\"\\"] {
                let line = PersistentWorker.requestLine(
                    payload: payload,
                    requestId: requestId,
                    timeout: 60,
                    expectedCount: expectedCount
                )
                #expect(line.last == 0x0A)
                #expect(line.capacity <= 2 * line.count + 4096)
                let parsed = try JSONParser.parse(bytes: Array(line.dropLast()))
                #expect(parsed == ["requestId": .string(requestId), "payload": payload, "deadlineMs": 60_000])
            }
        }
    }

    @Test("An answer with invalid UTF-8 in a string is read as its repaired text; a stray line's text is cut at 200")
    func answerBytes() {
        var machine = serving()
        let line: [UInt8] = Array(#"{"requestId":"r1","result":{"name":"a"#.utf8) + [0xFF] + Array(#"b"}}"#.utf8)
        #expect(machine.stdout(lines: [line], overflow: 0) == [.deliver(.success(["name": "a\u{FFFD}b"]))])
        var stray = serving()
        let long = [UInt8](repeating: UInt8(ascii: "x"), count: 5_000)
        #expect(
            stray.stdout(lines: [long], overflow: 0)
                == [.stop(.invalidResponse(requestId: "r1", text: String(repeating: "x", count: 200)))]
        )
    }

    @Test("Lines are split off the bytes read so far, CR LF or LF, the unfinished rest kept")
    func lineBytes() {
        var buffer = Array("one\r\ntwo\n\nthr".utf8)
        #expect(PipeIO.takeLineBytes(&buffer) == [Array("one".utf8), Array("two".utf8), []])
        #expect(buffer == Array("thr".utf8))
        buffer += Array("ee\n".utf8)
        #expect(PipeIO.takeLineBytes(&buffer) == [Array("three".utf8)])
        #expect(buffer.isEmpty)
        #expect(PipeIO.takeLineBytes(&buffer).isEmpty)
    }
}
