import SluiceJSON
import SluicePatterns
import Testing

/// One pattern against one event; `event` holds the fields added to a minimal valid envelope.
struct PatternCase: Sendable, CustomTestStringConvertible {
    let name: String
    let pattern: String
    let event: String
    let matches: Bool

    init(_ name: String, _ pattern: String, _ event: String, _ matches: Bool) {
        self.name = name
        self.pattern = pattern
        self.event = event
        self.matches = matches
    }

    var testDescription: String { name }

    /// The event with the envelope fields TestEventPattern requires.
    var eventDocument: JSONValue {
        get throws {
            guard case .object(var object) = try JSONParser.parse(event) else { throw PatternTestError() }
            for (key, value) in Envelope.fields where !object.contains(key) { object[key] = value }
            return .object(object)
        }
    }
}

/// A pattern EventBridge refuses, with the reason it gives.
struct RejectedCase: Sendable, CustomTestStringConvertible {
    let pattern: String
    let reason: String

    init(_ pattern: String, _ reason: String) {
        self.pattern = pattern
        self.reason = reason
    }

    var testDescription: String { pattern }
}

struct PatternTestError: Error {}

enum Envelope {
    static let fields: [(String, JSONValue)] = [
        ("version", "0"), ("id", "1"), ("detail-type", "test-detail-type"), ("source", "test-source"),
        ("account", "123456789012"), ("time", "2022-07-13T13:48:01Z"), ("region", "us-east-2"),
    ]
}

// MARK: - Cases by operator

enum ExactCases {
    static let all: [PatternCase] = [
        PatternCase("string", #"{"detail": {"state": ["running"]}}"#, #"{"detail": {"state": "running"}}"#, true),
        PatternCase("other string", #"{"detail": {"state": ["running"]}}"#, #"{"detail": {"state": "stop"}}"#, false),
        PatternCase("any of the list", #"{"source": ["aws.ec2", "test-source"]}"#, "{}", true),
        PatternCase("case sensitive", #"{"source": ["Test-Source"]}"#, "{}", false),
        PatternCase("key case sensitive", #"{"Source": ["test-source"]}"#, "{}", false),
        PatternCase("empty string", #"{"detail": {"v": [""]}}"#, #"{"detail": {"v": ""}}"#, true),
        PatternCase("null", #"{"detail": {"v": [null]}}"#, #"{"detail": {"v": null}}"#, true),
        PatternCase("null is not the string null", #"{"detail": {"v": [null]}}"#, #"{"detail": {"v": "null"}}"#, false),
        PatternCase("null is not missing", #"{"detail": {"v": [null]}}"#, #"{"detail": {}}"#, false),
        PatternCase("null is not an empty array", #"{"detail": {"v": [null]}}"#, #"{"detail": {"v": []}}"#, false),
        PatternCase("boolean", #"{"detail": {"v": [false]}}"#, #"{"detail": {"v": false}}"#, true),
        PatternCase("boolean is not a string", #"{"detail": {"v": [true]}}"#, #"{"detail": {"v": "true"}}"#, false),
        PatternCase("numbers by value", #"{"detail": {"v": [300]}}"#, #"{"detail": {"v": 300.0}}"#, true),
        PatternCase("scientific notation", #"{"detail": {"v": [3.0e2]}}"#, #"{"detail": {"v": 300}}"#, true),
        PatternCase("number is not a string", #"{"detail": {"v": [300]}}"#, #"{"detail": {"v": "300"}}"#, false),
        PatternCase("string is not a number", #"{"detail": {"v": ["300"]}}"#, #"{"detail": {"v": 300}}"#, false),
        PatternCase("large integer as written", #"{"account": [123456789012]}"#, #"{"account": 123456789012}"#, true),
        PatternCase(
            "bytes, not canonical equivalence",
            #"{"detail": {"v": ["é"]}}"#,
            #"{"detail": {"v": "e\u0301"}}"#,
            false
        ),
        PatternCase("escaped characters", #"{"detail": {"v": ["*", "\\"]}}"#, #"{"detail": {"v": "\\"}}"#, true),
        PatternCase("surrogate pair escape", #"{"detail": {"v": ["\ud83d\ude80"]}}"#, #"{"detail": {"v": "🚀"}}"#, true),
        PatternCase("string holding JSON", #"{"detail": {"k": ["v"]}}"#, #"{"detail": "{\"k\": \"v\"}"}"#, false),
        PatternCase(
            "IP literal by address",
            #"{"detail": {"ip": ["2001:db8::1"]}}"#,
            #"{"detail": {"ip": "2001:0db8:0:0:0:0:0:1"}}"#,
            true
        ),
    ]
}

enum PrefixSuffixCases {
    static let all: [PatternCase] = [
        PatternCase("prefix", #"{"time": [{"prefix": "2022-07-13"}]}"#, "{}", true),
        PatternCase("prefix miss", #"{"time": [{"prefix": "2022-07-99"}]}"#, "{}", false),
        PatternCase("empty prefix takes every string", #"{"source": [{"prefix": ""}]}"#, "{}", true),
        PatternCase(
            "prefix only on strings",
            #"{"detail": {"n": [{"prefix": "1"}]}}"#,
            #"{"detail": {"n": 12}}"#,
            false
        ),
        PatternCase("suffix", #"{"detail": {"f": [{"suffix": ".png"}]}}"#, #"{"detail": {"f": "image.png"}}"#, true),
        PatternCase(
            "suffix is case sensitive",
            #"{"detail": {"f": [{"suffix": ".PNG"}]}}"#,
            #"{"detail": {"f": "a.png"}}"#,
            false
        ),
        PatternCase(
            "prefix ignoring case",
            #"{"detail": {"service": [{"prefix": {"equals-ignore-case": "EventB"}}]}}"#,
            #"{"detail": {"service": "EvEnTbridge"}}"#,
            true
        ),
        PatternCase(
            "suffix ignoring case",
            #"{"detail": {"f": [{"suffix": {"equals-ignore-case": ".png"}}]}}"#,
            #"{"detail": {"f": "image.PNG"}}"#,
            true
        ),
        PatternCase(
            "suffix ignoring case, other ending",
            #"{"detail": {"f": [{"suffix": {"equals-ignore-case": ".png"}}]}}"#,
            #"{"detail": {"f": "image.PNGX"}}"#,
            false
        ),
    ]
}

enum EqualsIgnoreCaseCases {
    static let all: [PatternCase] = [
        PatternCase("ASCII", #"{"detail-type": [{"equals-ignore-case": "TEST-detail-TYPE"}]}"#, "{}", true),
        PatternCase("different", #"{"detail-type": [{"equals-ignore-case": "test"}]}"#, "{}", false),
        PatternCase(
            "empty operand",
            #"{"detail": {"v": [{"equals-ignore-case": ""}]}}"#,
            #"{"detail": {"v": ""}}"#,
            true
        ),
        PatternCase(
            "empty operand, other value",
            #"{"detail": {"v": [{"equals-ignore-case": ""}]}}"#,
            #"{"detail": {"v": "x"}}"#,
            false
        ),
        PatternCase(
            "accented",
            #"{"detail": {"v": [{"equals-ignore-case": "ÉTÉ"}]}}"#,
            #"{"detail": {"v": "été"}}"#,
            true
        ),
        PatternCase(
            "sharp s upper-cases to SS",
            #"{"detail": {"v": [{"equals-ignore-case": "straße"}]}}"#,
            #"{"detail": {"v": "STRASSE"}}"#,
            true
        ),
        PatternCase(
            "an array of values",
            #"{"detail": {"v": [{"equals-ignore-case": "b"}]}}"#,
            #"{"detail": {"v": ["a", "B"]}}"#,
            true
        ),
        PatternCase(
            "not a number",
            #"{"detail": {"v": [{"equals-ignore-case": "1"}]}}"#,
            #"{"detail": {"v": 1}}"#,
            false
        ),
    ]
}

enum WildcardCases {
    static let all: [PatternCase] = [
        PatternCase(
            "ARN",
            #"{"detail": {"arn": [{"wildcard": "arn:aws:events:us-east-1:*:event-bus/*"}]}}"#,
            #"{"detail": {"arn": "arn:aws:events:us-east-1:123456789012:event-bus/myEventBus"}}"#,
            true
        ),
        PatternCase(
            "star spans slashes",
            #"{"detail": {"f": [{"wildcard": "/Users/*/doc.txt"}]}}"#,
            #"{"detail": {"f": "/Users/a/b/c/doc.txt"}}"#,
            true
        ),
        PatternCase(
            "repeated runs after a star",
            #"{"detail": {"f": [{"wildcard": "/Users/*/dir/dir/doc.txt"}]}}"#,
            #"{"detail": {"f": "/Users/u/dir/dir/dir/doc.txt"}}"#,
            true
        ),
        PatternCase(
            "star matches nothing",
            #"{"detail": {"f": [{"wildcard": "a*b"}]}}"#,
            #"{"detail": {"f": "ab"}}"#,
            true
        ),
        PatternCase("anchored", #"{"detail": {"f": [{"wildcard": "a*b"}]}}"#, #"{"detail": {"f": "abc"}}"#, false),
        PatternCase("empty operand", #"{"detail": {"f": [{"wildcard": ""}]}}"#, #"{"detail": {"f": "x"}}"#, false),
        PatternCase("escaped star", #"{"detail": {"f": [{"wildcard": "a\\*b"}]}}"#, #"{"detail": {"f": "a*b"}}"#, true),
        PatternCase(
            "escaped star is literal",
            #"{"detail": {"f": [{"wildcard": "a\\*b"}]}}"#,
            #"{"detail": {"f": "axb"}}"#,
            false
        ),
        PatternCase("strings only", #"{"detail": {"f": [{"wildcard": "*"}]}}"#, #"{"detail": {"f": 5}}"#, false),
    ]
}

enum AnythingButCases {
    static let all: [PatternCase] = [
        PatternCase(
            "string",
            #"{"detail": {"s": [{"anything-but": "init"}]}}"#,
            #"{"detail": {"s": "running"}}"#,
            true
        ),
        PatternCase(
            "the excluded string",
            #"{"detail": {"s": [{"anything-but": "init"}]}}"#,
            #"{"detail": {"s": "init"}}"#,
            false
        ),
        PatternCase(
            "null passes",
            #"{"detail": {"s": [{"anything-but": "init"}]}}"#,
            #"{"detail": {"s": null}}"#,
            true
        ),
        PatternCase("missing fails", #"{"detail": {"s": [{"anything-but": "init"}]}}"#, #"{"detail": {}}"#, false),
        PatternCase(
            "number list",
            #"{"detail": {"x": [{"anything-but": [100, 200]}]}}"#,
            #"{"detail": {"x": 100.0}}"#,
            false
        ),
        PatternCase(
            "number list, other",
            #"{"detail": {"x": [{"anything-but": [100, 200]}]}}"#,
            #"{"detail": {"x": 150}}"#,
            true
        ),
        PatternCase(
            "number against string",
            #"{"detail": {"x": [{"anything-but": "101"}]}}"#,
            #"{"detail": {"x": 101}}"#,
            true
        ),
        PatternCase(
            "one array element passes",
            #"{"detail": {"x": [{"anything-but": "a"}]}}"#,
            #"{"detail": {"x": ["a", "b"]}}"#,
            true
        ),
        PatternCase(
            "every array element excluded",
            #"{"detail": {"x": [{"anything-but": ["a", "b"]}]}}"#,
            #"{"detail": {"x": ["a", "b"]}}"#,
            false
        ),
        PatternCase(
            "prefix",
            #"{"detail": {"s": [{"anything-but": {"prefix": "init"}}]}}"#,
            #"{"detail": {"s": "post-init"}}"#,
            true
        ),
        PatternCase(
            "prefix excluded",
            #"{"detail": {"s": [{"anything-but": {"prefix": "init"}}]}}"#,
            #"{"detail": {"s": "init-x"}}"#,
            false
        ),
        PatternCase(
            "prefix against number",
            #"{"detail": {"s": [{"anything-but": {"prefix": "init"}}]}}"#,
            #"{"detail": {"s": 12}}"#,
            true
        ),
        PatternCase(
            "suffix list",
            #"{"detail": {"f": [{"anything-but": {"suffix": [".txt", ".jpg"]}}]}}"#,
            #"{"detail": {"f": "a.jpg"}}"#,
            false
        ),
        PatternCase(
            "ignoring case",
            #"{"detail": {"s": [{"anything-but": {"equals-ignore-case": ["a", "b"]}}]}}"#,
            #"{"detail": {"s": "B"}}"#,
            false
        ),
        PatternCase(
            "wildcard",
            #"{"detail": {"p": [{"anything-but": {"wildcard": "*/lib/*"}}]}}"#,
            #"{"detail": {"p": "/usr/bin/x"}}"#,
            true
        ),
        PatternCase(
            "wildcard excluded",
            #"{"detail": {"p": [{"anything-but": {"wildcard": "*/lib/*"}}]}}"#,
            #"{"detail": {"p": "/usr/lib/x"}}"#,
            false
        ),
        PatternCase(
            "empty wildcard excludes only the empty string",
            #"{"detail": {"p": [{"anything-but": {"wildcard": ""}}]}}"#,
            #"{"detail": {"p": "x"}}"#,
            true
        ),
    ]
}

enum NumericCases {
    static let all: [PatternCase] = [
        PatternCase("range", #"{"detail": {"c": [{"numeric": [">", 0, "<=", 5]}]}}"#, #"{"detail": {"c": 5}}"#, true),
        PatternCase(
            "open top",
            #"{"detail": {"c": [{"numeric": [">", 0, "<", 5]}]}}"#,
            #"{"detail": {"c": 5}}"#,
            false
        ),
        PatternCase(
            "open bottom",
            #"{"detail": {"c": [{"numeric": [">", 0, "<", 5]}]}}"#,
            #"{"detail": {"c": 0}}"#,
            false
        ),
        PatternCase("equals", #"{"detail": {"x": [{"numeric": ["=", 301.8]}]}}"#, #"{"detail": {"x": 3.018e2}}"#, true),
        PatternCase("int against float", #"{"number": [{"numeric": [">", 100]}]}"#, #"{"number": 101.0}"#, true),
        PatternCase("numbers only", #"{"detail": {"c": [{"numeric": [">", 0]}]}}"#, #"{"detail": {"c": "5"}}"#, false),
        PatternCase(
            "null is not a number",
            #"{"detail": {"c": [{"numeric": [">", 0]}]}}"#,
            #"{"detail": {"c": null}}"#,
            false
        ),
        PatternCase("negative", #"{"detail": {"c": [{"numeric": ["<", 0]}]}}"#, #"{"detail": {"c": -0.5}}"#, true),
        PatternCase(
            "six decimals",
            #"{"detail": {"c": [{"numeric": [">", 0.000001]}]}}"#,
            #"{"detail": {"c": 0.000002}}"#,
            true
        ),
        PatternCase(
            "beyond six decimals",
            #"{"detail": {"c": [{"numeric": [">", 1]}]}}"#,
            #"{"detail": {"c": 1.0000001}}"#,
            false
        ),
        PatternCase(
            "beyond the range",
            #"{"detail": {"c": [{"numeric": [">", 1]}]}}"#,
            #"{"detail": {"c": 6e11}}"#,
            false
        ),
        PatternCase(
            "in an array",
            #"{"detail": {"c": [{"numeric": [">", 10]}]}}"#,
            #"{"detail": {"c": [1, 20]}}"#,
            true
        ),
    ]
}

enum ExistsCases {
    static let all: [PatternCase] = [
        PatternCase("present", #"{"detail": {"k": [{"exists": true}]}}"#, #"{"detail": {"k": "v"}}"#, true),
        PatternCase("null is present", #"{"detail": {"k": [{"exists": true}]}}"#, #"{"detail": {"k": null}}"#, true),
        PatternCase("absent", #"{"detail": {"k": [{"exists": true}]}}"#, #"{"detail": {}}"#, false),
        PatternCase(
            "objects are not leaves",
            #"{"detail": {"k": [{"exists": true}]}}"#,
            #"{"detail": {"k": {"a": 1}}}"#,
            false
        ),
        PatternCase("empty array has no value", #"{"resources": [{"exists": true}]}"#, #"{"resources": []}"#, false),
        PatternCase("false when missing", #"{"detail": {"k": [{"exists": false}]}}"#, #"{"detail": {}}"#, true),
        PatternCase("false when present", #"{"detail": {"k": [{"exists": false}]}}"#, #"{"detail": {"k": 1}}"#, false),
        PatternCase(
            "false on an object",
            #"{"detail": {"k": [{"exists": false}]}}"#,
            #"{"detail": {"k": {"a": 1}}}"#,
            true
        ),
        PatternCase(
            "or with a value",
            #"{"d": {"s": [{"anything-but": ["roses"]}, {"exists": false}]}}"#,
            #"{"d": {"n": "789"}}"#,
            true
        ),
        PatternCase(
            "inside array elements",
            #"{"detail": {"automations": {"id": [{"exists": true}]}}}"#,
            #"{"detail": {"automations": [{"key1": "value1"}, {"id": "x"}]}}"#,
            true
        ),
    ]
}

enum CIDRCases {
    static let all: [PatternCase] = [
        PatternCase(
            "v4",
            #"{"detail": {"ip": [{"cidr": "10.0.0.0/24"}]}}"#,
            #"{"detail": {"ip": "10.0.0.255"}}"#,
            true
        ),
        PatternCase(
            "v4 outside",
            #"{"detail": {"ip": [{"cidr": "10.0.0.0/24"}]}}"#,
            #"{"detail": {"ip": "10.0.1.0"}}"#,
            false
        ),
        PatternCase(
            "not a string",
            #"{"detail": {"ip": [{"cidr": "10.0.0.0/24"}]}}"#,
            #"{"detail": {"ip": 123}}"#,
            false
        ),
        PatternCase(
            "v6",
            #"{"detail": {"ip": [{"cidr": "2001:db8:1234:1a00::/64"}]}}"#,
            #"{"detail": {"ip": "2001:0db8:1234:1a00:0000:0000:0000:0001"}}"#,
            true
        ),
        PatternCase(
            "v4 and v6 never mix",
            #"{"detail": {"ip": [{"cidr": "0.0.0.0/0"}]}}"#,
            #"{"detail": {"ip": "::1"}}"#,
            false
        ),
        PatternCase(
            "host bits are not cleared",
            #"{"detail": {"ip": [{"cidr": "10.0.0.5/24"}]}}"#,
            #"{"detail": {"ip": "10.0.0.3"}}"#,
            false
        ),
    ]
}

enum StructureCases {
    static let all: [PatternCase] = [
        PatternCase(
            "nested",
            #"{"detail": {"event": {"data": {"type": ["1"]}}}}"#,
            #"{"detail": {"event": {"data": {"type": "1"}}}}"#,
            true
        ),
        PatternCase(
            "dotted pattern key",
            #"{"detail": {"state.status": ["running"]}}"#,
            #"{"detail": {"state": {"status": "running"}}}"#,
            true
        ),
        PatternCase(
            "dotted event key",
            #"{"detail": {"state": {"status": ["running"]}}}"#,
            #"{"detail": {"state.status": "running"}}"#,
            true
        ),
        PatternCase("array intersects", #"{"resources": ["a", "b"]}"#, #"{"resources": ["c", "b"]}"#, true),
        PatternCase("array disjoint", #"{"resources": ["a", "b"]}"#, #"{"resources": ["c"]}"#, false),
        PatternCase(
            "fields from one element",
            #"{"employees": {"firstName": ["Anna"], "lastName": ["Smith"]}}"#,
            #"{"employees": [{"firstName": "John", "lastName": "Doe"}, {"firstName": "Anna", "lastName": "Smith"}]}"#,
            true
        ),
        PatternCase(
            "fields from two elements",
            #"{"employees": {"firstName": ["Anna"], "lastName": ["Doe"]}}"#,
            #"{"employees": [{"firstName": "John", "lastName": "Doe"}, {"firstName": "Anna", "lastName": "Smith"}]}"#,
            false
        ),
        PatternCase(
            "arrays of arrays",
            #"{"employees": {"firstName": ["Peter"]}}"#,
            #"{"employees": [[{"firstName": "John"}], [{"firstName": "Peter"}]]}"#,
            true
        ),
        PatternCase(
            "$or",
            #"{"detail": {"$or": [{"c": [{"numeric": [">", 0]}]}, {"d": [{"numeric": ["<", 10]}]}]}}"#,
            #"{"detail": {"c": 0, "d": 0}}"#,
            true
        ),
        PatternCase(
            "$or, no branch",
            #"{"detail": {"$or": [{"c": [{"numeric": [">", 0]}]}, {"d": [{"numeric": ["<", 10]}]}]}}"#,
            #"{"detail": {"c": 0, "d": 11}}"#,
            false
        ),
        PatternCase(
            "$or with a shared field",
            #"{"source": ["test-source"], "$or": [{"a": ["x"]}, {"b": ["y"]}]}"#,
            #"{"b": "y"}"#,
            true
        ),
        PatternCase(
            "duplicate keys: the last list wins",
            #"{"detail": {"location": [{"prefix": "us-"}], "location": [{"anything-but": "us-east"}]}}"#,
            #"{"detail": {"location": "eu-central-1"}}"#,
            true
        ),
        PatternCase(
            "duplicate objects merge",
            #"{"detail": {"a": ["x"]}, "detail": {"b": ["y"]}}"#,
            #"{"detail": {"a": "x", "b": "z"}}"#,
            false
        ),
        PatternCase("text after the pattern is ignored", #"{"source": ["test-source"]} trailing"#, "{}", true),
        PatternCase(
            "an empty key is a path step",
            #"{"detail": {"": {"b": [1]}}}"#,
            #"{"detail": {"": {"b": 1}}}"#,
            true
        ),
        PatternCase(
            "nested $or multiplies",
            #"{"$or": [{"a": [1]}, {"b": [1]}], "c": {"$or": [{"d": [1]}, {"e": [1]}]}}"#,
            #"{"b": 1, "c": {"e": 1}}"#,
            true
        ),
    ]
}

/// Examples from AWS's "Event patterns" and "Content filtering" pages, against their sample events.
enum DocumentationCases {
    static let ec2Event = #"""
        {"version": "0", "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
         "detail-type": "EC2 Instance State-change Notification", "source": "aws.ec2", "account": "111122223333",
         "time": "2017-12-22T18:43:48Z", "region": "us-west-1",
         "resources": ["arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0"],
         "detail": {"instance-id": "i-1234567890abcdef0", "state": "terminated"}}
        """#

    static let rulerEvent = #"""
        {"version": "0", "id": "ddddd4-aaaa-7777-4444-345dd43cc333",
         "detail-type": "EC2 Instance State-change Notification", "source": "aws.ec2", "account": "012345679012",
         "time": "2017-10-02T16:24:49Z", "region": "us-east-1",
         "resources": ["arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000"],
         "detail": {"c-count": 5, "d-count": 3, "x-limit": 301.8, "source-ip": "10.0.0.33",
                    "instance-id": "i-000000aaaaaa00000", "state": "running"}}
        """#

    static let all: [PatternCase] = [
        PatternCase(
            "EC2 terminations",
            #"{"source": ["aws.ec2"], "detail-type": ["EC2 Instance State-change Notification"], "detail": {"state": ["terminated"]}}"#,
            ec2Event,
            true
        ),
        PatternCase("EC2 or Fargate", #"{"source": ["aws.ec2", "aws.fargate"]}"#, ec2Event, true),
        PatternCase(
            "complex example",
            #"""
            {"time": [{"prefix": "2017-10-02"}],
             "detail": {"state": [{"anything-but": "initializing"}], "c-count": [{"numeric": [">", 0, "<=", 5]}],
                        "d-count": [{"numeric": ["<", 10]}], "x-limit": [{"anything-but": [100, 200, 300]}],
                        "source-ip": [{"cidr": "10.0.0.0/8"}]}}
            """#,
            rulerEvent,
            true
        ),
        PatternCase(
            "numeric example",
            #"{"detail": {"c-count": [{"numeric": [">", 0, "<=", 5]}], "d-count": [{"numeric": ["<", 10]}], "x-limit": [{"numeric": ["=", 3.018e2]}]}}"#,
            rulerEvent,
            true
        ),
        PatternCase(
            "nested $or",
            #"""
            {"source": ["aws.ec2"],
             "$or": [{"detail": {"state": ["stopped"]}},
                     {"detail": {"c-count": [5], "$or": [{"d-count": [1]}, {"d-count": [3]}]}}]}
            """#,
            rulerEvent,
            true
        ),
        PatternCase(
            "resources intersection",
            #"{"resources": ["arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f", "arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000"]}"#,
            rulerEvent,
            true
        ),
    ]
}

enum RejectedCases {
    static let all: [RejectedCase] = [
        RejectedCase(#"["not", "an", "object"]"#, "Filter is not an object"),
        RejectedCase(
            #"{'bad': 'quotation'}"#,
            "Unexpected character (''' (code 39)): was expecting double-quote to start field name"
        ),
        RejectedCase(
            #"{"not": closed mark""#,
            "Unrecognized token 'closed': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"
        ),
        RejectedCase(
            #"{"a": ["b" "c"]}"#,
            "Unexpected character ('\"' (code 34)): was expecting comma to separate Array entries"
        ),
        RejectedCase(#"{"int": 42}"#, "\"int\" must be an object or an array"),
        RejectedCase(#"{"resources": []}"#, "Empty arrays are not allowed"),
        RejectedCase(#"{"detail": {}}"#, "Empty objects are not allowed"),
        RejectedCase(#"{"a": [["b"]]}"#, "Match value must be String, number, true, false, or null"),
        RejectedCase(#"{"a": [{}]}"#, "Match expression name not found"),
        RejectedCase(#"{"a": [{"NUMERIC": ["=", 5]}]}"#, "Unrecognized match type NUMERIC"),
        RejectedCase(#"{"a": [{"prefix": 123}]}"#, "prefix match pattern must be a string"),
        RejectedCase(#"{"a": [{"prefix": "x", "suffix": "y"}]}"#, "Only one key allowed in match expression"),
        RejectedCase(#"{"a": [{"suffix": [".png"]}]}"#, "suffix match pattern must be a string"),
        RejectedCase(#"{"a": [{"prefix": {"anything-but": "x"}}]}"#, "Unsupported prefix pattern: anything-but"),
        RejectedCase(#"{"a": [{"equals-ignore-case": ["x"]}]}"#, "equals-ignore-case match pattern must be a string"),
        RejectedCase(#"{"a": [{"exists": "yes"}]}"#, "exists match pattern must be either true or false."),
        RejectedCase(#"{"a": [{"wildcard": "a**b"}]}"#, "Consecutive wildcard characters at pos 2"),
        RejectedCase(#"{"a": [{"wildcard": "*:*:*:*:*:event-bus/*"}]}"#, WildcardComplexityText.message),
        RejectedCase(#"{"a": [{"cidr": "bad-filter"}]}"#, "Malformed CIDR, one '/' required"),
        RejectedCase(#"{"a": [{"cidr": "10.0.0.0/x"}]}"#, "Malformed CIDR, mask bits must be an integer"),
        RejectedCase(#"{"a": [{"cidr": "xx.11.xx/8"}]}"#, "Nonstandard IP address: xx.11.xx"),
        RejectedCase(#"{"a": [{"cidr": ["10.0.0.0/8"]}]}"#, "prefix match pattern must be a string"),
        RejectedCase(#"{"a": [{"numeric": 5}]}"#, "Value of numeric must be an array."),
        RejectedCase(#"{"a": [{"numeric": [5]}]}"#, "Invalid member in numeric match: 5"),
        RejectedCase(#"{"a": [{"numeric": ["!=", 5]}]}"#, "Unrecognized numeric range operator: !="),
        RejectedCase(#"{"a": [{"numeric": [">", 0, ">", 0]}]}"#, "Bad numeric range operator: >"),
        RejectedCase(#"{"a": [{"numeric": [">", 0, "<"]}]}"#, "Value of < must be numeric"),
        RejectedCase(#"{"a": [{"numeric": ["<", 0, ">", 5]}]}"#, "Too many elements in numeric expression"),
        RejectedCase(#"{"a": [{"numeric": [">", 5, "<", 1]}]}"#, "Bottom must be less than top"),
        RejectedCase(#"{"a": [{"numeric": [">", 5e12]}]}"#, "Value must be between -5.0E11 and 5.0E11, inclusive"),
        RejectedCase(#"{"a": [{"numeric": ["=", 0.1234567]}]}"#, "Only values upto 6 decimals are supported"),
        RejectedCase(
            #"{"a": [{"anything-but": null}]}"#,
            "Value of anything-but must be an array or single string/number value."
        ),
        RejectedCase(
            #"{"a": [{"anything-but": ["x", null]}]}"#,
            "Inside anything but list, start|null|boolean is not supported."
        ),
        RejectedCase(
            #"{"a": [{"anything-but": ["x", 1]}]}"#,
            "Inside anything but list, either all values are number or string, mixed type is not supported"
        ),
        RejectedCase(#"{"a": [{"anything-but": {"regex": "x"}}]}"#, "Unsupported anything-but pattern: regex"),
        RejectedCase(#"{"a": [{"anything-but": {"prefix": ""}}]}"#, "Null prefix/suffix not allowed"),
        RejectedCase(#"{"a": [{"anything-but": {"prefix": 1}}]}"#, "prefix/suffix match pattern must be a string"),
        RejectedCase(
            #"{"a": [{"anything-but": {"equals-ignore-case": 1}}]}"#,
            "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported."
        ),
        RejectedCase(
            #"{"a": [{"anything-but": {"prefix": {"equals-ignore-case": "x"}}}]}"#,
            "Value of anything-but must be an array or single string/number value."
        ),
        RejectedCase(#"{"$or": [{"a": ["b"]}]}"#, "There must have at least 2 Objects in $or relationship."),
        RejectedCase(#"{"$or": {"a": ["b"]}}"#, "It must be an Array followed with $or."),
        RejectedCase(#"{"$or": [{"a": ["b"]}, "c"]}"#, "Only JSON object is allowed in array of $or relationship."),
        RejectedCase(
            #"{"$or": [{"numeric": ["b"]}, {"c": ["d"]}]}"#,
            "numeric is Ruler reserved fieldName which cannot be used inside $or."
        ),
    ]
}

enum WildcardComplexityText {
    static let message =
        "Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a "
        + "wildcard character"
}

// MARK: - Tests

@Suite struct EventPatternTests {
    private func check(_ testCase: PatternCase) throws {
        let event = try testCase.eventDocument
        try EventValidation.validate(event)
        let fromText = try EventPattern(text: testCase.pattern)
        #expect(fromText.matches(event) == testCase.matches, "\(testCase.name)")
        #expect(fromText.matches(FlattenedEvent(event)) == testCase.matches, "\(testCase.name), flattened")
    }

    @Test("exact values", arguments: ExactCases.all)
    func exact(_ testCase: PatternCase) throws { try check(testCase) }

    @Test("prefix and suffix", arguments: PrefixSuffixCases.all)
    func prefixSuffix(_ testCase: PatternCase) throws { try check(testCase) }

    @Test("equals-ignore-case", arguments: EqualsIgnoreCaseCases.all)
    func equalsIgnoreCase(_ testCase: PatternCase) throws { try check(testCase) }

    @Test("wildcard", arguments: WildcardCases.all)
    func wildcard(_ testCase: PatternCase) throws { try check(testCase) }

    @Test("anything-but", arguments: AnythingButCases.all)
    func anythingBut(_ testCase: PatternCase) throws { try check(testCase) }

    @Test("numeric", arguments: NumericCases.all)
    func numeric(_ testCase: PatternCase) throws { try check(testCase) }

    @Test("exists", arguments: ExistsCases.all)
    func exists(_ testCase: PatternCase) throws { try check(testCase) }

    @Test("cidr", arguments: CIDRCases.all)
    func cidr(_ testCase: PatternCase) throws { try check(testCase) }

    @Test("nesting, arrays, $or and keys", arguments: StructureCases.all)
    func structure(_ testCase: PatternCase) throws { try check(testCase) }

    @Test("AWS documentation examples", arguments: DocumentationCases.all)
    func documentation(_ testCase: PatternCase) throws { try check(testCase) }

    @Test("invalid patterns are refused with AWS's reason", arguments: RejectedCases.all)
    func rejected(_ testCase: RejectedCase) {
        let error = EventPattern.check(text: testCase.pattern)
        #expect(error?.code == "InvalidEventPatternException")
        #expect(
            error?.message.split(separator: "\n").first.map(String.init) == "Event pattern is not valid. Reason: "
                + testCase.reason
        )
    }

    @Test("a parsed document compiles like its text")
    func documentAndText() throws {
        let text = #"{"detail": {"c": [{"numeric": [">", 0, "<=", 5]}], "s": [{"anything-but": [1.5, 2]}]}}"#
        let document = try JSONParser.parse(text)
        let event: JSONValue = ["detail": ["c": 5, "s": 3]]
        #expect(try EventPattern(document).matches(event) == EventPattern(text: text).matches(event))
        #expect(throws: PatternError.self) { try EventPattern(["a": 1] as JSONValue) }
    }

    @Test("a pattern longer than 4096 characters is a ValidationException")
    func tooLong() {
        let text = #"{"a": [""# + String(repeating: "x", count: 4100) + #""]}"#
        #expect(EventPattern.check(text: text)?.code == "ValidationException")
    }

    @Test("TestEventPattern's event checks")
    func eventValidation() throws {
        #expect(throws: PatternError.self) { try EventValidation.event(text: "plain string") }
        #expect(throws: PatternError.self) { try EventValidation.event(text: "[1]") }
        #expect(throws: PatternError.self) { try EventValidation.event(text: #"{"id": "1"}"#) }
        let valid = #"{"id": "1", "account": "1", "source": "s", "time": "t", "region": "r", "detail-type": "d"}"#
        #expect(throws: Never.self) { try EventValidation.event(text: valid) }
        #expect(EventValidation.mandatoryFields.count == 6)
    }

    @Test("array consistency judges exists: false after the fields before it")
    func absenceInArrays() throws {
        let event: JSONValue = ["a": [["x": 1, "y": 2], ["x": 3]]]
        #expect(try EventPattern(text: #"{"a": {"x": [3], "y": [{"exists": false}]}}"#).matches(event))
        #expect(try !EventPattern(text: #"{"a": {"x": [1], "y": [{"exists": false}]}}"#).matches(event))
    }
}

/// Complexity figures from event-ruler's own tests: the most wildcard-pattern prefixes one value can match.
struct ComplexityCase: Sendable, CustomTestStringConvertible {
    let patterns: [String]
    let score: Int

    var testDescription: String { patterns.joined(separator: " + ") }
}

@Suite struct EventPatternPartsTests {
    @Test(
        "wildcard complexity counts the prefixes one value can match",
        arguments: [
            ComplexityCase(patterns: ["*"], score: 1), ComplexityCase(patterns: ["*ab"], score: 2),
            ComplexityCase(patterns: ["*aa"], score: 3), ComplexityCase(patterns: ["a*b"], score: 2),
            ComplexityCase(patterns: ["aa*"], score: 2), ComplexityCase(patterns: ["a*bbb"], score: 4),
            ComplexityCase(patterns: ["*ab*ad"], score: 4), ComplexityCase(patterns: ["*aba*"], score: 4),
            ComplexityCase(patterns: ["a*b*bb"], score: 5), ComplexityCase(patterns: ["*ab*b*b*"], score: 7),
            ComplexityCase(patterns: ["a*aaa", "aa*aa"], score: 7),
            ComplexityCase(patterns: ["ab*cd", "ab*wx", "ab*yz"], score: 6),
            ComplexityCase(patterns: ["ab*c", "ab*c"], score: 2),
            ComplexityCase(patterns: ["*:stack/A/*", "*:stack/B/*", "*:stack/C/*"], score: 9),
        ]
    )
    func complexity(_ testCase: ComplexityCase) throws {
        let patterns = try testCase.patterns.map { try WildcardPattern($0) }
        #expect(WildcardComplexity.score(patterns) == testCase.score)
    }

    @Test("numbers compare as exact millionths within ±5.0e11")
    func comparableNumbers() throws {
        #expect(try ComparableNumber(text: "1.5").micros == 1_500_000)
        #expect(try ComparableNumber(text: "3.018e2").micros == 301_800_000)
        #expect(try ComparableNumber(text: "0.10000000").micros == 100_000)
        #expect(try ComparableNumber(text: "-0").micros == 0)
        #expect(try ComparableNumber(text: "5e11").micros == ComparableNumber.limit)
        #expect(throws: ComparableNumber.Failure.tooManyDecimals) { try ComparableNumber(text: "1.0000001") }
        #expect(throws: ComparableNumber.Failure.outOfRange) { try ComparableNumber(text: "500000000000.000001") }
        #expect(ComparableNumber(JSONValue.double(301.8))?.micros == 301_800_000)
        #expect(ComparableNumber(JSONValue.string("1")) == nil)
    }

    @Test("CIDR blocks and addresses read as event-ruler reads them")
    func addresses() throws {
        let block = try IPRange(cidr: "10.0.0.0/24")
        #expect(block.contains([10, 0, 0, 255]))
        #expect(!block.contains([10, 0, 1, 0]))
        #expect(IPAddress.bytes(of: "::ffff:a00:1") == [10, 0, 0, 1])
        #expect(IPAddress.bytes(of: "010.0.0.1") == nil)
        #expect(IPAddress.bytes(of: "2001:db8::1")?.count == 16)
        #expect(throws: IPRange.SyntaxError.self) { try IPRange(cidr: "10.0.0.0/") }
    }
}
