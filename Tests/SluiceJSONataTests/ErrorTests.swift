import SluiceJSON
import Testing

@testable import SluiceJSONata

/// Evaluation errors carry jsonata-js's codes and messages, with its substitutions.
@Suite struct ErrorTests {
    @Test func invokingANonFunction() throws {
        let e = try #require(jsonataError("$foo()"))
        #expect(e.code == "T1006")
        #expect(e.message == "Attempted to invoke a non-function")
        let hint = try #require(jsonataError("uppercase('a')"))
        #expect(hint.code == "T1005")
        #expect(hint.message == "Attempted to invoke a non-function. Did you mean $uppercase?")
    }

    @Test func operatorTypes() throws {
        let e = try #require(jsonataError("'a' + 1"))
        #expect(e.code == "T2001")
        #expect(e.message == "The left side of the \"+\" operator must evaluate to a number")
        let c = try #require(jsonataError("1 < 'a'"))
        #expect(c.code == "T2009")
        #expect(c.message == "The values 1 and \"a\" either side of operator \"<\" must be of the same data type")
    }

    @Test func signatureMismatch() throws {
        let e = try #require(jsonataError("$substring('a', 'b')"))
        #expect(e.code == "T0410")
        #expect(e.message == "Argument 2 of function \"substring\" does not match function signature")
        #expect(jsonataError("$sum(['a'])")?.code == "T0412")
    }

    @Test func functionErrors() throws {
        #expect(jsonataError("$number('x')")?.message == "Unable to cast value to a number: \"x\"")
        #expect(jsonataError("$error('boom')")?.message == "boom")
        #expect(jsonataError("$assert(false)")?.message == "$assert() statement failed")
        #expect(jsonataError("$single([1, 2])")?.code == "D3138")
        #expect(jsonataError("-'a'")?.code == "D1002")
        #expect(jsonataError("{1: 2}")?.code == "T1003")
    }

    @Test func rangeTooLarge() {
        #expect(jsonataError("[1..10000001]")?.code == "D2014")
    }
}

extension ErrorTests {
    @Test func nativeFunctionErrorsKeepTheirMessage() throws {
        let failing = JSONataNativeFunction(signature: nil) { _ throws(JSONataError) in
            throw JSONataError(code: "T1006", message: "custom words")
        }
        let expression = try JSONataExpression("$fail()")
        #expect(throws: JSONataError(code: "T1006", message: "custom words", position: 6, token: "fail")) {
            try expression.evaluate(input: nil, bindings: ["fail": .function(failing)])
        }
    }

    @Test func pictureErrorsKeepTheirMessage() throws {
        let e = try #require(jsonataError("$formatNumber(1, '#.#.#')"))
        #expect(e.code == "D3081")
        #expect(e.message.hasPrefix("The sub-picture must not contain more than one instance"))
    }
}

extension ErrorTests {
    @Test func contextArgumentOfTheWrongType() throws {
        let e = try #require(jsonataError("$uppercase()", ["a": 1]))
        #expect(e.code == "T0411")
        #expect(e.message == "Context value is not a compatible type with argument 1 of function \"uppercase\"")
    }

    @Test func arrayOfTheWrongType() throws {
        let e = try #require(jsonataError("$sum(['a', 'b'])"))
        #expect(e.message == "Argument 1 of function \"sum\" must be an array of \"numbers\"")
    }

    @Test func zeroLengthRegexMatch() {
        #expect(jsonataError("$match('abc', /x*/)")?.code == "D1004")
    }
}
