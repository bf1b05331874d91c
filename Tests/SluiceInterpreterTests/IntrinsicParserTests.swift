import SluiceASL
import Testing

@Suite("Intrinsic call parsing")
struct IntrinsicParserTests {
    @Test func parsesNameAndArguments() throws {
        let call = try IntrinsicCall.parse("States.Format('Hello, my name is {}.', $.name)")
        #expect(call.name == "States.Format")
        #expect(call.function == .format)
        #expect(call.arguments == [.string("Hello, my name is {}."), .path("$.name")])
    }

    @Test func parsesLiterals() throws {
        let call = try IntrinsicCall.parse("States.Array('a', 1, -12, 1.5, -0.25, 2e3, 1E-2, true, false, null)")
        #expect(
            call.arguments == [
                .string("a"), .int(1), .int(-12), .double(1.5), .double(-0.25), .double(2000), .double(0.01),
                .bool(true), .bool(false), .null,
            ]
        )
    }

    @Test(arguments: [
        "$", "$$", "$.a", "$.a.b[0]", "$[0]", "$$.Execution.Id", "$$.Map.Item.Value", "$myVar", "$myVar.field[2]",
        "$.a['x,y']", "$[?(@.a == 1)]", "$..book[?(@.price < 10)].title", "$.a[(@.length-1)]",
    ])
    func parsesPaths(_ path: String) throws {
        let call = try IntrinsicCall.parse("States.Array(\(path), \(path))")
        #expect(call.arguments == [.path(path), .path(path)])
    }

    @Test func parsesNestedCalls() throws {
        let call = try IntrinsicCall.parse(
            "States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), States.MathAdd(States.ArrayLength("
                + "States.StringSplit($$.StateMachine.Name, '-')), -1))"
        )
        let split = IntrinsicCall(name: "States.StringSplit", arguments: [.path("$$.StateMachine.Name"), .string("-")])
        let length = IntrinsicCall(name: "States.ArrayLength", arguments: [.call(split)])
        let add = IntrinsicCall(name: "States.MathAdd", arguments: [.call(length), .int(-1)])
        #expect(call == IntrinsicCall(name: "States.ArrayGetItem", arguments: [.call(split), .call(add)]))
    }

    @Test func toleratesWhitespace() throws {
        let call = try IntrinsicCall.parse("  States.Array (  1 ,\n\t'x' ,$.y  )  ")
        #expect(call.arguments == [.int(1), .string("x"), .path("$.y")])
        #expect(try IntrinsicCall.parse("States.UUID( )").arguments.isEmpty)
    }

    @Test func resolvesEscapes() throws {
        let call = try IntrinsicCall.parse(
            #"States.Array('it\'s', '\\', '\{\}', 'a{b}c', 'line1"#
                + "\n" + #"line2', '"quoted"')"#
        )
        #expect(
            call.arguments == [
                .string("it's"), .string("\\"), .string("{}"), .string("a{b}c"),
                .string("line1\nline2"), .string("\"quoted\""),
            ]
        )
    }

    @Test func formatTemplateKeepsBraceEscapes() throws {
        let call = try IntrinsicCall.parse(#"States.Format('\{\} {} it\'s \\', '\{')"#)
        #expect(call.arguments == [.string(#"\{\} {} it's \\"#), .string("{")])
    }

    @Test(arguments: [
        "States.Format('x {}', $.a)", #"States.Format('\{\} \\ it\'s {}', 'a\{\}')"#, "States.Array()",
        "States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), 0)", "States.Array(1, 2.5, true, null)",
        "States.JsonMerge($.a, $myVar.b, false)",
    ])
    func descriptionRoundTrips(_ text: String) throws {
        let call = try IntrinsicCall.parse(text)
        #expect(try IntrinsicCall.parse(call.description) == call)
    }

    @Test func looksLikeCall() {
        #expect(IntrinsicCall.looksLikeCall("States.Format('x')"))
        #expect(IntrinsicCall.looksLikeCall("States.Nope()"))
        #expect(!IntrinsicCall.looksLikeCall("$.States"))
        #expect(!IntrinsicCall.looksLikeCall("states.Format('x')"))
    }

    @Test(arguments: [
        "States.Nope()", "States.format('x')", "Format('x')", "States.Array", "States.Array(1", "States.Array(1,)",
        "States.Array(,1)", "States.Array(1 2)", "States.Array(1) x", "States.Array('abc)", #"States.Array('\n')"#,
        #"States.Array('a\')"#, "States.Array(\"a\")", "States.Array(abc)", "States.Array($.a[0)",
        "States.Array($ab c)",
        "States.Array($.a['x)])", "States.Array(1.)", "States.Array(-)", "States.Array(.5)", "States.Array($%)",
        "States.Array(1e999)", "",
    ])
    func rejectsBadSyntax(_ text: String) {
        #expect(throws: IntrinsicParseError.self) { try IntrinsicCall.parse(text) }
    }

    /// Each function with one argument too few and one too many.
    @Test(arguments: IntrinsicFunctionName.allCases)
    func checksArgumentCounts(_ function: IntrinsicFunctionName) throws {
        func call(_ count: Int) -> String {
            let template = function == .format ? ["'{}'"] : []
            let rest = Array(repeating: "$.x", count: max(0, count - template.count))
            return function.rawValue + "(" + (template + rest).prefix(count).joined(separator: ", ") + ")"
        }
        #expect(throws: Never.self) { try IntrinsicCall.parse(call(function.minimumArguments)) }
        if function.minimumArguments > 0 {
            #expect(throws: IntrinsicParseError.self) { try IntrinsicCall.parse(call(function.minimumArguments - 1)) }
        }
        if let maximum = function.maximumArguments {
            #expect(throws: Never.self) { try IntrinsicCall.parse(call(maximum)) }
            #expect(throws: IntrinsicParseError.self) { try IntrinsicCall.parse(call(maximum + 1)) }
        } else {
            #expect(throws: Never.self) { try IntrinsicCall.parse(call(function.minimumArguments + 5)) }
        }
    }

    @Test func formatTemplateMustBeAStringOrPath() throws {
        #expect(throws: Never.self) { try IntrinsicCall.parse("States.Format($.template, 1)") }
        #expect(throws: Never.self) { try IntrinsicCall.parse("States.Format($template)") }
        for template in ["1", "1.5", "true", "null", "States.Array()"] {
            #expect(throws: IntrinsicParseError.self) { try IntrinsicCall.parse("States.Format(\(template))") }
        }
    }

    @Test func errorMessagesSayWhatIsWrong() {
        #expect(throws: IntrinsicParseError(message: "'States.Nope' is not a known intrinsic function")) {
            try IntrinsicCall.parse("States.Nope(1)")
        }
        #expect(throws: IntrinsicParseError(message: "States.ArrayGetItem takes 2 arguments but 1 was given")) {
            try IntrinsicCall.parse("States.ArrayGetItem($.a)")
        }
        #expect(throws: IntrinsicParseError(message: "States.MathRandom takes 2 or 3 arguments but 4 were given")) {
            try IntrinsicCall.parse("States.MathRandom(1, 2, 3, 4)")
        }
    }

    @Test func refusesRunawayNesting() {
        let deep = String(repeating: "States.Array(", count: 100) + String(repeating: ")", count: 100)
        #expect(throws: IntrinsicParseError.self) { try IntrinsicCall.parse(deep) }
        let fine = String(repeating: "States.Array(", count: 10) + String(repeating: ")", count: 10)
        #expect(throws: Never.self) { try IntrinsicCall.parse(fine) }
    }
}
