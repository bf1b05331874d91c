import SluiceJSON
import SluicePatterns
import Testing

/// SNS subscription filter policies: the examples of AWS's "Amazon SNS message filtering" pages, operator by
/// operator and in both scopes, then the validation rules and messages.
struct FilterPolicyTests {
    /// A message and whether the policy of the example accepts it.
    struct Example: Sendable, CustomTestStringConvertible {
        var policy: String
        var scope: FilterPolicyScope
        /// The body (MessageBody scope) or one attribute as `"Type:Value"` (MessageAttributes scope).
        var message: String
        var matches: Bool

        var testDescription: String { "\(policy) \(matches ? "matches" : "rejects") \(message)" }
    }

    static func attribute(_ policy: String, _ typeAndValue: String, _ matches: Bool) -> Example {
        Example(policy: policy, scope: .messageAttributes, message: typeAndValue, matches: matches)
    }

    static func body(_ policy: String, _ body: String, _ matches: Bool) -> Example {
        Example(policy: policy, scope: .messageBody, message: body, matches: matches)
    }

    /// Runs an example whose attribute (if any) is named by the policy's first key.
    static func run(_ example: Example) throws -> Bool {
        let policy = try FilterPolicy(text: example.policy, scope: example.scope)
        guard example.scope == .messageAttributes else {
            return policy.matches(message: example.message, attributes: [:])
        }
        let name = try #require(try JSONParser.parse(example.policy).objectValue?.keys.first)
        let parts = example.message.split(separator: ":", maxSplits: 1).map(String.init)
        let attributes: JSONObject = [name: ["DataType": .string(parts[0]), "StringValue": .string(parts[1])]]
        return policy.matches(message: "", attributes: attributes)
    }

    @Test(
        "Exact, prefix, suffix and equals-ignore-case string matching",
        arguments: [
            attribute(#"{"customer_interests": ["rugby", "tennis"]}"#, "String:rugby", true),
            attribute(#"{"customer_interests": ["rugby", "tennis"]}"#, "String:tennis", true),
            attribute(#"{"customer_interests": ["rugby", "tennis"]}"#, #"String.Array:["rugby", "tennis"]"#, true),
            attribute(#"{"customer_interests": ["rugby", "tennis"]}"#, "String:baseball", false),
            attribute(#"{"customer_interests": ["rugby", "tennis"]}"#, #"String.Array:["baseball"]"#, false),
            attribute(#"{"customer_interests": ["rugby"]}"#, "String:Rugby", false),
            body(#"{"customer_interests": ["rugby", "tennis"]}"#, #"{"customer_interests": "rugby"}"#, true),
            body(#"{"customer_interests": ["rugby", "tennis"]}"#, #"{"customer_interests": "baseball"}"#, false),
            attribute(#"{"customer_interests": [{"prefix": "bas"}]}"#, "String:baseball", true),
            attribute(#"{"customer_interests": [{"prefix": "bas"}]}"#, "String:basketball", true),
            attribute(#"{"customer_interests": [{"prefix": "bas"}]}"#, "String:rugby", false),
            body(#"{"customer_interests": [{"prefix": "bas"}]}"#, #"{"customer_interests": "basketball"}"#, true),
            attribute(#"{"customer_interests": [{"suffix": "ball"}]}"#, "String:baseball", true),
            attribute(#"{"customer_interests": [{"suffix": "ball"}]}"#, "String:rugby", false),
            body(#"{"customer_interests": [{"suffix": "ball"}]}"#, #"{"customer_interests": "basketball"}"#, true),
            attribute(#"{"customer_interests": [{"equals-ignore-case": "tennis"}]}"#, "String:TENNIS", true),
            attribute(#"{"customer_interests": [{"equals-ignore-case": "tennis"}]}"#, "String:Tennis", true),
            attribute(#"{"customer_interests": [{"equals-ignore-case": "tennis"}]}"#, "String:rugby", false),
            body(
                #"{"customer_interests": [{"equals-ignore-case": "tennis"}]}"#,
                #"{"customer_interests": "teNNis"}"#,
                true
            ),
            // A prefix or suffix never matches a number.
            body(#"{"code": [{"prefix": "1"}]}"#, #"{"code": 123}"#, false),
        ]
    )
    func stringMatching(_ example: Example) throws {
        #expect(try Self.run(example) == example.matches)
    }

    @Test(
        "anything-but, with values or a prefix",
        arguments: [
            attribute(#"{"customer_interests": [{"anything-but": ["rugby", "tennis"]}]}"#, "String:baseball", true),
            attribute(#"{"customer_interests": [{"anything-but": ["rugby", "tennis"]}]}"#, "String:football", true),
            attribute(
                #"{"customer_interests": [{"anything-but": ["rugby", "tennis"]}]}"#,
                #"String.Array:["rugby", "baseball"]"#,
                true
            ),
            attribute(#"{"customer_interests": [{"anything-but": ["rugby", "tennis"]}]}"#, "String:rugby", false),
            body(#"{"customer_interests": [{"anything-but": "rugby"}]}"#, #"{"customer_interests": "rugby"}"#, false),
            body(#"{"customer_interests": [{"anything-but": "rugby"}]}"#, #"{}"#, false),
            attribute(#"{"event": [{"anything-but": {"prefix": "order-"}}]}"#, "String:data-entry", true),
            attribute(#"{"event": [{"anything-but": {"prefix": "order-"}}]}"#, "String:order_number", true),
            attribute(#"{"event": [{"anything-but": {"prefix": "order-"}}]}"#, "String:order-cancelled", false),
            attribute(#"{"price": [{"anything-but": [100, 500]}]}"#, "Number:101", true),
            attribute(#"{"price": [{"anything-but": [100, 500]}]}"#, "Number:100.1", true),
            attribute(#"{"price": [{"anything-but": [100, 500]}]}"#, "Number:100", false),
            body(#"{"price": [{"anything-but": [100, 500]}]}"#, #"{"price": [100, 50]}"#, true),
            body(#"{"price": [{"anything-but": [100, 500]}]}"#, #"{"price": 100}"#, false),
            body(#"{"price": [{"anything-but": [100, 500]}]}"#, #"{"price": 1e2}"#, false),
        ]
    )
    func anythingBut(_ example: Example) throws {
        #expect(try Self.run(example) == example.matches)
    }

    @Test(
        "Numeric equality and ranges (±1e9, five decimal places)",
        arguments: [
            attribute(#"{"price_usd": [{"numeric": ["=", 301.5]}]}"#, "Number:301.5", true),
            attribute(#"{"price_usd": [{"numeric": ["=", 301.5]}]}"#, "Number:3.015e2", true),
            body(#"{"price_usd": [{"numeric": ["=", 301.5]}]}"#, #"{"price_usd": 301.5}"#, true),
            body(#"{"price_usd": [{"numeric": ["=", 301.5]}]}"#, #"{"price_usd": 3.015e2}"#, true),
            body(#"{"price_usd": [{"numeric": ["=", 301.5]}]}"#, #"{"price_usd": "301.5"}"#, false),
            attribute(#"{"price_usd": [{"numeric": ["<", 0]}]}"#, "Number:-0.5", true),
            attribute(#"{"price_usd": [{"numeric": ["<", 0]}]}"#, "Number:0", false),
            attribute(#"{"price_usd": [{"numeric": [">", 0, "<=", 150]}]}"#, "Number:150", true),
            attribute(#"{"price_usd": [{"numeric": [">", 0, "<=", 150]}]}"#, "Number:0", false),
            attribute(#"{"price_usd": [{"numeric": [">", 0, "<=", 150]}]}"#, "Number:150.00001", false),
            attribute(#"{"price_usd": [{"numeric": [">", 0, "<=", 150]}]}"#, "Number:150.000001", true),
            // Only Number attributes are numbers; a String attribute holding digits is a string.
            attribute(#"{"price_usd": [{"numeric": [">", 0]}]}"#, "String:10", false),
            body(#"{"price_usd": [{"numeric": [">=", 0]}]}"#, #"{"price_usd": 2e9}"#, false),
            body(#"{"price_usd": [100]}"#, #"{"price_usd": 100.0}"#, true),
            body(#"{"account": [123456789012]}"#, #"{"account": 123456789012}"#, true),
        ]
    )
    func numericMatching(_ example: Example) throws {
        #expect(try Self.run(example) == example.matches)
    }

    @Test(
        "IP address matching with cidr",
        arguments: [
            attribute(#"{"source_ip": [{"cidr": "10.0.0.0/24"}]}"#, "String:10.0.0.0", true),
            attribute(#"{"source_ip": [{"cidr": "10.0.0.0/24"}]}"#, "String:10.0.0.255", true),
            attribute(#"{"source_ip": [{"cidr": "10.0.0.0/24"}]}"#, "String:10.1.1.0", false),
            attribute(#"{"source_ip": [{"cidr": "10.0.0.0/24"}]}"#, "String:not-an-ip", false),
            body(#"{"ip": [{"cidr": "2001:db8:1234:1a00::/64"}]}"#, #"{"ip": "2001:0db8:1234:1a00:0:0:0:1"}"#, true),
            body(#"{"ip": [{"cidr": "2001:db8:1234:1a00::/64"}]}"#, #"{"ip": "2001:db8:1234:1a01::"}"#, false),
            body(#"{"ip": [{"cidr": "2001:db8:1234:1a00::/64"}]}"#, #"{"ip": "10.0.0.1"}"#, false),
            // An address written as an exact value matches any spelling of it.
            body(#"{"ip": ["2001:db8::1"]}"#, #"{"ip": "2001:0DB8:0:0:0:0:0:0001"}"#, true),
        ]
    )
    func cidrMatching(_ example: Example) throws {
        #expect(try Self.run(example) == example.matches)
    }

    @Test(
        "exists, null and Binary attributes",
        arguments: [
            attribute(#"{"store": [{"exists": true}]}"#, "String:fans", true),
            attribute(#"{"store": [{"exists": false}]}"#, "String:fans", false),
            attribute(#"{"store": [{"exists": true}]}"#, "Binary:AAEC", false),
            attribute(#"{"store": [{"exists": false}]}"#, "Binary:AAEC", true),
            attribute(#"{"store": ["AAEC"]}"#, "Binary:AAEC", false),
            body(#"{"store": [{"exists": true}]}"#, #"{"store": "fans", "customer_interests": ["baseball"]}"#, true),
            body(#"{"store": [{"exists": true}]}"#, #"{"customer_interests": ["baseball", "basketball"]}"#, false),
            body(#"{"store": [{"exists": false}]}"#, #"{"customer_interests": ["baseball", "basketball"]}"#, true),
            body(#"{"store": [{"exists": false}]}"#, #"{"store": "fans"}"#, false),
            // exists looks at values: an object, an empty array or an empty object is not one.
            body(#"{"store": [{"exists": true}]}"#, #"{"store": {"name": "fans"}}"#, false),
            body(#"{"store": [{"exists": false}]}"#, #"{"store": []}"#, true),
            body(#"{"store": [null]}"#, #"{"store": null}"#, true),
            body(#"{"store": [null]}"#, #"{}"#, false),
            body(#"{"flag": [true]}"#, #"{"flag": true}"#, true),
            body(#"{"flag": [true]}"#, #"{"flag": "true"}"#, false),
        ]
    )
    func existsAndLiterals(_ example: Example) throws {
        #expect(try Self.run(example) == example.matches)
    }

    @Test(
        "AND across keys, OR within a key and with $or",
        arguments: [
            body(
                #"{"customer_interests": ["rugby"], "price_usd": [{"numeric": [">", 100]}]}"#,
                #"{"customer_interests": "rugby", "price_usd": 101}"#,
                true
            ),
            body(
                #"{"customer_interests": ["rugby"], "price_usd": [{"numeric": [">", 100]}]}"#,
                #"{"customer_interests": "rugby", "price_usd": 100}"#,
                false
            ),
            body(
                #"{"source": ["aws.cloudwatch"], "$or": [{"metricName": ["CPUUtilization"]}, {"namespace": ["AWS/EC2"]}]}"#,
                #"{"source": "aws.cloudwatch", "namespace": "AWS/EC2"}"#,
                true
            ),
            body(
                #"{"source": ["aws.cloudwatch"], "$or": [{"metricName": ["CPUUtilization"]}, {"namespace": ["AWS/EC2"]}]}"#,
                #"{"source": "aws.events", "namespace": "AWS/EC2"}"#,
                false
            ),
            // "$or" with one alternative is an ordinary key name.
            body(#"{"$or": [{"prefix": "a"}]}"#, #"{"$or": "abc"}"#, true),
            attribute(#"{"$or": [{"prefix": "a"}]}"#, "String:abc", true),
        ]
    )
    func logic(_ example: Example) throws {
        #expect(try Self.run(example) == example.matches)
    }

    @Test(
        "MessageBody scope: nesting, dotted keys, arrays",
        arguments: [
            body(#"{"object": {"key": [{"prefix": "auto-"}]}}"#, #"{"object": {"key": "auto-1"}}"#, true),
            body(#"{"object": {"key": [{"prefix": "auto-"}]}}"#, #"{"object.key": "auto-1"}"#, true),
            body(#"{"object.key": [{"prefix": "auto-"}]}"#, #"{"object": [{"key": "home"}, {"key": "auto-1"}]}"#, true),
            body(#"{"object": {"key": [{"prefix": "auto-"}]}}"#, #"{"key": "auto-1"}"#, false),
            // Both values must come from the same element of an array.
            body(
                #"{"Records": {"eventName": ["Put"], "key": ["auto"]}}"#,
                #"{"Records": [{"eventName": "Put", "key": "home"}, {"eventName": "Delete", "key": "auto"}]}"#,
                false
            ),
            body(
                #"{"Records": {"eventName": ["Put"], "key": ["auto"]}}"#,
                #"{"Records": [{"eventName": "Delete", "key": "home"}, {"eventName": "Put", "key": "auto"}]}"#,
                true
            ),
            body(#"{"a": ["x"]}"#, #"Regular string message"#, false),
            body(#"{"a": [{"exists": false}]}"#, #"["a"]"#, false),
            body(#"{"a": [{"exists": false}]}"#, #""a""#, false),
        ]
    )
    func bodyScope(_ example: Example) throws {
        #expect(try Self.run(example) == example.matches)
    }

    @Test func stringArrayAttributeHoldsTypedValues() throws {
        let policy = try FilterPolicy(text: #"{"sizes": [5, null], "tags": ["blue"]}"#, scope: .messageAttributes)
        let attributes: JSONObject = [
            "sizes": ["DataType": "String.Array", "StringValue": #"["5", null]"#],
            "tags": ["DataType": "String.Array", "StringValue": #"["red", "blue"]"#],
        ]
        #expect(policy.matches(message: "", attributes: attributes))
        let noNull: JSONObject = [
            "sizes": ["DataType": "String.Array", "StringValue": #"["5"]"#],
            "tags": ["DataType": "String", "StringValue": "blue"],
        ]
        #expect(!policy.matches(message: "", attributes: noNull))
    }

    /// A refused policy: its scope and the part of SNS's message after "FilterPolicy: ".
    struct Refusal: Sendable, CustomTestStringConvertible {
        var policy: String
        var scope: FilterPolicyScope
        var reason: String

        var testDescription: String { policy }
    }

    static func refusal(_ policy: String, _ reason: String, scope: FilterPolicyScope = .messageAttributes) -> Refusal {
        Refusal(policy: policy, scope: scope, reason: reason)
    }

    @Test(
        "Policies SNS refuses, with its reasons",
        arguments: [
            refusal(#"{"key": [["value"]]}"#, "Match value must be String, number, true, false, or null"),
            refusal(#"{"key": [{"wrong-operator": true}]}"#, "Unrecognized match type wrong-operator"),
            refusal(#"{"key": [{"suffix": "value", "prefix": "value2"}]}"#, "Only one key allowed in match expression"),
            refusal(#"{"key": [{"suffix": 100}]}"#, "suffix match pattern must be a string"),
            refusal(#"{"key": {"suffix": "value"}}"#, #""suffix" must be an object or an array"#),
            refusal(#"{"key": []}"#, "Empty arrays are not allowed"),
            refusal(#"{"key": [{"exists": "no"}]}"#, "exists match pattern must be either true or false."),
            refusal(#"{"key": [{"anything-but": {"suffix": "test"}}]}"#, "Unsupported anything-but pattern: suffix"),
            refusal(#"{"key": [{"anything-but": {"prefix": false}}]}"#, "prefix match pattern must be a string"),
            refusal(
                #"{"key": [{"anything-but": ["a", 1]}]}"#,
                "Inside anything but list, either all values are number or string, mixed type is not supported"
            ),
            refusal(#"{"key": [{"numeric": []}]}"#, "Invalid member in numeric match: ]"),
            refusal(#"{"key": [{"numeric": [1, "<="]}]}"#, "Invalid member in numeric match: 1"),
            refusal(#"{"key": [{"numeric": ["operator"]}]}"#, "Unrecognized numeric range operator: operator"),
            refusal(#"{"key": [{"numeric": ["=", "000"]}]}"#, "Value of equals must be numeric"),
            refusal(#"{"key": [{"numeric": [">="]}]}"#, "Value of >= must be numeric"),
            refusal(#"{"key": [{"numeric": ["<", 100, ">", 10]}]}"#, "Too many elements in numeric expression"),
            refusal(#"{"key": [{"numeric": [">=", 1, ">", 2]}]}"#, "Bad numeric range operator: >"),
            refusal(#"{"key": [{"numeric": [">", 3, "<", 1]}]}"#, "Bottom must be less than top"),
            refusal(#"{"key": [{"numeric": [">", 20, 30]}]}"#, "Bad value in numeric range: 30"),
            refusal(
                #"{"key": [{"numeric": [">", 20, "<", 30, "<", 50]}]}"#,
                "Too many terms in numeric range expression"
            ),
            refusal(#"{"key": [{"numeric": [">", 2e9]}]}"#, "Value must be between -1.0E9 and 1.0E9, inclusive"),
            refusal(#"{"key": [{"cidr": "bad-filter"}]}"#, "Malformed CIDR, one '/' required"),
            refusal(#"{"key": [{"cidr": "xxxx:db8:1234:1a00::/64"}]}"#, "Nonstandard IP address: xxxx:db8:1234:1a00::"),
            refusal(#"{"key": [{"cidr": "10.0.0.0/x"}]}"#, "Malformed CIDR, mask bits must be an integer"),
            refusal(#"{"key": [{"cidr": "10.0.0.300/8"}]}"#, "Invalid IP address: 10.0.0.300"),
            refusal(#"{"key": [{"cidr": ["bad-filter"]}]}"#, "prefix match pattern must be a string"),
            refusal(#"{}"#, "Empty objects are not allowed"),
            refusal(#"[]"#, "Filter is not an object"),
            refusal(
                "invalid-json",
                "failed to parse JSON. Unrecognized token 'invalid': was expecting "
                    + "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')"
            ),
            refusal(
                #"{"a": ["1"], "b": ["2"], "c": ["3"], "d": ["4"], "e": ["5"], "f": ["6"]}"#,
                "Filter policy can not have more than 5 keys"
            ),
            refusal(#"{"key": "value"}"#, #""key" must be an object or an array"#, scope: .messageBody),
            // 4 values three levels deep (12) × 3 values two levels deep (6) × 3 values at the top (3) = 216.
            refusal(
                #"{"a": {"b": {"c": ["1", "2", "3", "4"]}}, "d": {"e": ["1", "2", "3"]}, "f": ["1", "2", "3"]}"#,
                "Filter policy is too complex",
                scope: .messageBody
            ),
        ]
    )
    func refusedPolicies(_ refusal: Refusal) {
        let prefix = refusal.scope == .messageAttributes ? "Attributes Reason: " : ""
        #expect(
            throws: PatternError(
                code: "InvalidParameter",
                message: "Invalid parameter: \(prefix)FilterPolicy: \(refusal.reason)"
            )
        ) {
            try FilterPolicy(text: refusal.policy, scope: refusal.scope)
        }
    }

    @Test func nestedPolicyNeedsTheMessageBodyScope() throws {
        let text = #"{"object": {"key": [{"prefix": "auto-"}]}}"#
        #expect(
            throws: PatternError(
                code: "InvalidParameter",
                message:
                    "Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy"
            )
        ) { try FilterPolicy(text: text, scope: .messageAttributes) }
        _ = try FilterPolicy(text: text, scope: .messageBody)
    }

    @Test("Complexity: products of array lengths (times nesting depth), summed over $or alternatives")
    func complexityLimit() throws {
        // The documentation's examples: 3 × 1 × 2 = 6, and 3 × 4 × 2 × 3 = 72 when nested.
        _ = try FilterPolicy(
            text: #"{"key_a": ["1", "2", "3"], "key_b": ["1"], "key_c": ["1", "2"]}"#,
            scope: .messageAttributes
        )
        _ = try FilterPolicy(
            text: #"{"key_a": {"key_b": {"key_c": ["1", "2", "3", "4"]}}, "key_d": {"key_e": ["1", "2", "3"]}}"#,
            scope: .messageBody
        )
        // (3 × 6) + (3 × 4 × 4) + (3 × 4 × 7) = 150 is the most allowed; one more spaceId makes 162.
        let allowed = #"""
            {"source": ["a", "b", "c"], "$or": [{"metricName": ["1", "2", "3", "4", "5", "6"]},
             {"metricType": ["1", "2", "3", "4"], "$or": [{"metricId": [1, 2, 3, 4]}, {"spaceId": [1, 2, 3, 4, 5, 6, 7]}]}]}
            """#
        _ = try FilterPolicy(text: allowed, scope: .messageAttributes)
        let tooComplex = #"""
            {"source": ["a", "b", "c"], "$or": [{"metricName": ["1", "2", "3", "4", "5", "6"]},
             {"metricType": ["1", "2", "3", "4"], "$or": [{"metricId": [1, 2, 3, 4]}, {"spaceId": [1, 2, 3, 4, 5, 6, 7, 8]}]}]}
            """#
        #expect(throws: PatternError.self) { try FilterPolicy(text: tooComplex, scope: .messageAttributes) }
    }
}
