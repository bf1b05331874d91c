import SluiceASL
import SluiceInterpreter
import SluiceJSON
import SluiceVocabulary
import Testing

/// JSONata states as AWS documents them: `{% %}` templates, `$states`, Arguments / Output / Assign, Condition, and
/// `States.QueryEvaluationError` with AWS's causes.
struct JSONataStateTests {
    @Test("Task: Arguments from $states.input, Output from $states.result, Assign seen by the next state")
    func taskArgumentsOutputAssign() throws {
        var h = Harness()
        let (outcome, _) = try h.run(
            #"""
            {"QueryLanguage":"JSONata","StartAt":"T","States":{
              "T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:f",
                   "Arguments":{"id":"{% $states.input.id %}","label":"{% 'company-' & $string($states.input.id) %}"},
                   "Output":{"score":"{% $states.result.score %}"},
                   "Assign":{"n":"{% $states.result.score * 2 %}"},"Next":"P"},
              "P":{"Type":"Pass","Output":{"score":"{% $states.input.score %}","n":"{% $n %}"},"End":true}}}
            """#,
            input: ["id": 7],
            tasks: { task, _ in
                #expect(task.input == ["id": 7, "label": "company-7"])
                return .success(["score": 21])
            }
        )
        #expect(outcome.output == ["score": 21, "n": 42], "\(outcome)")
    }

    @Test("Output sees the variables as they were before the state's Assign")
    func outputSeesOldVariables() throws {
        var h = Harness()
        let (outcome, _) = try h.run(
            #"""
            {"QueryLanguage":"JSONata","StartAt":"A","States":{
              "A":{"Type":"Pass","Assign":{"x":1},"Next":"B"},
              "B":{"Type":"Pass","Assign":{"x":"{% $x + 1 %}"},"Output":{"x":"{% $x %}"},"End":true}}}
            """#
        )
        #expect(outcome.output == ["x": 1])
    }

    @Test("An expression that gives nothing fails with States.QueryEvaluationError and AWS's cause")
    func undefinedOutput() throws {
        var h = Harness()
        let (outcome, _) = try h.run(
            #"{"QueryLanguage":"JSONata","StartAt":"S","States":{"S":{"Type":"Pass","Output":"{% $doesNotExist %}","End":true}}}"#
        )
        #expect(outcome.errorName == "States.QueryEvaluationError")
        #expect(
            outcome.causeText
                == "An error occurred while executing the state 'S' (entered at the event id #2). The JSONata expression '$doesNotExist' specified for the field 'Output' returned nothing (undefined)."
        )
    }

    @Test("A nested field's error names its path, and a language error carries its code and message")
    func nestedFieldError() throws {
        var h = Harness()
        let (outcome, _) = try h.run(
            #"""
            {"StartAt":"S","States":{"S":{"QueryLanguage":"JSONata","Type":"Pass",
              "Output":{"FunctionResult":"{% $randomSeeded(1) %}"},"End":true}}}
            """#
        )
        #expect(outcome.errorName == "States.QueryEvaluationError")
        #expect(
            outcome.causeText
                == "An error occurred while executing the state 'S' (entered at the event id #2). The JSONata expression '$randomSeeded(1)' specified for the field 'Output/FunctionResult' threw an error during evaluation. T1006: Attempted to invoke a non-function"
        )
    }

    @Test("$eval is not available, as on AWS")
    func evalUnavailable() throws {
        var h = Harness()
        let (outcome, _) = try h.run(
            #"{"QueryLanguage":"JSONata","StartAt":"S","States":{"S":{"Type":"Pass","Output":"{% $eval('1+1') %}","End":true}}}"#
        )
        #expect(outcome.errorName == "States.QueryEvaluationError")
        #expect(outcome.causeText?.hasSuffix("T1006: Attempted to invoke a non-function") == true)
    }

    @Test("Choice: the first true Condition wins, with its own Assign; a non-boolean Condition is an error")
    func choiceCondition() throws {
        let definition = #"""
            {"QueryLanguage":"JSONata","StartAt":"C","States":{
              "C":{"Type":"Choice","Choices":[
                {"Condition":"{% $states.input.value >= 20 and $states.input.value < 30 %}","Next":"Twenties",
                 "Assign":{"which":"twenties"}}],
                "Default":"Other","Assign":{"which":"default"}},
              "Twenties":{"Type":"Pass","Output":"{% $which %}","End":true},
              "Other":{"Type":"Pass","Output":"{% $which %}","End":true}}}
            """#
        var h = Harness()
        #expect(try h.run(definition, input: ["value": 22]).0.output == "twenties")
        #expect(try h.run(definition, input: ["value": 2]).0.output == "default")
        let (bad, _) = try h.run(
            #"""
            {"QueryLanguage":"JSONata","StartAt":"C","States":{"C":{"Type":"Choice",
              "Choices":[{"Condition":"{% $states.input.value %}","Next":"E"}]},"E":{"Type":"Succeed"}}}
            """#,
            input: ["value": 1]
        )
        #expect(bad.errorName == "States.QueryEvaluationError")
        #expect(bad.causeText?.hasSuffix("Expected 'boolean', but was 'number' for value: 1") == true)
    }

    @Test("Map: Items evaluated, ItemSelector with $states.context.Map.Item, Output over the results")
    func mapItemsAndSelector() throws {
        var h = Harness()
        let (outcome, _) = try h.run(
            #"""
            {"QueryLanguage":"JSONata","StartAt":"M","States":{"M":{"Type":"Map",
              "Items":"{% $states.input.list %}",
              "ItemSelector":{"v":"{% $states.context.Map.Item.Value %}","i":"{% $states.context.Map.Item.Index %}"},
              "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","Output":"{% $states.input.v * 10 + $states.input.i %}","End":true}}},
              "Output":"{% $sum($states.result) %}","End":true}}}
            """#,
            input: ["list": [1, 2, 3]]
        )
        #expect(outcome.output == 63)
    }

    @Test("Map: Items that are not an array fail with AWS's cause")
    func mapItemsNotArray() throws {
        var h = Harness()
        let (outcome, _) = try h.run(
            #"""
            {"QueryLanguage":"JSONata","StartAt":"M","States":{"M":{"Type":"Map","Items":"{% {'foo': 'bar'} %}",
              "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}
            """#
        )
        #expect(outcome.errorName == "States.QueryEvaluationError")
        #expect(
            outcome.causeText?.hasSuffix(
                "The JSONata expression '{'foo': 'bar'}' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was 'object' for value: {\"foo\":\"bar\"}"
            ) == true
        )
    }

    @Test("Catch: $states.errorOutput in the catcher's Output, which is the error output by default")
    func catchErrorOutput() throws {
        func definition(_ catcherFields: String) -> String {
            #"{"QueryLanguage":"JSONata","StartAt":"T","States":{"T":{"Type":"Task","#
                + #""Resource":"arn:aws:lambda:us-east-1:123456789012:function:f","#
                + #""Catch":[{"ErrorEquals":["States.ALL"],"Next":"Done""# + catcherFields + "}],\"End\":true},"
                + #""Done":{"Type":"Pass","End":true}}}"#
        }
        var h = Harness()
        let fails: Harness.TaskScript = { _, _ in .failure(StatesError("Boom", cause: "bad")) }
        let plain = try h.run(definition(""), tasks: fails).0
        #expect(plain.output == ["Error": "Boom", "Cause": "bad"])
        let shaped = try h.run(
            definition(#","Output":{"e":"{% $states.errorOutput.Error %}","in":"{% $states.input %}"}"#),
            input: ["a": 1],
            tasks: fails
        ).0
        #expect(shaped.output == ["e": "Boom", "in": ["a": 1]])
    }

    @Test("Wait: Seconds and Timestamp as expressions; an unparsable timestamp is a QueryEvaluationError")
    func waitExpressions() throws {
        var h = Harness()
        let (waited, _) = try h.run(
            #"{"QueryLanguage":"JSONata","StartAt":"W","States":{"W":{"Type":"Wait","Seconds":"{% $states.input.s %}","End":true}}}"#,
            input: ["s": 5]
        )
        #expect(waited.output == ["s": 5])
        #expect(h.timers.last?.at == 5)
        let (bad, _) = try h.run(
            #"{"QueryLanguage":"JSONata","StartAt":"W","States":{"W":{"Type":"Wait","Timestamp":"{% $states.input.t %}","End":true}}}"#,
            input: ["t": "2016-13-05T21:29:29Z"]
        )
        #expect(bad.errorName == "States.QueryEvaluationError")
        #expect(
            bad.causeText?.hasSuffix(
                "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: 2016-13-05T21:29:29Z"
            ) == true
        )
    }

    @Test("Fail: Error and Cause as expressions")
    func failExpressions() throws {
        var h = Harness()
        let (outcome, _) = try h.run(
            #"{"QueryLanguage":"JSONata","StartAt":"F","States":{"F":{"Type":"Fail","Error":"{% $states.input.e %}","Cause":"{% 'because ' & $states.input.c %}"}}}"#,
            input: ["e": "Exception", "c": "x"]
        )
        #expect(outcome.errorName == "Exception")
        #expect(outcome.causeText == "because x")
    }

    @Test("Mixed languages share variables; a JSONata state's default output is its input")
    func mixedLanguages() throws {
        var h = Harness()
        let (outcome, _) = try h.run(
            #"""
            {"StartAt":"A","States":{
              "A":{"Type":"Pass","Assign":{"theAnswer":42},"Parameters":{"foo":"foobar","bar.$":"$"},"Next":"B"},
              "B":{"QueryLanguage":"JSONata","Type":"Pass","Assign":{"old":"{% $theAnswer %}"},"Next":"C"},
              "C":{"Type":"Pass","Parameters":{"old.$":"$old","in.$":"$"},"End":true}}}
            """#,
            input: ["x": 1]
        )
        #expect(outcome.output == ["old": 42, "in": ["foo": "foobar", "bar": ["x": 1]]])
    }

    @Test("AWS's functions: $partition, $range, $hash, $parse; $uuid and $random replay the same")
    func awsFunctions() throws {
        var h = Harness()
        let (outcome, _) = try h.run(
            #"""
            {"QueryLanguage":"JSONata","StartAt":"S","States":{"S":{"Type":"Pass","Output":{
              "p":"{% $partition([1,2,3,4,5], 2.9) %}","r":"{% $range(0, 10, 3) %}",
              "h":"{% $hash('input data', 'SHA-1') %}","j":"{% $parse('{\"a\":[1]}') %}",
              "u":"{% $uuid() %}","n":"{% $random() %}","s":"{% $random(7) = $random(7) %}"},"End":true}}}
            """#
        )
        let output = try #require(outcome.output?.objectValue)
        #expect(output["p"] == [[1, 2], [3, 4], [5]])
        #expect(output["r"] == [0, 3, 6, 9])
        #expect(output["h"] == "aaff4a450a104cd177d28d18d74485e8cae074b7")
        #expect(output["j"] == ["a": [1]])
        #expect(output["s"] == true)
        let again = try h.run(
            #"{"QueryLanguage":"JSONata","StartAt":"S","States":{"S":{"Type":"Pass","Output":{"u":"{% $uuid() %}","n":"{% $random() %}"},"End":true}}}"#
        ).0.output
        #expect(again?["u"] == output["u"])
        #expect(again?["n"] == output["n"])
    }

    @Test("The validator refuses JSONPath fields in JSONata states, the reverse, and malformed expressions")
    func validation() {
        let cases = [
            #"{"QueryLanguage":"JSONata","StartAt":"S","States":{"S":{"Type":"Pass","Parameters":{},"End":true}}}"#,
            #"{"QueryLanguage":"JSONata","StartAt":"S","States":{"S":{"Type":"Pass","OutputPath":"$","End":true}}}"#,
            #"{"StartAt":"S","States":{"S":{"Type":"Pass","Output":{},"End":true}}}"#,
            #"{"QueryLanguage":"JSONata","StartAt":"S","States":{"S":{"Type":"Pass","Output":"{% $states.input. %}","End":true}}}"#,
            #"{"QueryLanguage":"JSONata","StartAt":"S","States":{"S":{"Type":"Pass","Output":"{% 1 ","End":true}}}"#,
            #"{"QueryLanguage":"JSONata","StartAt":"S","States":{"S":{"Type":"Pass","Assign":{"states":1},"End":true}}}"#,
            #"{"QueryLanguage":"JSONata","StartAt":"S","States":{"S":{"QueryLanguage":"JSONPath","Type":"Pass","End":true}}}"#,
        ]
        for text in cases {
            guard case .failure = DefinitionDecoder.decode(text: text) else {
                Issue.record("accepted: \(text)")
                continue
            }
        }
    }
}

/// JSONata's clock and randomness come from the execution, so handing a fresh execution the same events at the same
/// times (what the journal replay after a crash does) gives the same values, history and output.
struct JSONataReplayTests {
    static let definition = #"""
        {"QueryLanguage":"JSONata","StartAt":"Draw","States":{
          "Draw":{"Type":"Pass","Assign":{"id":"{% $uuid() %}","r":"{% $random() %}","t":"{% $now() %}","m":"{% $millis() %}"},
                  "Next":"W"},
          "W":{"Type":"Wait","Seconds":5,"Next":"T"},
          "T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:f",
               "Output":{"id":"{% $id %}","r":"{% $r %}","t":"{% $t %}","m":"{% $m %}","again":"{% $uuid() %}",
                         "later":"{% $millis() %}"},"End":true}}}
        """#

    /// Runs the definition, answering the timer and the task at fixed times; returns the outcome and history.
    static func run() throws -> (ExecutionOutcome?, [HistoryEvent]) {
        let machine = try Harness.definition(definition)
        let start = Timestamp(epochMilliseconds: 1_700_000_000_000)
        var execution = Execution(
            definition: machine,
            context: .make(stateMachineName: "Test", executionName: "replay", startTime: start),
            input: [:],
            seed: 7
        )
        var effects = execution.start()
        for step in 0..<2 {
            let at = start.adding(seconds: 5 * (step + 1))
            guard
                let next = effects.compactMap({ effect -> ExecutionEvent? in
                    switch effect {
                    case .startTimer(let token, _): return .timerFired(token: token)
                    case .invoke(let invocation): return .taskSucceeded(token: invocation.token, output: ["ok": true])
                    default: return nil
                    }
                }).first
            else { break }
            effects = execution.handle(next, at: at)
        }
        return (execution.outcome, execution.history)
    }

    @Test("$uuid, $random, $now and $millis evaluate to the same values when the events are handed again")
    func replayGivesTheSameValues() throws {
        let (first, history) = try Self.run()
        let (second, replayed) = try Self.run()
        let output = try #require(first?.output?.objectValue)
        #expect(output["id"]?.stringValue?.count == 36)
        #expect(output["again"] != output["id"])
        #expect(output["t"] == "2023-11-14T22:13:20.000Z")
        #expect(output["later"] == 1_700_000_010_000)
        #expect(second?.output == first?.output)
        #expect(replayed == history)
    }
}
