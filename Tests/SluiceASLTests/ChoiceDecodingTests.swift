import SluiceASL
import SluiceJSON
import Testing

@Suite struct ChoiceDecodingTests {
    private let base = "/States/ChoiceState/Choices[0]"

    private func decodeChoice(_ text: String) throws -> (Choice?, [DefinitionProblem]) {
        var problems: [DefinitionProblem] = []
        let choice = Choice.decode(try JSONParser.parse(text), location: base, problems: &problems)
        return (choice, problems)
    }

    @Test func literalComparison() throws {
        let (choice, problems) = try decodeChoice(#"{"Variable": "$.foo", "NumericEquals": 1, "Next": "A"}"#)
        #expect(problems.isEmpty)
        #expect(
            choice
                == Choice(
                    rule: .comparison(variable: "$.foo", operator: .numericEquals, operand: .literal(1)),
                    next: "A"
                )
        )
    }

    @Test func pathFormsNormalizeToBaseOperator() throws {
        let (choice, problems) = try decodeChoice(
            #"{"Variable": "$.a", "TimestampLessThanEqualsPath": "$.b", "Next": "A"}"#
        )
        #expect(problems.isEmpty)
        #expect(choice?.rule == .comparison(variable: "$.a", operator: .timestampLessThanEquals, operand: .path("$.b")))
    }

    @Test func everyOperatorAndItsPathFormDecode() throws {
        for op in ComparisonOperator.allCases {
            let literal: String
            switch op.family {
            case .string, .pattern: literal = #""x""#
            case .numeric: literal = "1.5"
            case .boolean, .typeTest: literal = "true"
            case .timestamp: literal = #""2016-03-14T01:59:00Z""#
            }
            let (choice, problems) = try decodeChoice(
                #"{"Variable": "$.v", "\#(op.rawValue)": \#(literal), "Next": "N"}"#
            )
            #expect(problems.isEmpty, "\(op)")
            #expect(choice != nil, "\(op)")
            if let pathField = op.pathFieldName {
                let (pathChoice, pathProblems) = try decodeChoice(
                    #"{"Variable": "$.v", "\#(pathField)": "$.w", "Next": "N"}"#
                )
                #expect(pathProblems.isEmpty, "\(pathField)")
                #expect(pathChoice?.rule == .comparison(variable: "$.v", operator: op, operand: .path("$.w")))
            }
        }
    }

    @Test func operatorsWithoutPathForms() throws {
        for field in ["StringMatchesPath", "IsNullPath", "IsPresentPath", "IsTimestampPath"] {
            let (choice, problems) = try decodeChoice(#"{"Variable": "$.v", "\#(field)": "$.w", "Next": "N"}"#)
            #expect(choice == nil)
            #expect(problems.contains { $0.location == base + "/" + field && $0.message.contains("not supported") })
        }
    }

    @Test func nestedRulesWithAssign() throws {
        let (choice, problems) = try decodeChoice(
            """
            {"And": [{"Variable": "$.a", "IsPresent": true},
                     {"Not": {"Variable": "$$.Execution.Input.x", "StringMatches": "log-*.txt"}},
                     {"Or": [{"Variable": "$var", "BooleanEqualsPath": "$other"}]}],
             "Next": "A", "Assign": {"x.$": "$.a"}, "Comment": "why"}
            """
        )
        #expect(problems.isEmpty)
        #expect(
            choice?.rule
                == .and([
                    .comparison(variable: "$.a", operator: .isPresent, operand: .literal(true)),
                    .not(
                        .comparison(
                            variable: "$$.Execution.Input.x",
                            operator: .stringMatches,
                            operand: .literal("log-*.txt")
                        )
                    ),
                    .or([.comparison(variable: "$var", operator: .booleanEquals, operand: .path("$other"))]),
                ])
        )
        #expect(choice?.assign == ["x.$": "$.a"])
    }

    @Test func topLevelNeedsNext() throws {
        let (choice, problems) = try decodeChoice(#"{"Variable": "$.a", "StringEquals": "x"}"#)
        #expect(choice == nil)
        #expect(problems == [DefinitionProblem(location: base, message: "These fields are required: [Next]")])
    }

    @Test func nestedRulesMustNotHaveNext() throws {
        let (choice, problems) = try decodeChoice(
            """
            {"And": [{"Variable": "$.a", "StringEquals": "x"}, {"Variable": "$.b", "IsNull": true, "Next": "B"}],
             "Next": "A"}
            """
        )
        #expect(choice != nil)
        #expect(problems.map(\.location) == [base + "/And[1]/Next"])
        var nested: [DefinitionProblem] = []
        let rule = ChoiceRule.decode(
            try JSONParser.parse(#"{"Variable": "$.b", "IsNull": true, "Assign": {}}"#),
            location: base + "/Not",
            topLevel: false,
            problems: &nested
        )
        #expect(rule != nil)
        #expect(nested.map(\.location) == [base + "/Not/Assign"])
    }

    @Test func wrongOperandTypes() throws {
        let cases: [(String, String, String)] = [
            (#"{"Variable": "$.a", "NumericEquals": "1", "Next": "A"}"#, "NumericEquals", "NUMBER"),
            (#"{"Variable": "$.a", "StringEquals": 1, "Next": "A"}"#, "StringEquals", "STRING"),
            (#"{"Variable": "$.a", "BooleanEquals": "true", "Next": "A"}"#, "BooleanEquals", "BOOLEAN"),
            (#"{"Variable": "$.a", "IsNull": 1, "Next": "A"}"#, "IsNull", "BOOLEAN"),
            (#"{"Variable": "$.a", "StringMatches": null, "Next": "A"}"#, "StringMatches", "STRING"),
            (#"{"Variable": "$.a", "TimestampEquals": 5, "Next": "A"}"#, "TimestampEquals", "STRING"),
            (#"{"Variable": "$.a", "NumericEqualsPath": 5, "Next": "A"}"#, "NumericEqualsPath", "STRING"),
            (#"{"Variable": 5, "IsNull": true, "Next": "A"}"#, "Variable", "STRING"),
            (#"{"Variable": "$.a", "IsNull": true, "Next": 1}"#, "Next", "STRING"),
        ]
        for (text, field, expected) in cases {
            let (choice, problems) = try decodeChoice(text)
            #expect(choice == nil, "\(text)")
            #expect(problems.count == 1, "\(text)")
            #expect(problems.first?.location == base + "/" + field)
            #expect(problems.first?.message.contains("Expected value of type \(expected)") == true, "\(text)")
        }
    }

    @Test func invalidTimestampLiteral() throws {
        let (choice, problems) = try decodeChoice(
            #"{"Variable": "$.a", "TimestampEquals": "2016-13-05T21:29:29Z", "Next": "A"}"#
        )
        #expect(choice == nil)
        #expect(problems.map(\.location) == [base + "/TimestampEquals"])
    }

    @Test func referencePaths() throws {
        for good in [
            "$", "$.a", "$.a.b[0]", "$['a b'].c", "$$.Execution.Input.input-value", "$var", "$var.x[2]",
            "$.a[\\\"q\\\"]",
        ] {
            let (choice, problems) = try decodeChoice(#"{"Variable": "\#(good)", "IsNull": true, "Next": "A"}"#)
            #expect(problems.isEmpty, "\(good)")
            #expect(choice != nil, "\(good)")
        }
        for bad in [
            "a.b", "", "$.a[*]", "$..a", "$.*", "$.a[?(@.b)]", "$.a[0:2]", "$.a[0,1]", "$.", "$.a.", "$[",
            "$.a]",
        ] {
            let (choice, problems) = try decodeChoice(#"{"Variable": "\#(bad)", "IsNull": true, "Next": "A"}"#)
            #expect(choice == nil, "\(bad)")
            #expect(problems.map(\.location) == [base + "/Variable"], "\(bad)")
            #expect(problems.first?.message.hasPrefix("Value is not a Reference Path") == true)
        }
        let (_, problems) = try decodeChoice(#"{"Variable": "x", "IsNull": true, "Next": "A"}"#)
        #expect(problems.first?.message == "Value is not a Reference Path: Reference path didn't start with '$'")
        let (_, pathProblems) = try decodeChoice(#"{"Variable": "$.a", "StringEqualsPath": "$.b[*]", "Next": "A"}"#)
        #expect(pathProblems.map(\.location) == [base + "/StringEqualsPath"])
    }

    @Test func ruleShapeProblems() throws {
        let (none, noneProblems) = try decodeChoice(#"{"Next": "A"}"#)
        #expect(none == nil)
        #expect(noneProblems.map(\.location) == [base])

        let (two, twoProblems) = try decodeChoice(
            #"{"Variable": "$.a", "IsNull": true, "IsString": true, "Next": "A"}"#
        )
        #expect(two == nil)
        #expect(twoProblems.map(\.location) == [base])

        let (mixed, mixedProblems) = try decodeChoice(
            #"{"Not": {"Variable": "$.a", "IsNull": true}, "Variable": "$.a", "Next": "A"}"#
        )
        #expect(mixed != nil)
        #expect(mixedProblems.map(\.location) == [base + "/Variable"])

        let (noVariable, noVariableProblems) = try decodeChoice(#"{"StringEquals": "x", "Next": "A"}"#)
        #expect(noVariable == nil)
        #expect(
            noVariableProblems == [DefinitionProblem(location: base, message: "These fields are required: [Variable]")]
        )

        let (unknown, unknownProblems) = try decodeChoice(
            #"{"Variable": "$.a", "IsNull": true, "Next": "A", "Foo": 1}"#
        )
        #expect(unknown != nil)
        #expect(
            unknownProblems == [
                DefinitionProblem(
                    location: base + "/Foo",
                    message: "The field 'Foo' is not supported by Step Functions"
                )
            ]
        )

        // JSONata's Condition has no place in a JSONPath rule.
        let (condition, conditionProblems) = try decodeChoice(#"{"Condition": "{% true %}", "Next": "A"}"#)
        #expect(condition == nil)
        #expect(conditionProblems.map(\.location) == [base, base + "/Condition"])
    }

    @Test func emptyAndBadNesting() throws {
        let (empty, emptyProblems) = try decodeChoice(#"{"And": [], "Next": "A"}"#)
        #expect(empty == nil)
        #expect(emptyProblems.map(\.location) == [base + "/And"])

        let (notArray, notArrayProblems) = try decodeChoice(
            #"{"Or": {"Variable": "$.a", "IsNull": true}, "Next": "A"}"#
        )
        #expect(notArray == nil)
        #expect(notArrayProblems.map(\.location) == [base + "/Or"])

        // Every bad child is reported, with its own location.
        let (deep, deepProblems) = try decodeChoice(
            """
            {"Or": [{"Variable": "$.a", "NumericEquals": "x"},
                    {"Not": {"And": [{"Variable": "$.b", "IsNull": true}, {"Variable": "b", "IsNull": true}]}},
                    3],
             "Next": "A"}
            """
        )
        #expect(deep == nil)
        #expect(
            deepProblems.map(\.location) == [
                base + "/Or[0]/NumericEquals", base + "/Or[1]/Not/And[1]/Variable", base + "/Or[2]",
            ]
        )
    }

    @Test func assignMustBeAnObject() throws {
        let (choice, problems) = try decodeChoice(#"{"Variable": "$.a", "IsNull": true, "Next": "A", "Assign": 3}"#)
        #expect(choice == nil)
        #expect(problems.map(\.location) == [base + "/Assign"])
    }

    @Test func operatorFieldNames() {
        #expect(
            ComparisonOperator.parse(fieldName: "NumericGreaterThanEqualsPath")! == (.numericGreaterThanEquals, true)
        )
        #expect(ComparisonOperator.parse(fieldName: "IsTimestamp")! == (.isTimestamp, false))
        #expect(ComparisonOperator.parse(fieldName: "StringMatchesPath") == nil)
        #expect(ComparisonOperator.parse(fieldName: "Variable") == nil)
        #expect(ComparisonOperator.booleanEquals.fieldName(for: .path("$.x")) == "BooleanEqualsPath")
        #expect(ComparisonOperator.isPresent.fieldName(for: .literal(true)) == "IsPresent")
        #expect(ComparisonOperator.allCases.count == 23)
    }
}
