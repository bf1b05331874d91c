import SluiceJSON
import Testing

@testable import SluiceJSONata

/// Input and bindings convert lazily: what an evaluation reads is converted, and what it returns unchanged is
/// the JSON it was given; changed copies and JavaScript's key order still hold.
@Suite struct LazyConversionTests {
    let input: JSONValue = ["a": ["b": [1, 2, ["c": "d"]], "e": 2.5], "f": "g"]

    @Test func anObjectReturnedUnchangedIsTheSameJSON() throws {
        #expect(try jsonata("$", input) == input)
        #expect(try jsonata("a", input) == input["a"])
        #expect(try jsonata("a.b[2]", input) == ["c": "d"])
        #expect(try jsonata("$x.a", bindings: ["x": .value(input)]) == input["a"])
    }

    @Test func aTransformedCopyShowsItsChangesAndTheOriginalStays() throws {
        let r = try jsonata(#"{"new": a ~> |$|{"e": 3}|, "old": a}"#, input)
        #expect(r?["new"]?["e"] == 3)
        #expect(r?["old"]?["e"] == 2.5)
        #expect(r?["new"]?["b"] == input["a"]?["b"])
    }

    @Test func integerKeysComeFirstAsInJavaScript() throws {
        let object: JSONValue = ["b": 1, "2": 2, "1": 3]
        let r = try jsonata("$keys($)", object)
        #expect(r == ["1", "2", "b"])
        #expect(try jsonata("$", object)?.objectValue?.keys == ["1", "2", "b"])
    }

    @Test func membersReadOrCountedAfterConversion() throws {
        #expect(try jsonata("$count($keys(a))", input) == 2)
        #expect(try jsonata("$merge([a, {\"z\": 1}])", input)?["z"] == 1)
        #expect(try jsonata("a.e + 1", input) == 3.5)
    }
}
