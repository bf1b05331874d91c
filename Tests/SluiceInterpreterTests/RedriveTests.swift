import SluiceASL
import SluiceInterpreter
import SluiceJSON
import SluiceVocabulary
import Testing

/// Runs an execution's effects synchronously: tasks answered by `task`, items read from `source`.
private struct Driver {
    var source: [JSONValue] = []
    var position = 0
    var invoked: [JSONValue] = []
    var task: (JSONValue) -> Result<JSONValue, StatesError>

    mutating func drive(_ e: inout Execution, _ first: [Effect]) -> ExecutionOutcome? {
        let t0 = Timestamp(epochMilliseconds: 0)
        var queue = first
        var pending: [TaskInvocation] = []
        for _ in 0..<100_000 {
            var next: [Effect] = []
            for effect in queue {
                switch effect {
                case .finished(let outcome): return outcome
                case .invoke(let i): pending.append(i)
                case .cancelInvocation(let token): pending.removeAll { $0.token == token }
                case .readItems(let request):
                    let end = min(source.count, position + request.count)
                    let chunk = Array(source[position..<end])
                    position = end
                    next += e.handle(.itemsRead(token: request.token, items: chunk, exhausted: chunk.isEmpty), at: t0)
                default: break
                }
            }
            if next.isEmpty, !pending.isEmpty {
                let i = pending.removeFirst()
                invoked.append(i.input)
                switch task(i.input) {
                case .success(let v): next = e.handle(.taskSucceeded(token: i.token, output: v), at: t0)
                case .failure(let err):
                    next = e.handle(.taskFailed(token: i.token, error: err.name, cause: err.cause), at: t0)
                }
            }
            if next.isEmpty, pending.isEmpty { return e.outcome }
            queue = next
        }
        return nil
    }
}

private func execution(_ text: String, input: JSONValue = [:]) throws -> Execution {
    guard case .success(let machine) = DefinitionDecoder.decode(text: text) else {
        throw StatesError("Test.InvalidDefinition")
    }
    return Execution(
        definition: machine,
        context: .make(stateMachineName: "m", executionName: "e", startTime: Timestamp(epochMilliseconds: 0)),
        input: input,
        seed: 5
    )
}

struct RedriveTests {
    @Test("A redriven execution restarts at the state that failed; states before it are not run again")
    func restartsAtFailedState() throws {
        var e = try execution(
            #"""
            {"StartAt":"Prepare","States":{
              "Prepare":{"Type":"Pass","Result":{"ready":true},"ResultPath":"$.prep","Next":"Call"},
              "Call":{"Type":"Task","Resource":"f","End":true}}}
            """#
        )
        var broken = Driver { _ in .failure(StatesError("Boom", cause: "not yet")) }
        #expect(broken.drive(&e, e.start()) == .failed(error: "Boom", cause: "not yet"))
        #expect(e.isRedrivable)
        let before = e.history.count
        var fixed = Driver { input in .success(input) }
        let outcome = fixed.drive(&e, e.handle(.redrive, at: Timestamp(epochMilliseconds: 1000)))
        #expect(outcome == .succeeded(["prep": ["ready": true]]))
        #expect(e.redriveCount == 1)
        #expect(fixed.invoked == [["prep": ["ready": true]]])
        let after = e.history[before...].map(\.type)
        #expect(after.first == "ExecutionRedriven")
        #expect(!after.contains("PassStateEntered"))
        #expect(after.contains("TaskStateEntered"))
        #expect(after.last == "ExecutionSucceeded")
        // Succeeded: nothing more to redrive.
        #expect(!e.isRedrivable)
        #expect(e.handle(.redrive, at: Timestamp(epochMilliseconds: 2000)).isEmpty)
    }

    @Test("A JSONata execution redriven at its failed Task keeps the variables its earlier states assigned")
    func jsonataRestartsAtFailedState() throws {
        var e = try execution(
            #"""
            {"QueryLanguage":"JSONata","StartAt":"Prepare","States":{
              "Prepare":{"Type":"Pass","Assign":{"ready":"{% $states.input.n * 2 %}"},"Next":"Call"},
              "Call":{"Type":"Task","Resource":"f","Arguments":{"ready":"{% $ready %}"},
                      "Output":{"got":"{% $states.result %}","redrives":"{% $states.context.Execution.RedriveCount %}"},
                      "End":true}}}
            """#,
            input: ["n": 21]
        )
        var broken = Driver { _ in .failure(StatesError("Boom", cause: "not yet")) }
        #expect(broken.drive(&e, e.start()) == .failed(error: "Boom", cause: "not yet"))
        var fixed = Driver { input in .success(input) }
        let outcome = fixed.drive(&e, e.handle(.redrive, at: Timestamp(epochMilliseconds: 1000)))
        #expect(outcome == .succeeded(["got": ["ready": 42], "redrives": 1]))
        #expect(fixed.invoked == [["ready": 42]])
    }

    @Test("Redriving a Distributed Map runs only the items that failed or never ran; the Map Run ARN stays")
    func mapRunsOnlyTheRest() throws {
        var e = try execution(
            #"""
            {"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":1,
              "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","Parameters":{"Bucket":"in","Key":"k"},"ReaderConfig":{"InputType":"JSONL"}},
              "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                "StartAt":"T","States":{"T":{"Type":"Task","Resource":"f","End":true}}},"End":true}}}
            """#
        )
        let items: [JSONValue] = (0..<10).map { .int($0) }
        // Item 4 fails: with no tolerated failures the run stops there (items 5-9 never ran).
        var broken = Driver(source: items) { input in
            input == 4 ? .failure(StatesError("Boom", cause: "four")) : .success(input)
        }
        guard case .failed(let error, _)? = broken.drive(&e, e.start()) else {
            Issue.record("the map run should fail")
            return
        }
        #expect(error == "States.ExceedToleratedFailureThreshold")
        #expect(broken.invoked == (0...4).map { .int($0) })
        let arn = e.history.first { $0.type == "MapRunStarted" }?.json["mapRunStartedEventDetails"]?["mapRunArn"]
        var fixed = Driver(source: items) { input in .success(input) }
        let outcome = fixed.drive(&e, e.handle(.redrive, at: Timestamp(epochMilliseconds: 1000)))
        #expect(outcome == .succeeded(.array(items)))
        #expect(fixed.invoked == (4...9).map { .int($0) })
        let redriven = e.history.first { $0.type == "MapRunRedriven" }
        #expect(redriven?.json["mapRunRedrivenEventDetails"]?["mapRunArn"] == arn)
    }
}
