import Foundation

/// The state machines the graph tests draw, besides the shipped ones under etc/sluice/state-machines.
enum Definitions {
    /// Polls until done: a loop through a Choice and a Wait.
    static let loop = """
        {"StartAt":"Start polling","States":{
          "Start polling":{"Type":"Pass","Result":{"done":false},"Next":"Poll"},
          "Poll":{"Type":"Task","Resource":"arn:aws:lambda:local:000000000000:function:poll","Next":"Done?"},
          "Done?":{"Type":"Choice","Choices":[{"Variable":"$.done","BooleanEquals":true,"Next":"Finished"}],
            "Default":"Wait a bit"},
          "Wait a bit":{"Type":"Wait","Seconds":5,"Next":"Poll"},
          "Finished":{"Type":"Succeed"}}}
        """

    /// A retried Task whose Catch goes to a fallback that ends in a Fail state.
    static let fallback = """
        {"StartAt":"Charge card","States":{
          "Charge card":{"Type":"Task","Resource":"arn:aws:lambda:local:000000000000:function:charge",
            "Retry":[{"ErrorEquals":["Flaky"],"MaxAttempts":1,"IntervalSeconds":1}],
            "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"Refund"}],"Next":"Ship"},
          "Ship":{"Type":"Task","Resource":"arn:aws:lambda:local:000000000000:function:ship","End":true},
          "Refund":{"Type":"Pass","Next":"Payment failed"},
          "Payment failed":{"Type":"Fail","Error":"Payment","Cause":"card declined"}}}
        """

    /// A Parallel whose first branch runs an inline Map (with a Choice inside), the second two states.
    static let nested = """
        {"StartAt":"Fan out","States":{
          "Fan out":{"Type":"Parallel","Next":"Summarise","Branches":[
            {"StartAt":"Each order","States":{"Each order":{"Type":"Map","ItemsPath":"$.orders","End":true,
              "ItemProcessor":{"StartAt":"Price","States":{
                "Price":{"Type":"Task","Resource":"arn:aws:lambda:local:000000000000:function:price","Next":"Cheap?"},
                "Cheap?":{"Type":"Choice","Choices":[{"Variable":"$.cheap","BooleanEquals":true,"Next":"Discount"}],
                  "Default":"Keep"},
                "Discount":{"Type":"Pass","End":true},
                "Keep":{"Type":"Pass","End":true}}}}}},
            {"StartAt":"Audit","States":{
              "Audit":{"Type":"Task","Resource":"arn:aws:lambda:local:000000000000:function:audit","Next":"Archive"},
              "Archive":{"Type":"Pass","End":true}}}]},
          "Summarise":{"Type":"Pass","End":true}}}
        """

    /// The same with a Catch on the Parallel.
    static let nestedCaught = nested.replacingOccurrences(
        of: #""Next":"Summarise","Branches""#,
        with: #""Next":"Summarise","Catch":[{"ErrorEquals":["States.ALL"],"Next":"Summarise"}],"Branches""#
    )

    /// A Pass whose InputPath finds nothing: States.Runtime, recorded by no event of its own.
    static let runtimeError = """
        {"StartAt":"Prepare","States":{
          "Prepare":{"Type":"Pass","Next":"Pick"},
          "Pick":{"Type":"Pass","InputPath":"$.missing","Next":"Use"},
          "Use":{"Type":"Pass","End":true}}}
        """

    static let awkwardName = "<script>alert(\"x\")</script> & 'co'"
    static let foreignName = "Überprüfung · 検証 🚀"
    static let longName = "Validate every field of the uploaded company record against the sanctions list"

    /// State names that need escaping or are long.
    static let names = """
        {"StartAt":"<script>alert(\\"x\\")</script> & 'co'","States":{
          "<script>alert(\\"x\\")</script> & 'co'":{"Type":"Pass","Next":"Überprüfung · 検証 🚀"},
          "Überprüfung · 検証 🚀":{"Type":"Pass","Next":"\(longName)"},
          "\(longName)":{"Type":"Succeed"}}}
        """

    /// `count` states: Passes and Tasks in a chain, a Choice every ten that skips one (and every thirty loops back
    /// eight), a Catch every seven that jumps ahead five.
    static func large(_ count: Int) -> String {
        var states: [String] = []
        for i in 0..<count {
            let name = "\"Step \(i)\""
            let next = "\"Step \(i + 1)\""
            if i == count - 1 {
                states.append("\(name):{\"Type\":\"Succeed\"}")
            } else if i % 10 == 9, i + 2 < count {
                var rules = [#"{"Variable":"$.go","BooleanEquals":true,"Next":\#(next)}"#]
                if i % 30 == 29 {
                    rules.append(#"{"Variable":"$.again","BooleanEquals":true,"Next":"Step \#(i - 8)"}"#)
                }
                states.append(
                    "\(name):{\"Type\":\"Choice\",\"Choices\":[\(rules.joined(separator: ","))],\"Default\":\"Step \(i + 2)\"}"
                )
            } else if i % 7 == 3 {
                let handler = "\"Step \(min(i + 5, count - 1))\""
                states.append(
                    "\(name):{\"Type\":\"Task\",\"Resource\":\"arn:aws:lambda:local:0:function:f\",\"Next\":\(next),"
                        + "\"Catch\":[{\"ErrorEquals\":[\"States.ALL\"],\"Next\":\(handler)}]}"
                )
            } else {
                states.append("\(name):{\"Type\":\"Pass\",\"Next\":\(next)}")
            }
        }
        return "{\"StartAt\":\"Step 0\",\"States\":{\(states.joined(separator: ","))}}"
    }

    /// A Choice fanning out to `branches` chains of `length` states that meet again, and every third chain's
    /// last state failing over to a shared handler: wide ranks for the ordering to untangle.
    static func wide(branches: Int, length: Int) -> String {
        var states = [#""Route":{"Type":"Choice","Choices":["#]
        states[0] +=
            (0..<branches).map { #"{"Variable":"$.k","NumericEquals":\#($0),"Next":"Lane \#($0) step 0"}"# }
            .joined(separator: ",") + #"],"Default":"Join"}"#
        for b in 0..<branches {
            for i in 0..<length {
                let next = i == length - 1 ? "Join" : "Lane \(b) step \(i + 1)"
                let catcher =
                    i == length - 1 && b % 3 == 0 ? #","Catch":[{"ErrorEquals":["States.ALL"],"Next":"Handle"}]"# : ""
                states.append(
                    #""Lane \#(b) step \#(i)":{"Type":"Task","Resource":"arn:aws:lambda:local:0:function:f","Next":"\#(next)"\#(catcher)}"#
                )
            }
        }
        states.append(#""Handle":{"Type":"Pass","Next":"Join"}"#)
        states.append(#""Join":{"Type":"Succeed"}"#)
        return #"{"StartAt":"Route","States":{"# + states.joined(separator: ",") + "}}"
    }
}
