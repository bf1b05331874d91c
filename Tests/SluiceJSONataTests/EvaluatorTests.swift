import SluiceJSON
import Testing

@testable import SluiceJSONata

func jsonata(_ text: String, _ input: JSONValue? = nil, bindings: [String: JSONataBinding] = [:]) throws -> JSONValue? {
    try JSONataExpression(text).evaluate(input: input, bindings: bindings)
}

func jsonataError(_ text: String, _ input: JSONValue? = nil) -> JSONataError? {
    do {
        _ = try JSONataExpression(text).evaluate(input: input)
        return nil
    } catch {
        return error
    }
}

/// The sequence, path and operator rules.
@Suite struct EvaluatorTests {
    let order: JSONValue = [
        "items": [["name": "a", "price": 2, "qty": 3], ["name": "b", "price": 5, "qty": 1]],
        "tags": ["x"],
    ]

    @Test func singletonSequencesCollapse() throws {
        #expect(try jsonata("items.name", order) == ["a", "b"])
        #expect(try jsonata("tags", order) == ["x"])
        #expect(try jsonata("items[0].name", order) == "a")
        #expect(try jsonata("items.name[]", ["items": [["name": "a"]]]) == ["a"])
    }

    @Test func undefinedIsNotNull() throws {
        #expect(try jsonata("nothing", order) == nil)
        #expect(try jsonata("null") == .null)
        #expect(try jsonata("$exists(nothing)", order) == false)
    }

    @Test func arithmeticAndAggregation() throws {
        #expect(try jsonata("$sum(items.(price * qty))", order) == 11)
        #expect(try jsonata("$sum($.answers.($ * 2)) / $count($.answers)", ["answers": [1, 2, 3]]) == 4)
        #expect(try jsonata("7 % 3") == 1)
        #expect(try jsonata("1 / 4") == 0.25)
    }

    @Test func predicatesAndOrderBy() throws {
        #expect(try jsonata("items[price > 3].name", order) == "b")
        #expect(try jsonata("items^(>price).name", order) == ["b", "a"])
        #expect(try jsonata("items[-1].name", order) == "b")
    }

    @Test func grouping() throws {
        #expect(try jsonata("items{name: price}", order) == ["a": 2, "b": 5])
    }

    @Test func positionalAndContextBinding() throws {
        #expect(try jsonata("items#$i.($i)", order) == [0, 1])
        #expect(try jsonata("items@$o.($o.name)", order) == ["a", "b"])
        #expect(try jsonata("items.qty.%.name", order) == ["a", "b"])
    }

    @Test func rangesAndConcatenation() throws {
        #expect(try jsonata("[1..3]") == [1, 2, 3])
        #expect(try jsonata("'a' & 1 & true") == "a1true")
    }

    @Test func lambdasClosuresAndPartials() throws {
        #expect(try jsonata("($add := function($a, $b){ $a + $b }; $inc := $add(?, 1); $inc(2))") == 3)
        #expect(try jsonata("($f := function($n){ $n <= 1 ? 1 : $n * $f($n - 1) }; $f(5))") == 120)
        #expect(try jsonata("'abc' ~> $uppercase ~> $substring(1)") == "BC")
        #expect(try jsonata("($c := $uppercase ~> $trim; $c(' a '))") == "A")
    }

    @Test func transform() throws {
        let result = try jsonata("$ ~> |items|{'total': price * qty}, ['qty']|", order)
        #expect(result?["items"] == [["name": "a", "price": 2, "total": 6], ["name": "b", "price": 5, "total": 5]])
    }

    @Test func keyOrderIsKept() throws {
        #expect(try jsonata("$keys($)", ["z": 1, "a": 2, "m": 3]) == ["z", "a", "m"])
    }

    @Test func bindings() throws {
        let r = try jsonata("$price * 2", bindings: ["price": .value(5)])
        #expect(r == 10)
        let f = JSONataNativeFunction(signature: "<s:s>") { args throws(JSONataError) in
            .string("<\(args[0]?.stringValue ?? "")>")
        }
        #expect(try jsonata("$wrap('x')", bindings: ["wrap": .function(f)]) == "<x>")
    }

    @Test func regexes() throws {
        #expect(try jsonata("$replace('a-b-c', /-(\\w)/, '+$1')") == "a+b+c")
        #expect(try jsonata("$match('ab12cd345', /\\d+/).match") == ["12", "345"])
        #expect(try jsonata("$contains('Hello', /L+/i)") == true)
        #expect(try jsonata("$split('a1b22c', /[0-9]+/)") == ["a", "b", "c"])
    }

    @Test func numbersPrintAsJavaScript() throws {
        #expect(try jsonata("$string(0.1 + 0.2)") == "0.3")
        #expect(try jsonata("$string(1e21)") == "1e+21")
        #expect(try jsonata("$string(1/3)") == "0.333333333333333")
        #expect(try jsonata("$round(2.5)") == 2)
        #expect(try jsonata("$round(3.5)") == 4)
        #expect(try jsonata("$round(1.005, 2)") == 1)
    }
}

extension EvaluatorTests {
    @Test func integerLikeKeysComeFirstAsInJavaScript() throws {
        let input = try JSONParser.parse(#"{"b": 1, "10": 2, "2": 3, "a": 4, "01": 5}"#)
        #expect(try jsonata("$keys($)", input) == ["2", "10", "b", "a", "01"])
    }

    @Test func regexLookaroundAndNamedGroups() throws {
        #expect(try jsonata("$match('price: $42, cost: $7', /(?<=\\$)\\d+/).match") == ["42", "7"])
        #expect(try jsonata("$replace('abc abd', /ab(?!c)/, 'X')") == "abc Xd")
        #expect(try jsonata("$match('2024-05', /(?<y>\\d{4})-(?<m>\\d\\d)/).groups") == ["2024", "05"])
    }
}
