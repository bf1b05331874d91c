import SluiceASL
import SluiceInterpreter
import SluiceJSON
import Testing

@Suite struct ChoiceEvaluatorTests {
    private func compare(
        _ value: JSONValue?,
        _ op: ComparisonOperator,
        _ operand: JSONValue
    ) throws(StatesError) -> Bool {
        let input: JSONValue = value.map { ["v": $0] } ?? [:]
        let rule = ChoiceRule.comparison(variable: "$.v", operator: op, operand: .literal(operand))
        return try ChoiceEvaluator.matches(rule, resolve: TestPathResolver(input: input).resolve)
    }

    private func comparePaths(_ input: JSONValue, _ op: ComparisonOperator) throws(StatesError) -> Bool {
        let rule = ChoiceRule.comparison(variable: "$.a", operator: op, operand: .path("$.b"))
        return try ChoiceEvaluator.matches(rule, resolve: TestPathResolver(input: input).resolve)
    }

    @Test func missingVariableIsARuntimeError() {
        let expected = StatesError(
            StatesError.Name.runtime,
            cause: "Invalid path '$.v': The choice state's condition path references an invalid value."
        )
        for op in ComparisonOperator.allCases where op != .isPresent {
            let operand: JSONValue = op.family == .typeTest || op == .booleanEquals ? true : "x"
            #expect(throws: expected) { try compare(nil, op, operand) }
        }
    }

    @Test func missingPathOperandIsARuntimeError() {
        let expected = StatesError.runtime(
            "Invalid path '$.b': The choice state's condition path references an invalid value."
        )
        #expect(throws: expected) { try comparePaths(["a": 1], .numericEquals) }
        // The Variable is looked up first.
        #expect(
            throws: StatesError.runtime(
                "Invalid path '$.a': The choice state's condition path references an invalid value."
            )
        ) { try comparePaths([:], .numericEquals) }
    }

    @Test func isPresent() throws {
        #expect(try compare(nil, .isPresent, false))
        #expect(try !compare(nil, .isPresent, true))
        #expect(try compare(.null, .isPresent, true))
        #expect(try !compare([], .isPresent, false))
    }

    @Test func typeTests() throws {
        #expect(try compare(.null, .isNull, true))
        #expect(try compare(0, .isNull, false))
        #expect(try compare(0, .isNumeric, true))
        #expect(try compare(1.5, .isNumeric, true))
        #expect(try compare("1", .isNumeric, false))
        #expect(try compare("", .isString, true))
        #expect(try compare(false, .isBoolean, true))
        #expect(try compare(0, .isBoolean, false))
        #expect(try compare("2016-03-14T01:59:00Z", .isTimestamp, true))
        #expect(try compare("2016-03-14T01:59:00.5+05:30", .isTimestamp, true))
        #expect(try compare("2016-03-14T01:59:00", .isTimestamp, false))
        #expect(try compare("2023-02-24", .isTimestamp, false))
        #expect(try compare(1_457_920_740, .isTimestamp, false))
    }

    @Test func typeMismatchesAreFalseNotErrors() throws {
        #expect(try !compare(0, .stringEquals, "0"))
        #expect(try !compare("1", .numericEquals, 1))
        #expect(try !compare(.null, .numericLessThan, 1))
        #expect(try !compare(1, .booleanEquals, true))
        #expect(try !compare("true", .booleanEquals, true))
        #expect(try !compare(["x"], .stringMatches, "*"))
        #expect(try !compare(.null, .timestampEquals, "2012-10-09T19:00:55Z"))
        #expect(try !compare("HelloWorld", .timestampLessThan, "2012-10-09T19:00:55Z"))
        #expect(try !compare(["A": 0], .stringGreaterThan, ""))
    }

    @Test func pathOperandOfTheWrongTypeIsFalse() throws {
        #expect(try !comparePaths(["a": 1, "b": "1"], .numericEquals))
        #expect(try !comparePaths(["a": "1", "b": 1], .stringEquals))
        #expect(try !comparePaths(["a": true, "b": "true"], .booleanEquals))
        #expect(try !comparePaths(["a": "2012-10-09T19:00:55Z", "b": "soon"], .timestampLessThanEquals))
        #expect(try comparePaths(["a": 2, "b": 1.5], .numericGreaterThan))
        #expect(try comparePaths(["a": false, "b": false], .booleanEquals))
    }

    @Test func numbersCompareByValue() throws {
        #expect(try compare(0.0, .numericEquals, 0))
        #expect(try compare(1, .numericEquals, 1.0))
        #expect(try !compare(1.1, .numericEquals, 1))
        #expect(try compare(1, .numericLessThan, 1.5))
        #expect(try compare(-3, .numericLessThanEquals, -3.0))
        #expect(try compare(2, .numericGreaterThanEquals, 2))
        #expect(try !compare(2, .numericGreaterThan, 2))
        // Integers beyond Double's precision still compare exactly.
        #expect(try !compare(.int(9_007_199_254_740_993), .numericEquals, .int(9_007_199_254_740_992)))
        #expect(try compare(.int(9_007_199_254_740_993), .numericGreaterThan, .int(9_007_199_254_740_992)))
    }

    @Test func stringsCompareByUTF16CodeUnits() throws {
        #expect(try compare("A", .stringLessThan, "AB"))
        #expect(try compare("Z", .stringLessThan, "a"))
        #expect(try compare("", .stringGreaterThanEquals, ""))
        #expect(try !compare("\t\n", .stringEquals, "\t\r\n"))
        #expect(try compare("\t\r\n", .stringEquals, "\t\r\n"))
        // No Unicode normalization: precomposed and decomposed é differ.
        #expect(try !compare("\u{E9}", .stringEquals, "e\u{301}"))
        // A supplementary character starts with a surrogate (0xD800), which sorts below U+FFFF in UTF-16.
        #expect(try compare("\u{10000}", .stringLessThan, "\u{FFFF}"))
    }

    @Test func timestampsCompareAsInstants() throws {
        #expect(try compare("2012-10-09T19:00:55+01:00", .timestampEquals, "2012-10-09T18:00:55Z"))
        #expect(try compare("2012-10-09T19:00:55.5Z", .timestampGreaterThan, "2012-10-09T19:00:55Z"))
        #expect(try compare("2012-10-09T19:00:55Z", .timestampLessThanEquals, "2012-10-09T19:00:55.000Z"))
        #expect(try compare("2012-10-09T19:00:56Z", .timestampGreaterThanEquals, "2012-10-09T19:00:55Z"))
        #expect(try !compare("2012-10-09T19:00:55", .timestampEquals, "2012-10-09T19:00:55Z"))
    }

    @Test func booleanEquals() throws {
        #expect(try compare(true, .booleanEquals, true))
        #expect(try compare(false, .booleanEquals, false))
        #expect(try !compare(false, .booleanEquals, true))
    }

    @Test(arguments: [
        ("log-*.txt", "log-2024-01-15.txt", true),
        ("log-*.txt", "log-.txt", true),
        ("log-*.txt", "log-1.txt.bak", false),
        ("*", "", true),
        ("", "", true),
        ("", "a", false),
        ("a*b*c", "abc", true),
        ("a*b*c", "aXbYbZc", true),
        ("a*b*c", "aXbYcZ", false),
        ("*a*b", "xaybzb", true),
        ("**", "anything", true),
        (#"a\*b"#, "a*b", true),
        (#"a\*b"#, "aXb", false),
        (#"a\\*"#, #"a\tail"#, true),
        (#"a\\*"#, "atail", false),
        (#"\d"#, #"\d"#, true),
        ("abc", "ABC", false),
        ("?", "x", false),
        ("?", "?", true),
        ("\r*", "\r\n", true),
    ])
    func stringMatches(pattern: String, text: String, expected: Bool) throws {
        #expect(try compare(.string(text), .stringMatches, .string(pattern)) == expected)
    }

    @Test func logicalRulesShortCircuit() throws {
        let input: JSONValue = ["type": "Private", "value": 22]
        let present = ChoiceRule.comparison(variable: "$.missing", operator: .isPresent, operand: .literal(true))
        let onMissing = ChoiceRule.comparison(variable: "$.missing", operator: .stringEquals, operand: .literal("x"))
        let isPrivate = ChoiceRule.comparison(variable: "$.type", operator: .stringEquals, operand: .literal("Private"))
        let resolve = TestPathResolver(input: input).resolve

        // The IsPresent guard stops And before the comparison that would fail.
        #expect(try !ChoiceEvaluator.matches(.and([present, onMissing]), resolve: resolve))
        #expect(try ChoiceEvaluator.matches(.or([isPrivate, onMissing]), resolve: resolve))
        #expect(throws: StatesError.self) {
            try ChoiceEvaluator.matches(.and([isPrivate, onMissing]), resolve: resolve)
        }
        #expect(throws: StatesError.self) { try ChoiceEvaluator.matches(.not(onMissing), resolve: resolve) }

        let twenties = ChoiceRule.and([
            .comparison(variable: "$.value", operator: .numericGreaterThanEquals, operand: .literal(20)),
            .comparison(variable: "$.value", operator: .numericLessThan, operand: .literal(30)),
        ])
        #expect(try ChoiceEvaluator.matches(twenties, resolve: resolve))
        #expect(try !ChoiceEvaluator.matches(.not(isPrivate), resolve: resolve))
        #expect(try ChoiceEvaluator.matches(.not(.not(isPrivate)), resolve: resolve))
    }

    @Test func resolverErrorsPropagate() {
        let failure = StatesError(StatesError.Name.queryEvaluationError, cause: "boom")
        let rule = ChoiceRule.comparison(variable: "$.x", operator: .isPresent, operand: .literal(true))
        #expect(throws: failure) {
            try ChoiceEvaluator.matches(rule) { (_: String) throws(StatesError) in throw failure }
        }
    }

    @Test func contextAndVariablePaths() throws {
        let resolver = TestPathResolver(
            input: [:],
            context: ["Execution": ["Input": ["input-value": 0]]],
            variables: ["guess": "a", "answer": "a"]
        )
        let context = ChoiceRule.comparison(
            variable: "$$.Execution.Input.input-value",
            operator: .numericLessThanEquals,
            operand: .literal(0)
        )
        let variables = ChoiceRule.comparison(variable: "$guess", operator: .stringEquals, operand: .path("$answer"))
        #expect(try ChoiceEvaluator.matches(context, resolve: resolver.resolve))
        #expect(try ChoiceEvaluator.matches(variables, resolve: resolver.resolve))
    }
}
