import SluiceASL
import SluiceInterpreter
import SluiceJSON
import SluiceVocabulary
import Testing

/// The examples of AWS's Step Functions developer guide, run as written there.
struct AWSDocumentationExampleTests {
    @Test("InputPath selects part of the input (\"Manipulating parameters\" example)")
    func inputPath() throws {
        var h = Harness()
        let input = try JSONParser.parse(
            #"{"comment":"Example for InputPath.","dataset1":{"val1":1,"val2":2,"val3":3},"dataset2":{"val1":"a","val2":"b","val3":"c"}}"#
        )
        let (outcome, _) = try h.run(
            #"{"StartAt":"S","States":{"S":{"Type":"Pass","InputPath":"$.dataset2","End":true}}}"#,
            input: input
        )
        #expect(outcome.output == ["val1": "a", "val2": "b", "val3": "c"])
    }

    @Test("ResultSelector and ResultPath keep the input and add the selected result")
    func resultSelectorAndResultPath() throws {
        var h = Harness()
        let (outcome, _) = try h.run(
            #"""
            {"StartAt":"S","States":{"S":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
              "ResultSelector":{"ClusterId.$":"$.output.ClusterId","ResourceType.$":"$.resourceType"},
              "ResultPath":"$.EMROutput","End":true}}}
            """#,
            input: ["comment": "keep me"]
        ) { _, _ in
            .success(["resourceType": "elasticmapreduce", "output": ["ClusterId": "AKIAIOSFODNN7EXAMPLE", "Other": 1]])
        }
        #expect(
            outcome.output
                == [
                    "comment": "keep me",
                    "EMROutput": ["ClusterId": "AKIAIOSFODNN7EXAMPLE", "ResourceType": "elasticmapreduce"],
                ]
        )
    }

    @Test("Catch with ResultPath keeps the input and adds the error (\"Handling error conditions\" example)")
    func catchResultPath() throws {
        var h = Harness()
        let (outcome, _) = try h.run(
            #"""
            {"StartAt":"HelloWorld","States":{
              "HelloWorld":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:FailFunction",
                "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error-info","Next":"Fallback"}],"End":true},
              "Fallback":{"Type":"Pass","End":true}}}
            """#,
            input: ["foo": "bar"]
        ) { _, _ in .failure(StatesError("CustomError", cause: "This is a custom error!")) }
        #expect(
            outcome.output == [
                "foo": "bar", "error-info": ["Error": "CustomError", "Cause": "This is a custom error!"],
            ]
        )
    }

    @Test("Map with ItemsPath and ItemSelector over shipped items (Map state example)")
    func mapItemSelector() throws {
        var h = Harness()
        let input = try JSONParser.parse(
            #"{"ship-date":"2016-03-14T01:59:00Z","detail":{"delivery-partner":"UQS","shipped":[{"prod":"R31","dest-code":9511,"quantity":1344},{"prod":"S39","dest-code":9511,"quantity":40}]}}"#
        )
        let (outcome, _) = try h.run(
            #"""
            {"StartAt":"Validate-All","States":{"Validate-All":{"Type":"Map","InputPath":"$.detail","ItemsPath":"$.shipped",
              "MaxConcurrency":0,
              "ItemSelector":{"parcel.$":"$$.Map.Item.Value","courier.$":"$.delivery-partner"},
              "ItemProcessor":{"StartAt":"Validate","States":{"Validate":{"Type":"Pass","End":true}}},
              "ResultPath":"$.detail.shipped","End":true}}}
            """#,
            input: input
        )
        let shipped = outcome.output?["detail"]?["shipped"]?.arrayValue
        #expect(shipped?.count == 2)
        #expect(shipped?.first == ["parcel": ["prod": "R31", "dest-code": 9511, "quantity": 1344], "courier": "UQS"])
    }

    @Test("Wait until a timestamp in the past continues at once")
    func waitTimestampPast() throws {
        var h = Harness()
        let (outcome, _) = try h.run(
            #"{"StartAt":"W","States":{"W":{"Type":"Wait","Timestamp":"2016-03-14T01:59:00Z","End":true}}}"#,
            input: ["a": 1]
        )
        #expect(outcome.output == ["a": 1])
        #expect(h.timers.isEmpty)
    }

    @Test("Retry with MaxDelaySeconds caps the back-off; JitterStrategy FULL stays within it")
    func retryCapAndJitter() throws {
        var h = Harness()
        _ = try h.run(
            #"""
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"f","End":true,
              "Retry":[{"ErrorEquals":["States.TaskFailed"],"IntervalSeconds":3,"BackoffRate":10,"MaxAttempts":4,
                        "MaxDelaySeconds":20}]}}}
            """#
        ) { _, attempt in attempt < 4 ? .failure(StatesError("Oops")) : .success(1) }
        let gaps = zip(h.timers.map(\.at), [0] + h.timers.map(\.at)).map { $0 - $1 }
        #expect(gaps == [3, 20, 20, 20])

        var j = Harness()
        _ = try j.run(
            #"""
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"f","End":true,
              "Retry":[{"ErrorEquals":["States.ALL"],"IntervalSeconds":8,"MaxAttempts":3,"JitterStrategy":"FULL"}]}}}
            """#
        ) { _, attempt in attempt < 3 ? .failure(StatesError("Oops")) : .success(1) }
        let jittered = zip(j.timers.map(\.at), [0] + j.timers.map(\.at)).map { $0 - $1 }
        #expect(jittered.count == 3)
        #expect(zip(jittered, [8.0, 16, 32]).allSatisfy { $0 >= 0 && $0 <= $1 })
    }

    @Test("A task result over 256 KiB fails with States.DataLimitExceeded, which States.ALL does not catch")
    func dataLimit() throws {
        var h = Harness()
        let big = JSONValue.string(String(repeating: "x", count: 262_145))
        let (outcome, _) = try h.run(
            #"""
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"f","End":true,
              "Catch":[{"ErrorEquals":["States.ALL"],"Next":"C"}]},"C":{"Type":"Succeed"}}}
            """#
        ) { _, _ in .success(big) }
        #expect(outcome.errorName == "States.DataLimitExceeded")
    }

    @Test("HeartbeatSeconds without a heartbeat fails with States.HeartbeatTimeout")
    func heartbeat() throws {
        let machine = try Harness.definition(
            #"{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"f","HeartbeatSeconds":2,"TimeoutSeconds":10,"End":true}}}"#
        )
        let t0 = Timestamp(epochMilliseconds: 0)
        var e = Execution(
            definition: machine,
            context: .make(stateMachineName: "m", executionName: "e", startTime: t0),
            input: [:],
            seed: 1
        )
        let timers = e.start().compactMap { effect -> (Int, Timestamp)? in
            if case .startTimer(let token, let at) = effect { return (token, at) }
            return nil
        }
        let heartbeat = try #require(timers.first { $0.1 == t0.adding(seconds: 2) })
        _ = e.handle(.timerFired(token: heartbeat.0), at: heartbeat.1)
        #expect(e.outcome?.errorName == "States.HeartbeatTimeout")
    }

    @Test("The execution's TimeoutSeconds ends it TIMED_OUT; StopExecution ends it ABORTED")
    func executionTimeoutAndStop() throws {
        let machine = try Harness.definition(
            #"{"TimeoutSeconds":5,"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"End":true}}}"#
        )
        let t0 = Timestamp(epochMilliseconds: 0)
        var e = Execution(
            definition: machine,
            context: .make(stateMachineName: "m", executionName: "e", startTime: t0),
            input: [:],
            seed: 1
        )
        var stopped = e
        let timers = e.start().compactMap { effect -> (Int, Timestamp)? in
            if case .startTimer(let token, let at) = effect { return (token, at) }
            return nil
        }
        let timeout = try #require(timers.first { $0.1 == t0.adding(seconds: 5) })
        _ = e.handle(.timerFired(token: timeout.0), at: timeout.1)
        #expect(e.outcome?.status == .timedOut)

        _ = stopped.start()
        let effects = stopped.handle(.stop(error: "Manual", cause: "by hand"), at: t0)
        #expect(stopped.outcome == .aborted(error: "Manual", cause: "by hand"))
        #expect(effects.contains { if case .cancelTimer = $0 { true } else { false } })
    }

    @Test("Variables assigned in a Map iteration are not visible after the Map")
    func variableScope() throws {
        var h = Harness()
        let (outcome, _) = try h.run(
            #"""
            {"StartAt":"A","States":{
              "A":{"Type":"Pass","Assign":{"x":1},"Next":"M"},
              "M":{"Type":"Map","ItemsPath":"$.items","ResultPath":null,
                "ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","Parameters":{"seen.$":"$x"},"Assign":{"inner":2},"End":true}}},
                "Next":"B"},
              "B":{"Type":"Pass","Parameters":{"x.$":"$x"},"End":true}}}
            """#,
            input: ["items": [1, 2]]
        )
        #expect(outcome.output == ["x": 1])
    }
}
