import SluiceJSON
import SluicePatterns
import Testing

/// The EC2 event of AWS's "Amazon EventBridge input transformation" page.
private let ec2Event: JSONValue = parse(
    """
    {"version": "0", "id": "7bf73129-1428-4cd3-a780-95db273d1602",
     "detail-type": "EC2 Instance State-change Notification", "source": "aws.ec2", "account": "123456789012",
     "time": "2015-11-11T21:29:54Z", "region": "us-east-1",
     "resources": ["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"],
     "detail": {"instance-id": "i-0123456789", "state": "RUNNING"}}
    """
)

/// The input paths of the same page.
private let ec2Paths: JSONValue = [
    "timestamp": "$.time", "instance": "$.detail.instance-id", "state": "$.detail.state",
    "resource": "$.resources[0]",
]

private let exampleContext = TargetContext(
    ruleArn: "arn:aws:events:us-east-2:123456789012:rule/example",
    ruleName: "example",
    ingestionTime: "2015-11-11T21:29:55Z"
)

private func parse(_ text: String) -> JSONValue {
    do {
        return try JSONParser.parse(text)
    } catch {
        Issue.record("bad test JSON: \(error)")
        return .null
    }
}

/// A transformer target with `paths` and `template`.
private func transformer(_ template: String, paths: JSONValue = ec2Paths) throws(PatternError) -> TargetInput {
    try TargetInput(
        target: ["InputTransformer": ["InputPathsMap": paths, "InputTemplate": .string(template)]],
        targetId: "t1"
    )
}

/// What the target receives for `event` through `template`.
private func render(
    _ template: String,
    paths: JSONValue = ec2Paths,
    event: JSONValue = ec2Event
) throws -> String? {
    try transformer(template, paths: paths).render(event: event, context: exampleContext)
}

/// The PutTargets error for `target`, or nil when it is accepted.
private func validationError(_ target: JSONObject) -> PatternError? {
    do {
        _ = try TargetInput(target: target, targetId: "t1")
        return nil
    } catch {
        return error
    }
}

@Suite("Input transformer: AWS documentation examples")
struct InputTransformerDocumentationTests {
    @Test("simple string")
    func simpleString() throws {
        #expect(try render(#""instance <instance> is in <state>""#) == #""instance i-0123456789 is in RUNNING""#)
    }

    @Test("string with escaped quotes")
    func escapedQuotes() throws {
        #expect(
            try render(#""instance \"<instance>\" is in <state>""#) == #""instance \"i-0123456789\" is in RUNNING""#
        )
    }

    @Test("simple JSON keeps the template's own layout")
    func simpleJSON() throws {
        let body = try render("{\n  \"instance\" : <instance>,\n  \"state\": <state>\n}")
        #expect(body == "{\n  \"instance\" : \"i-0123456789\",\n  \"state\": \"RUNNING\"\n}")
    }

    @Test("JSON with strings and variables")
    func jsonWithStrings() throws {
        let body = try render(
            #"{"instance" : <instance>, "state": "<state>", "instanceStatus": "instance \"<instance>\" is in <state>"}"#
        )
        #expect(
            parse(try #require(body)) == [
                "instance": "i-0123456789", "state": "RUNNING",
                "instanceStatus": "instance \"i-0123456789\" is in RUNNING",
            ]
        )
    }

    @Test("JSON with a mix of variables and static information")
    func jsonMix() throws {
        let body = try render(#"{"instance" : <instance>, "state": [ 9, <state>, true ], "Transformed" : "Yes"}"#)
        #expect(
            parse(try #require(body)) == [
                "instance": "i-0123456789", "state": [9, "RUNNING", true], "Transformed": "Yes",
            ]
        )
    }

    @Test("reserved variables in JSON")
    func reservedInJSON() throws {
        let body = try render(
            #"{"instance": <instance>, "state": <state>, "ruleArn": <aws.events.rule-arn>, "#
                + #""ruleName": <aws.events.rule-name>, "originalEvent": <aws.events.event>}"#
        )
        let json = parse(try #require(body))
        #expect(json["ruleArn"] == "arn:aws:events:us-east-2:123456789012:rule/example")
        #expect(json["ruleName"] == "example")
        #expect(json["originalEvent"]?["id"] == "7bf73129-1428-4cd3-a780-95db273d1602")
    }

    @Test("reserved variables in a string")
    func reservedInString() throws {
        #expect(try render(#""<aws.events.rule-name> triggered""#) == #""example triggered""#)
    }

    @Test("array index paths")
    func arrayIndex() throws {
        #expect(
            try render(#"{"resource": <resource>}"#)
                == #"{"resource": "arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"}"#
        )
    }

    @Test("the API reference's plain-text and mixed templates")
    func apiReferenceExamples() throws {
        let paths: JSONValue = ["instance": "$.detail.instance-id", "status": "$.detail.state"]
        #expect(try render("<instance> is in state <status>", paths: paths) == "i-0123456789 is in state RUNNING")
        let body = try render(
            #"{"myInstance": <instance>,"myStatus": "<instance> is in state \"<status>\""}"#,
            paths: paths
        )
        #expect(body == #"{"myInstance": "i-0123456789","myStatus": "i-0123456789 is in state \"RUNNING\""}"#)
    }
}

@Suite("Input transformer: placeholder rules")
struct InputTransformerPlaceholderTests {
    private let event = parse(
        """
        {"time": "2024-01-01T00:00:00Z", "detail": {"quote": "say \\"hi\\"", "newline": "a\\nb", "n": 1.5, "i": 7,
         "yes": true, "no": false, "nothing": null, "obj": {"k": "v", "n": 1}, "list": ["x", "y"], "empty": ""}}
        """
    )
    private let paths: JSONValue = [
        "quote": "$.detail.quote", "newline": "$.detail.newline", "n": "$.detail.n", "i": "$.detail.i",
        "yes": "$.detail.yes", "no": "$.detail.no", "nothing": "$.detail.nothing", "missing": "$.detail.missing",
        "obj": "$.detail.obj", "list": "$.detail.list", "empty": "$.detail.empty", "all": "$.detail.list[*]",
    ]

    private func body(_ template: String) throws -> String? {
        try render(template, paths: paths, event: event)
    }

    @Test("a string standing as a JSON value is quoted and escaped")
    func stringAsValueIsEscaped() throws {
        #expect(try body(#"{"q": <quote>, "n": <newline>}"#) == #"{"q": "say \"hi\"", "n": "a\nb"}"#)
    }

    @Test("a string inside a JSON string goes in raw, so quotes and line breaks break the JSON and drop the event")
    func stringInsideStringIsRaw() throws {
        #expect(try body(#"{"q": "<quote>"}"#) == nil)
        #expect(try body(#"{"n": "line <newline>"}"#) == nil)
        #expect(try body(#"{"e": "<empty>"}"#) == #"{"e": ""}"#)
    }

    @Test("a text template takes strings raw and is delivered even when it is not JSON")
    func textTemplateIsRaw() throws {
        #expect(try body(#""<quote>""#) == #""say "hi"""#)
        #expect(try body("\"<newline>\"") == "\"a\nb\"")
    }

    @Test("numbers and booleans are written as JSON everywhere")
    func scalars() throws {
        #expect(
            try body(#"{"n": <n>, "i": <i>, "y": <yes>, "f": <no>}"#) == #"{"n": 1.5, "i": 7, "y": true, "f": false}"#
        )
        #expect(try body(#"{"s": "<n>/<i>/<yes>/<no>"}"#) == #"{"s": "1.5/7/true/false"}"#)
        #expect(try body(#""<n> <i> <yes> <no>""#) == #""1.5 7 true false""#)
    }

    @Test("a missing path or a null is an empty string: quoted as a JSON value, nothing elsewhere")
    func missingValues() throws {
        #expect(try body(#"{"m": <missing>, "z": <nothing>}"#) == #"{"m": "", "z": ""}"#)
        #expect(try body(#"{"m": "[<missing>]"}"#) == #"{"m": "[]"}"#)
        #expect(try body(#""[<missing>][<nothing>]""#) == #""[][]""#)
    }

    @Test("objects and arrays: JSON as values, dropped inside JSON strings, unquoted inside text")
    func structuredValues() throws {
        #expect(try body(#"{"o": <obj>, "l": <list>}"#) == #"{"o": {"k":"v","n":1}, "l": ["x","y"]}"#)
        #expect(try body(#"{"o": "<obj>"}"#) == nil)
        #expect(try body(#"{"l": "items <list>"}"#) == nil)
        #expect(try body(#""<obj> and <list>""#) == #""{k:v,n:1} and [x,y]""#)
    }

    @Test("a wildcard path gives the list of matches")
    func wildcard() throws {
        #expect(try body(#"{"all": <all>}"#) == #"{"all": ["x","y"]}"#)
    }

    @Test("a placeholder may repeat")
    func repeated() throws {
        #expect(try body(#"{"a": "<i>-<i>", "b": <i>}"#) == #"{"a": "7-7", "b": 7}"#)
    }

    @Test("a '<' that does not open a name is text")
    func notPlaceholders() throws {
        #expect(try body(#""1 < 2 and <i> > 3, <not a name>""#) == #""1 < 2 and 7 > 3, <not a name>""#)
    }

    @Test("a JSON-object template may start with blanks and keeps its trailing line break")
    func jsonTemplateLayout() throws {
        #expect(try body("  {\"i\": <i>}\n") == "  {\"i\": 7}\n")
        #expect(try body("  {\"o\": \"<obj>\"}\n") == nil)
    }

    @Test("an escaped backslash before a quote ends the string")
    func escapedBackslash() throws {
        #expect(try body(#"{"a": "x\\", "b": <quote>}"#) == #"{"a": "x\\", "b": "say \"hi\""}"#)
    }
}

@Suite("Input transformer: predefined variables")
struct InputTransformerPredefinedTests {
    @Test("aws.events.event is the envelope without detail, with detailType and the ingestion time")
    func eventEnvelope() throws {
        let body = try #require(try render(#"{"e": <aws.events.event>}"#, paths: [:]))
        let envelope = try #require(parse(body)["e"]?.objectValue)
        #expect(envelope.keys == ["id", "account", "detailType", "time", "source", "region", "resources", "version"])
        #expect(envelope["detailType"] == "EC2 Instance State-change Notification")
        #expect(envelope["time"] == "2015-11-11T21:29:55Z")
    }

    @Test("aws.events.event.json is the whole event")
    func wholeEvent() throws {
        let body = try #require(try render(#"{"e": <aws.events.event.json>}"#, paths: [:]))
        #expect(parse(body)["e"] == ec2Event)
    }

    @Test("the rule and ingestion time come from the context")
    func contextValues() throws {
        #expect(
            try render(#""<aws.events.rule-arn> <aws.events.rule-name> <aws.events.event.ingestion-time>""#, paths: [:])
                == #""arn:aws:events:us-east-2:123456789012:rule/example example 2015-11-11T21:29:55Z""#
        )
    }

    @Test("the whole event inside a JSON string breaks it")
    func eventInsideString() throws {
        #expect(try render(#"{"e": "<aws.events.event.json>"}"#, paths: [:]) == nil)
    }
}

@Suite("Target input: Input, InputPath and the whole event")
struct InputTransformerTargetKindTests {
    private let event = parse(#"{"detail": {"payload": {"acc_id": "0a787ecb-4015", "sf_id": "baz"}, "list": [1, 2]}}"#)

    @Test("no input field delivers the event")
    func wholeEvent() throws {
        let input = try TargetInput(target: ["Id": "t1", "Arn": "arn:aws:sqs:us-east-1:1:q"], targetId: "t1")
        #expect(input.render(event: event, context: exampleContext) == event.serialized())
    }

    @Test("Input is delivered as written")
    func constant() throws {
        let input = try TargetInput(target: ["Input": #"{ "fixed" : true }"#], targetId: "t1")
        #expect(input.render(event: event, context: exampleContext) == #"{ "fixed" : true }"#)
    }

    @Test("InputPath delivers the selected value as JSON")
    func inputPath() throws {
        func selected(_ path: String) throws -> String? {
            try TargetInput(target: ["InputPath": .string(path)], targetId: "t1").render(
                event: event,
                context: exampleContext
            )
        }
        #expect(try selected("$.detail.payload") == #"{"acc_id":"0a787ecb-4015","sf_id":"baz"}"#)
        #expect(try selected("$.detail.payload.sf_id") == #""baz""#)
        #expect(try selected("$.detail.list[*]") == "[1,2]")
        #expect(try selected("$") == event.serialized())
        #expect(try selected("$.detail.missing") == nil)
    }

    @Test("fields set to null are absent")
    func nullFields() throws {
        let input = try TargetInput(
            target: ["Input": nil, "InputPath": "$.detail", "InputTransformer": nil],
            targetId: "t1"
        )
        guard case .inputPath = input.kind else {
            Issue.record("expected an InputPath target, got \(input.kind)")
            return
        }
    }
}

@Suite("Target input: PutTargets validation")
struct InputTransformerValidationTests {
    private let template: JSONValue = ["InputTemplate": "\"x\""]

    @Test("only one of Input, InputPath and InputTransformer")
    func onlyOne() {
        let message = "Only one of Input, InputPath, or InputTransformer must be provided for target t1."
        for target: JSONObject in [
            ["Input": "{}", "InputPath": "$.detail"], ["Input": "{}", "InputTransformer": template],
            ["InputPath": "$.detail", "InputTransformer": template],
            ["Input": "{}", "InputPath": "$", "InputTransformer": template],
        ] {
            #expect(validationError(target) == PatternError(code: "ValidationException", message: message))
        }
    }

    @Test("every placeholder must be defined or predefined")
    func undefinedPlaceholder() {
        let target: JSONObject = [
            "InputTransformer": [
                "InputPathsMap": ["detail-type": "$.detail-type"],
                "InputTemplate": "\"Event of <detail-type> type, with not defined key <notdefinedkey>\"",
            ]
        ]
        #expect(
            validationError(target)?.message
                == "InputTemplate for target t1 contains invalid placeholder notdefinedkey."
        )
    }

    @Test("InputPathsMap holds at most 100 variables")
    func variableLimit() {
        func target(_ count: Int) -> JSONObject {
            var map = JSONObject()
            for n in 0..<count { map["v\(n)"] = "$.detail" }
            return ["InputTransformer": ["InputPathsMap": .object(map), "InputTemplate": "\"<v0>\""]]
        }
        #expect(validationError(target(100)) == nil)
        #expect(validationError(target(101))?.message.contains("less than or equal to 100") == true)
    }

    @Test("InputPathsMap keys match [A-Za-z0-9_-]+ and so cannot take a predefined name")
    func keyPattern() {
        for key in ["", "has space", "aws.events.rule-name", "dot.ted", String(repeating: "k", count: 257)] {
            let target: JSONObject = [
                "InputTransformer": ["InputPathsMap": .object([key: "$.detail"]), "InputTemplate": "\"x\""]
            ]
            #expect(validationError(target)?.code == "ValidationException", "\(key)")
        }
        let fine: JSONObject = [
            "InputTransformer": ["InputPathsMap": ["Ok_key-1": "$.detail"], "InputTemplate": "\"<Ok_key-1>\""]
        ]
        #expect(validationError(fine) == nil)
    }

    @Test("InputTemplate is required and 1 to 8192 characters")
    func templateLength() {
        #expect(validationError(["InputTransformer": ["InputPathsMap": [:]]]) != nil)
        #expect(validationError(["InputTransformer": ["InputTemplate": ""]]) != nil)
        #expect(
            validationError(["InputTransformer": ["InputTemplate": .string(String(repeating: "x", count: 8193))]])
                != nil
        )
        #expect(
            validationError(["InputTransformer": ["InputTemplate": .string(String(repeating: "x", count: 8192))]])
                == nil
        )
    }

    @Test("paths are at most 256 characters and must be JSON paths")
    func paths() {
        let long = "$." + String(repeating: "a", count: 255)
        #expect(validationError(["InputPath": .string(long)]) != nil)
        #expect(validationError(["InputPath": "$.detail["]) != nil)
        #expect(validationError(["InputPath": "detail"]) != nil)
        #expect(
            validationError(["InputTransformer": ["InputPathsMap": ["a": "$.["], "InputTemplate": "\"<a>\""]]) != nil
        )
    }

    @Test("Input must be JSON text of at most 8192 characters")
    func inputText() {
        #expect(validationError(["Input": "not json"])?.message == "Input for target t1 is not a valid JSON text.")
        #expect(validationError(["Input": .string("\"" + String(repeating: "x", count: 8191) + "\"")]) != nil)
        #expect(validationError(["Input": "\"fine\""]) == nil)
    }

    @Test("fields of the wrong type are refused")
    func wrongTypes() {
        #expect(validationError(["InputPath": 1]) != nil)
        #expect(validationError(["InputTransformer": "<a>"]) != nil)
        #expect(validationError(["InputTransformer": ["InputPathsMap": ["a": 1], "InputTemplate": "\"<a>\""]]) != nil)
    }
}
