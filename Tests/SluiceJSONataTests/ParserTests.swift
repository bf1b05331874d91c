import SluiceJSON
import Testing

@testable import SluiceJSONata

@Suite struct ParserTests {
    @Test func parsesAndEvaluatesAPath() throws {
        let e = try JSONataExpression("a.b")
        #expect(try e.evaluate(input: ["a": ["b": 1]]) == .int(1))
    }
}
