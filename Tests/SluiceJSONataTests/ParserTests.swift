import SluiceJSON
import Testing

@testable import SluiceJSONata

/// Syntax errors carry jsonata-js's codes and messages.
@Suite struct ParserTests {
    /// Found with the fuzz targets (Fuzz/crashes/jsonata): expressions nested or chained tens of thousands deep
    /// overflowed the stack of the parser, the tree's processing or its release. Deeper than
    /// `Parser.maximumNesting` is now U1001, as the evaluator's own stack limit is.
    @Test(arguments: [
        String(repeating: "(", count: 50_000) + "1" + String(repeating: ")", count: 50_000),
        String(repeating: "-", count: 50_000) + "1",
        "$" + String(repeating: ".a", count: 30_000),
        "1" + String(repeating: "+1", count: 50_000),
        String(repeating: "[", count: 50_000),
        String(repeating: "{\"a\":", count: 50_000) + "1" + String(repeating: "}", count: 50_000),
    ])
    func tooDeeplyNestedIsAnError(expression: String) {
        #expect(throws: JSONataError.self) { try JSONataExpression(expression) }
    }

    @Test func nestingWithinTheLimitStillParses() throws {
        // Parsed: within Parser.maximumNesting (evaluating 400 levels may still hit the evaluator's stack limit).
        _ = try JSONataExpression(String(repeating: "(", count: 400) + "1" + String(repeating: ")", count: 400))
        #expect(try jsonata("1" + String(repeating: "+1", count: 20)) == .int(21))
    }

    /// A regex literal of 30,000 nested groups overflowed the regex parser's stack (Fuzz/crashes/jsonata).
    @Test func tooDeeplyNestedRegexGroupsAreAnError() {
        let regex = "/" + String(repeating: "(", count: 30_000) + "a" + String(repeating: ")", count: 30_000) + "/"
        #expect(throws: JSONataError.self) { try JSONataExpression("$match(\"a\", \(regex))") }
    }

    func parseError(_ text: String) -> JSONataError? {
        do {
            _ = try JSONataExpression(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func unterminatedString() {
        #expect(parseError("\"abc")?.code == "S0101")
        #expect(parseError("\"abc")?.message == "String literal must be terminated by a matching quote")
    }

    @Test func unexpectedEnd() {
        #expect(parseError("1 +")?.code == "S0207")
    }

    @Test func expectedToken() throws {
        let e = try #require(parseError("[1, 2"))
        #expect(e.code == "S0203")
        #expect(e.message == "Expected \"]\" before end of expression")
    }

    @Test func unknownOperator() {
        #expect(parseError("1 ! 2")?.code == "S0204")
    }

    @Test func literalAsStep() throws {
        let e = try #require(parseError("a.1"))
        #expect(e.code == "S0213")
        #expect(e.message == "The literal value 1 cannot be used as a step within a path expression")
    }

    @Test func bindNeedsVariable() {
        #expect(parseError("a := 1")?.code == "S0212")
    }

    @Test func parentAtTopLevel() {
        #expect(parseError("%")?.code == "S0217")
    }

    @Test func emptyRegex() {
        #expect(parseError("//")?.code == "S0301")
    }

    @Test func signatureTypeParameter() {
        #expect(parseError("function($x)<n<n>>{ $x }")?.code == "S0401")
    }

    @Test func commentsAndBackquotes() throws {
        let e = try JSONataExpression("/* c */ `a b`")
        #expect(try e.evaluate(input: ["a b": 2]) == .int(2))
    }
}
