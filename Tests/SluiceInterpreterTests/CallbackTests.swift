import SluiceASL
import SluiceInterpreter
import SluiceJSON
import SluiceVocabulary
import Testing

/// `.waitForTaskToken`: the token in the context object, and the ways a callback Task ends.
struct CallbackTests {
    private static let t0 = Timestamp(epochMilliseconds: 1_700_000_000_000)

    private static func execution(_ task: String, catchAll: Bool = false, seed: UInt64 = 7) throws -> Execution {
        let handler = catchAll ? #","Catch":[{"ErrorEquals":["States.ALL"],"Next":"Caught"}]"# : ""
        let caught = catchAll ? #","Caught":{"Type":"Pass","End":true}"# : ""
        let text = #"{"StartAt":"T","States":{"T":{"Type":"Task",\#(task),"End":true\#(handler)}\#(caught)}}"#
        return Execution(
            definition: try Harness.definition(text),
            context: .make(stateMachineName: "m", executionName: "e", startTime: t0),
            input: ["order": 7],
            seed: seed
        )
    }

    private static let lambda = #"""
        "Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
        "Parameters":{"FunctionName":"f","Payload":{"token.$":"$$.Task.Token","order.$":"$.order"}}
        """#

    private static func invocation(_ effects: [Effect]) throws -> TaskInvocation {
        let found = effects.compactMap { effect -> TaskInvocation? in
            if case .invoke(let invocation) = effect { return invocation }
            return nil
        }
        return try #require(found.first)
    }

    private static func timers(_ effects: [Effect]) -> [(token: Int, at: Timestamp)] {
        effects.compactMap { effect in
            if case .startTimer(let token, let at) = effect { return (token, at) }
            return nil
        }
    }

    @Test("The integration gets $$.Task.Token, which names the execution; the invocation carries it too")
    func tokenInContext() throws {
        var e = try Self.execution(Self.lambda)
        let invocation = try Self.invocation(e.start())
        let token = try #require(invocation.taskToken)
        #expect(invocation.input["Payload"]?["token"] == .string(token))
        #expect(invocation.input["Payload"]?["order"] == 7)
        #expect(TaskToken(text: token)?.executionArn == e.context.executionArn)
        #expect(e.outcome == nil)
    }

    @Test("JSONata reads the token as $states.context.Task.Token")
    func jsonataToken() throws {
        var e = try Self.execution(
            #"""
            "QueryLanguage":"JSONata","Resource":"arn:aws:states:::sns:publish.waitForTaskToken",
            "Arguments":{"TopicArn":"arn:aws:sns:local:000000000000:t","Message":"{% $states.context.Task.Token %}"}
            """#
        )
        let invocation = try Self.invocation(e.start())
        #expect(invocation.input["Message"] == invocation.taskToken.map(JSONValue.string))
    }

    @Test("A Task without the suffix gets no token; $$.Task is absent")
    func noToken() throws {
        var e = try Self.execution(#""Resource":"arn:aws:states:::lambda:invoke","Parameters":{"c.$":"$$"}"#)
        let invocation = try Self.invocation(e.start())
        #expect(invocation.taskToken == nil)
        #expect(invocation.input["c"]?["Task"] == nil)
    }

    @Test("SendTaskSuccess's output is the task's result")
    func success() throws {
        var e = try Self.execution(Self.lambda)
        let invocation = try Self.invocation(e.start())
        _ = e.handle(.taskSucceeded(token: invocation.token, output: ["approved": true]), at: Self.t0)
        #expect(e.outcome == .succeeded(["approved": true]))
    }

    @Test("The integration's answer is TaskSubmitted in the history; the task goes on waiting for its token")
    func submitted() throws {
        var e = try Self.execution(Self.lambda)
        let invocation = try Self.invocation(e.start())
        #expect(e.handle(.taskSubmitted(token: invocation.token, output: ["StatusCode": 200]), at: Self.t0).isEmpty)
        #expect(e.outcome == nil)
        _ = e.handle(.taskSucceeded(token: invocation.token, output: ["done": true]), at: Self.t0)
        #expect(e.outcome == .succeeded(["done": true]))
        let types = e.history.map(\.type)
        #expect(types.contains("TaskSubmitted"))
        #expect(types.firstIndex(of: "TaskSubmitted")! < types.firstIndex(of: "TaskSucceeded")!)
    }

    @Test("SendTaskFailure's error and cause fail the state, and Catch applies")
    func failure() throws {
        var e = try Self.execution(Self.lambda)
        var invocation = try Self.invocation(e.start())
        _ = e.handle(.taskFailed(token: invocation.token, error: "Rejected", cause: "no stock"), at: Self.t0)
        #expect(e.outcome == .failed(error: "Rejected", cause: "no stock"))

        var caught = try Self.execution(Self.lambda, catchAll: true)
        invocation = try Self.invocation(caught.start())
        _ = caught.handle(.taskFailed(token: invocation.token, error: "Rejected", cause: "no stock"), at: Self.t0)
        #expect(caught.outcome?.output?["Error"] == "Rejected")
        #expect(caught.outcome?.output?["Cause"] == "no stock")
    }

    @Test("HeartbeatSeconds without SendTaskHeartbeat is States.HeartbeatTimeout; a heartbeat pushes it back")
    func heartbeatTimeout() throws {
        var e = try Self.execution(Self.lambda + #","HeartbeatSeconds":5"#)
        let effects = e.start()
        let invocation = try Self.invocation(effects)
        let first = try #require(Self.timers(effects).first)
        let renewed = Self.timers(e.handle(.taskHeartbeat(token: invocation.token), at: Self.t0.adding(seconds: 4)))
        let second = try #require(renewed.first)
        #expect(second.at == Self.t0.adding(seconds: 9))
        // The first heartbeat timer was cancelled: its firing changes nothing.
        _ = e.handle(.timerFired(token: first.token), at: first.at)
        #expect(e.outcome == nil)
        _ = e.handle(.timerFired(token: second.token), at: second.at)
        #expect(e.outcome?.errorName == StatesError.Name.heartbeatTimeout)
        // A late callback for the closed task is ignored.
        #expect(e.handle(.taskSucceeded(token: invocation.token, output: [:]), at: second.at).isEmpty)
    }

    @Test("TimeoutSeconds without a callback is States.Timeout")
    func timeout() throws {
        var e = try Self.execution(Self.lambda + #","TimeoutSeconds":30"#)
        let timer = try #require(Self.timers(e.start()).first)
        #expect(timer.at == Self.t0.adding(seconds: 30))
        _ = e.handle(.timerFired(token: timer.token), at: timer.at)
        #expect(e.outcome?.errorName == StatesError.Name.timeout)
    }

    @Test("A replay mints the same token; another execution (seed) another; each retry a new one")
    func replay() throws {
        var first = try Self.execution(Self.lambda)
        var again = try Self.execution(Self.lambda)
        var other = try Self.execution(Self.lambda, seed: 8)
        let token = try Self.invocation(first.start()).taskToken
        #expect(try Self.invocation(again.start()).taskToken == token)
        #expect(try Self.invocation(other.start()).taskToken != token)

        var retried = try Self.execution(
            Self.lambda + #","Retry":[{"ErrorEquals":["Busy"],"IntervalSeconds":1,"MaxAttempts":1}]"#
        )
        let attempt = try Self.invocation(retried.start())
        let backOff = try #require(
            Self.timers(retried.handle(.taskFailed(token: attempt.token, error: "Busy", cause: nil), at: Self.t0))
                .first
        )
        let retry = try Self.invocation(retried.handle(.timerFired(token: backOff.token), at: backOff.at))
        #expect(retry.taskToken != nil)
        #expect(retry.taskToken != attempt.taskToken)
        #expect(retry.input["Payload"]?["token"] == retry.taskToken.map(JSONValue.string))
    }

    @Test("Token text reads back; text sluice did not mint does not")
    func tokenText() {
        let arn = "arn:aws:states:local:000000000000:execution:m:e"
        let token = TaskToken(executionArn: arn, nonce: String(repeating: "ab", count: 16))
        #expect(TaskToken(text: token.text) == token)
        #expect(TaskToken(text: "bogus") == nil)
        #expect(TaskToken(text: arn + "#xyz") == nil)
        #expect(TaskToken(text: "arn:aws:states:local:0:stateMachine:m#" + token.nonce) == nil)
    }

    @Test("Each Map iteration's callback Task gets its own token; both answered, the Map succeeds")
    func mapIterations() throws {
        var e = Execution(
            definition: try Harness.definition(
                #"""
                {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items","End":true,
                  "ItemProcessor":{"StartAt":"T","States":{"T":{"Type":"Task",
                    "Resource":"arn:aws:states:::sns:publish.waitForTaskToken",
                    "Parameters":{"TopicArn":"arn:aws:sns:local:000000000000:t","Message.$":"$$.Task.Token"},
                    "End":true}}}}}}
                """#
            ),
            context: .make(stateMachineName: "m", executionName: "e", startTime: Self.t0),
            input: ["items": [1, 2]],
            seed: 3
        )
        let invocations = e.start().compactMap { effect -> TaskInvocation? in
            if case .invoke(let invocation) = effect { return invocation }
            return nil
        }
        #expect(invocations.count == 2)
        #expect(Set(invocations.compactMap(\.taskToken)).count == 2)
        for invocation in invocations {
            #expect(invocation.input["Message"] == invocation.taskToken.map(JSONValue.string))
            _ = e.handle(.taskSucceeded(token: invocation.token, output: .int(invocation.token)), at: Self.t0)
        }
        #expect(e.outcome == .succeeded(.array(invocations.map { .int($0.token) })))
    }
}
