import SluiceASL
import SluiceInterpreter
import SluiceJSON
import SluiceVocabulary
import Testing

struct ExecutionTests {
    @Test("Pass with Result and a nested ResultPath creates the missing objects")
    func passResultPath() throws {
        var h = Harness()
        let (outcome, _) = try h.run(
            #"{"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"x":1},"ResultPath":"$.a.b","End":true}}}"#,
            input: ["keep": true]
        )
        #expect(outcome.output == ["keep": true, "a": ["b": ["x": 1]]])
    }

    @Test("InputPath, Parameters with the context object, and OutputPath")
    func pipeline() throws {
        var h = Harness()
        let (outcome, _) = try h.run(
            #"""
            {"StartAt":"P","States":{"P":{"Type":"Pass","InputPath":"$.in",
              "Parameters":{"v.$":"$.value","state.$":"$$.State.Name","const":[1,2]},
              "ResultPath":"$.out","OutputPath":"$.out","End":true}}}
            """#,
            input: ["in": ["value": "x"]]
        )
        #expect(outcome.output == ["v": "x", "state": "P", "const": [1, 2]])
    }

    @Test("ResultPath null passes the input through")
    func resultPathNull() throws {
        var h = Harness()
        let (outcome, _) = try h.run(
            #"{"StartAt":"P","States":{"P":{"Type":"Pass","Result":1,"ResultPath":null,"End":true}}}"#,
            input: ["a": 1]
        )
        #expect(outcome.output == ["a": 1])
    }

    @Test("A path that matches nothing fails with States.Runtime and AWS's cause text")
    func missingPath() throws {
        var h = Harness()
        let (outcome, _) = try h.run(
            #"{"StartAt":"pass","States":{"pass":{"Type":"Pass","InputPath":"$.nope","End":true}}}"#
        )
        #expect(outcome.errorName == "States.Runtime")
        #expect(
            outcome.causeText
                == "An error occurred while executing the state 'pass' (entered at the event id #2). Invalid path '$.nope' : No results for path: $['nope']"
        )
    }

    @Test("Task results flow through ResultSelector and ResultPath")
    func taskResult() throws {
        var h = Harness()
        let (outcome, _) = try h.run(
            #"""
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:f",
              "Parameters":{"n.$":"$.n"},"ResultSelector":{"doubled.$":"$.value"},"ResultPath":"$.r","End":true}}}
            """#,
            input: ["n": 2]
        ) { invocation, _ in .success(["value": .int((invocation.input["n"]?.intValue ?? 0) * 2)]) }
        #expect(outcome.output == ["n": 2, "r": ["doubled": 4]])
        #expect(h.invocations.first?.input == ["n": 2])
    }

    @Test("Retry backs off by IntervalSeconds × BackoffRate^attempt, then succeeds")
    func retryBackoff() throws {
        var h = Harness()
        let (outcome, _) = try h.run(
            #"""
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"f","End":true,
              "Retry":[{"ErrorEquals":["Boom"],"IntervalSeconds":2,"BackoffRate":3,"MaxAttempts":3}]}}}
            """#
        ) { _, attempt in attempt < 2 ? .failure(StatesError("Boom")) : .success("ok") }
        #expect(outcome.output == "ok")
        #expect(h.timers.map(\.at) == [2, 8])
    }

    @Test("MaxAttempts 0 never retries; Catch takes over with the error output")
    func catchAfterNoRetry() throws {
        var h = Harness()
        let (outcome, _) = try h.run(
            #"""
            {"StartAt":"T","States":{
              "T":{"Type":"Task","Resource":"f","Next":"Done",
                "Retry":[{"ErrorEquals":["States.ALL"],"MaxAttempts":0}],
                "Catch":[{"ErrorEquals":["Custom"],"ResultPath":"$.err","Next":"Caught"}]},
              "Caught":{"Type":"Pass","End":true},"Done":{"Type":"Succeed"}}}
            """#,
            input: ["a": 1]
        ) { _, _ in .failure(StatesError("Custom", cause: "why")) }
        #expect(outcome.output == ["a": 1, "err": ["Error": "Custom", "Cause": "why"]])
        #expect(h.invocations.count == 1)
    }

    @Test("States.Runtime is never caught, even by States.ALL")
    func runtimeNotCaught() throws {
        var h = Harness()
        let (outcome, _) = try h.run(
            #"""
            {"StartAt":"T","States":{
              "T":{"Type":"Task","Resource":"f","OutputPath":"$.missing","End":true,
                "Catch":[{"ErrorEquals":["States.ALL"],"Next":"C"}]},
              "C":{"Type":"Succeed"}}}
            """#
        ) { _, _ in .success([:]) }
        #expect(outcome.errorName == "States.Runtime")
    }

    @Test("A Task's TimeoutSeconds fails it with States.Timeout")
    func taskTimeout() throws {
        let machine = try Harness.definition(
            #"{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"f","TimeoutSeconds":5,"End":true}}}"#
        )
        let start = Timestamp(epochMilliseconds: 0)
        var e = Execution(
            definition: machine,
            context: .make(stateMachineName: "m", executionName: "e", startTime: start),
            input: [:],
            seed: 1
        )
        let effects = e.start()
        guard
            case .startTimer(let token, let at)? = effects.first(where: {
                if case .startTimer = $0 { true } else { false }
            })
        else {
            Issue.record("no timeout timer in \(effects)")
            return
        }
        #expect(at == start.adding(seconds: 5))
        let after = e.handle(.timerFired(token: token), at: at)
        #expect(after.contains { if case .cancelInvocation = $0 { true } else { false } })
        #expect(e.outcome?.errorName == "States.Timeout")
    }

    @Test("Wait emits a timer and continues when it fires")
    func waitSeconds() throws {
        var h = Harness()
        let (outcome, _) = try h.run(
            #"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"Next":"D"},"D":{"Type":"Pass","End":true}}}"#,
            input: ["x": 1]
        )
        #expect(outcome.output == ["x": 1])
        #expect(h.timers.map(\.at) == [10])
    }

    @Test("Parallel returns branch outputs in branch order")
    func parallel() throws {
        var h = Harness()
        let (outcome, _) = try h.run(
            #"""
            {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"a","End":true}}},
              {"StartAt":"B","States":{"B":{"Type":"Pass","Result":"b","End":true}}}]}}}
            """#
        ) { _, _ in .success("a") }
        #expect(outcome.output == ["a", "b"])
    }

    @Test("A failing branch fails the Parallel state with the branch's error")
    func parallelFailure() throws {
        var h = Harness()
        let (outcome, _) = try h.run(
            #"""
            {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"A","States":{"A":{"Type":"Fail","Error":"E","Cause":"C"}}},
              {"StartAt":"B","States":{"B":{"Type":"Task","Resource":"b","End":true}}}]}}}
            """#
        )
        #expect(outcome.errorName == "E")
        #expect(outcome.causeText == "C")
    }

    @Test("Inline Map with ItemSelector and MaxConcurrency keeps item order")
    func inlineMap() throws {
        var h = Harness()
        let (outcome, _) = try h.run(
            #"""
            {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":1,
              "ItemSelector":{"i.$":"$$.Map.Item.Index","v.$":"$$.Map.Item.Value"},
              "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}
            """#,
            input: ["items": ["a", "b"]]
        )
        #expect(outcome.output == [["i": 0, "v": "a"], ["i": 1, "v": "b"]])
    }

    @Test("Choice picks the first matching rule, else Default, else States.NoChoiceMatched")
    func choice() throws {
        let text = #"""
            {"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[
              {"Variable":"$.n","NumericGreaterThan":1,"Next":"Big"}]},
              "Big":{"Type":"Pass","Result":"big","End":true}}}
            """#
        var h = Harness()
        #expect(try h.run(text, input: ["n": 5]).0.output == "big")
        #expect(try h.run(text, input: ["n": 0]).0.errorName == "States.NoChoiceMatched")
    }

    @Test("Assign sets variables that later states read; the state's own output sees the old values")
    func variables() throws {
        var h = Harness()
        let (outcome, _) = try h.run(
            #"""
            {"StartAt":"A","States":{
              "A":{"Type":"Pass","Result":{"q":"what"},"Assign":{"question.$":"$.q","answer":42},"Next":"B"},
              "B":{"Type":"Pass","InputPath":"$answer","ResultPath":"$.x","OutputPath":"$answer",
                   "Assign":{"answer":0},"End":true}}}
            """#
        )
        #expect(outcome.output == 42)
    }

    @Test("Fail with ErrorPath and CausePath")
    func failPaths() throws {
        var h = Harness()
        let (outcome, _) = try h.run(
            #"{"StartAt":"F","States":{"F":{"Type":"Fail","ErrorPath":"$.e","CausePath":"$.c"}}}"#,
            input: ["e": "MyError", "c": "because"]
        )
        #expect(outcome.errorName == "MyError")
        #expect(outcome.causeText == "because")
    }

    @Test("An execution saved mid-task resumes to the same result")
    func resumeFromCopy() throws {
        let machine = try Harness.definition(
            #"{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"f","ResultPath":"$.r","End":true}}}"#
        )
        let t0 = Timestamp(epochMilliseconds: 0)
        var e = Execution(
            definition: machine,
            context: .make(stateMachineName: "m", executionName: "e", startTime: t0),
            input: ["a": 1],
            seed: 7
        )
        let effects = e.start()
        guard case .invoke(let invocation)? = effects.first else {
            Issue.record("expected an invoke, got \(effects)")
            return
        }
        var saved = e  // what a store would persist
        _ = saved.handle(.taskSucceeded(token: invocation.token, output: "done"), at: t0)
        #expect(saved.outcome?.output == ["a": 1, "r": "done"])
        #expect(
            saved.history.map(\.type) == [
                "ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded",
                "TaskStateExited",
                "ExecutionSucceeded",
            ]
        )
    }

    @Test("A Choice loop with no way out ends at the history limit instead of hanging")
    func endlessLoop() throws {
        let machine = try Harness.definition(
            #"""
            {"StartAt":"A","States":{"A":{"Type":"Pass","Next":"C"},
             "C":{"Type":"Choice","Choices":[{"Variable":"$.stop","IsPresent":true,"Next":"D"}],"Default":"A"},
             "D":{"Type":"Succeed"}}}
            """#
        )
        var e = Execution(
            definition: machine,
            context: .make(stateMachineName: "m", executionName: "e", startTime: Timestamp(epochMilliseconds: 0)),
            input: [:],
            seed: 1
        )
        e.maximumHistoryEvents = 1000
        _ = e.start()
        #expect(e.outcome?.errorName == "States.Runtime")
    }
}

struct ExecutionPathFieldTests {
    @Test("MaxConcurrencyPath and ToleratedFailure paths accept numbers written as strings, as AWS does")
    func numericStrings() throws {
        var h = Harness()
        let (outcome, _) = try h.run(
            #"""
            {"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrencyPath":"$.mc","ToleratedFailureCountPath":"$.tc",
              "ToleratedFailurePercentagePath":"$.tp","ItemsPath":"$.items",
              "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                "StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}
            """#,
            input: ["mc": "1", "tc": "1", "tp": "1.5", "items": [1, 2]]
        )
        #expect(outcome.output == [1, 2])
        var bad = Harness()
        let (failed, _) = try bad.run(
            #"""
            {"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrencyPath":"$.mc",
              "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}
            """#,
            input: ["mc": "NoNumber"]
        )
        #expect(failed.errorName == "States.Runtime")
    }

    @Test("A missing TimeoutSecondsPath is reported like any path that matches nothing")
    func missingTimeoutPath() throws {
        var h = Harness()
        let (outcome, _) = try h.run(
            #"{"StartAt":"task","States":{"task":{"Type":"Task","Resource":"f","TimeoutSecondsPath":"$.nope","End":true}}}"#
        )
        #expect(
            outcome.causeText
                == "An error occurred while executing the state 'task' (entered at the event id #2). Invalid path '$.nope' : No results for path: $['nope']"
        )
    }
}
