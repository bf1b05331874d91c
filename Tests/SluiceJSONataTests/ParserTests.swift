import SluiceJSON
import Testing

@testable import SluiceJSONata

/// Syntax errors carry jsonata-js's codes and messages.
@Suite struct ParserTests {
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
