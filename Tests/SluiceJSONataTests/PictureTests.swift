// Picture formatting and JavaScript number printing: cases from the JSONata test suite (jsonata-js 2.0.6,
// test/test-suite/groups/function-formatNumber, -formatBase, -formatInteger, -parseInteger, -fromMillis,
// -tomillis) translated into direct calls, plus cases checked against jsonata-js and V8 (number printing,
// Date.parse forms, out-of-range dates).

import Testing

@testable import SluiceJSONata

private func check(
    _ name: String,
    _ actual: @autoclosure () throws(PictureError) -> String?,
    _ expected: String?,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    do {
        let value = try actual()
        #expect(value == expected, "\(name)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("\(name): threw \(error.code) \(error.message)", sourceLocation: sourceLocation)
    }
}

private func checkNumber(
    _ name: String,
    _ actual: @autoclosure () throws(PictureError) -> Double?,
    _ expected: Double?,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    do {
        let value = try actual()
        #expect(value == expected, "\(name)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("\(name): threw \(error.code) \(error.message)", sourceLocation: sourceLocation)
    }
}

private func checkError(
    _ name: String,
    _ code: String,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> Any?
) {
    do {
        let value = try body()
        Issue.record("\(name): expected \(code), got \(String(describing: value))", sourceLocation: sourceLocation)
    } catch {
        #expect((error as? PictureError)?.code == code, "\(name)", sourceLocation: sourceLocation)
    }
}

private func fn(_ value: Double, _ picture: String, _ options: [String: String] = [:]) throws(PictureError) -> String {
    try NumberPicture.format(value, picture: picture, options: options)
}

private func fi(_ value: Double, _ picture: String) throws(PictureError) -> String {
    try IntegerPicture.format(value, picture: picture)
}

private func pi(_ text: String, _ picture: String) throws(PictureError) -> Double? {
    try IntegerPicture.parse(text, picture: picture)
}

private func fm(_ millis: Double, _ picture: String? = nil, _ timezone: String? = nil) throws(PictureError) -> String {
    try DateTimePicture.format(millis: millis, picture: picture, timezone: timezone)
}

private func tm(_ text: String, _ picture: String? = nil) throws(PictureError) -> Double? {
    try DateTimePicture.parse(text, picture: picture)
}

@Suite struct PictureTests {
    /// JavaScript number printing
    @Test func javaScriptNumberPrinting() {
        let js: [(Double, String)] = [
            (0, "0"), (-0.0, "0"), (1, "1"), (-1, "-1"), (100, "100"), (123.456, "123.456"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1e21, "1e+21"), (1e20, "100000000000000000000"), (123456789012345683968, "123456789012345680000"),
            (1e-7, "1e-7"), (1e-6, "0.000001"), (1.5e-7, "1.5e-7"), (Double(bitPattern: 1), "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (9007199254740992, "9007199254740992"), (2.5e25, "2.5e+25"), (.nan, "NaN"), (.infinity, "Infinity"),
            (-.infinity, "-Infinity"), (0.000123, "0.000123"), (1234.5678, "1234.5678"), (1e16, "10000000000000000"),
        ]
        for (value, expected) in js { check("string(\(value))", JavaScriptNumber.string(value), expected) }
        let precisions: [(Double, Int, String)] = [
            (123.456, 4, "123.5"), (0.000123, 2, "0.00012"), (123456, 2, "1.2e+5"), (1.005, 3, "1.00"), (2.5, 1, "3"),
            (1e21, 3, "1.00e+21"), (0, 3, "0.00"), (1e-7, 1, "1e-7"), (99.99, 3, "100"), (99.99, 2, "1.0e+2"),
            (-1.5, 2, "-1.5"), (123.456, 15, "123.456000000000"), (0.1, 20, "0.10000000000000000555"),
            (1e-6, 2, "0.0000010"),
            (Double(bitPattern: 1), 3, "4.94e-324"),
        ]
        for (value, digits, expected) in precisions {
            check("precision(\(value), \(digits))", JavaScriptNumber.precision(value, digits), expected)
        }
        let fixes: [(Double, Int, String)] = [
            (1.005, 2, "1.00"), (2.5, 0, "3"), (1.45, 1, "1.4"), (0.5, 0, "1"), (1e21, 2, "1e+21"),
            (0.000001, 7, "0.0000010"),
            (-1.5, 0, "-2"), (-0.0, 2, "0.00"), (123.456, 0, "123"), (0.004, 2, "0.00"), (0.005, 2, "0.01"),
            (9.995, 2, "9.99"),
            (99.995, 2, "100.00"),
        ]
        for (value, digits, expected) in fixes {
            check("fixed(\(value), \(digits))", JavaScriptNumber.fixed(value, digits), expected)
        }
    }

    /// $formatNumber (function-formatNumber)
    @Test func formatNumber() {
        check("fn000", try fn(12345.6, "#,###.00"), "12,345.60")
        check("fn001", try fn(12345678.9, "9,999.99"), "12,345,678.90")
        check("fn003", try fn(1234.56789, "9,999.999,999"), "1,234.567,890")
        check("fn004", try fn(123.9, "9999"), "0124")
        check("fn006", try fn(0.4857, "###.###\u{2030}"), "485.7\u{2030}")
        check("fn008", try fn(-6, "000"), "-006")
        check("fn009", try fn(1234.5678, "00.000e0"), "12.346e2")
        check(
            "fn011",
            try fn(1234.5678, "①①.①①①e①", ["zero-digit": "⑟"]),
            "\u{2460}\u{2461}.\u{2462}\u{2463}\u{2465}e\u{2461}"
        )
        check("fn012", try fn(0.234, "0.0e0"), "2.3e-1")
        check("fn013", try fn(0.234, "#.00e0"), "0.23e0")
        check("fn015", try fn(0.234, ".00e0"), ".23e0")
        check("fn016", try fn(2392.14 * -36.58, "000,000.000###;###,###.000###"), "87,504.4812")
        check("fn033", try fn(2, "000.000"), "002.000")
        check("fn034", try fn(2, "AAA.AAA", ["zero-digit": "A"]), "AAC.AAA")
        check("fn035", try fn(0.1, "AeAAA", ["zero-digit": "A"]), "Be-AAB")
        check("fn-pct", try fn(0.25, "#0%"), "25%")
        check("fn-zero", try fn(0, "#"), "0")
        check("fn-zero-exp", try fn(0, "0.0e0"), "0.0e0")
        check("fn-neg-exp", try fn(-1234.5, "0.00e0"), "-1.23e3")
        check("fn-prefix", try fn(1234.5, "$#,##0.00"), "$1,234.50")
        checkError("fn019", "D3080") { try fn(20, "#;#;#") }
        checkError("fn021", "D3082") { try fn(20, "#0%%") }
        checkError("fn022", "D3083") { try fn(20, "#0\u{2030}\u{2030}") }
        checkError("fn024", "D3085") { try fn(20, ".e0") }
        checkError("fn025", "D3086") { try fn(20, "0+.e0") }
        checkError("fn026", "D3087") { try fn(20, "0,.e0") }
        checkError("fn027", "D3088") { try fn(20, "0,") }
        checkError("fn028", "D3089") { try fn(20, "0,,0") }
        checkError("fn029", "D3090") { try fn(20, "0#.e0") }
        checkError("fn031", "D3092") { try fn(20, "#0.0e0%") }
        checkError("fn032", "D3093") { try fn(20, "#0.0e0,0") }
        checkError("fn-d3081", "D3081") { try fn(20, "0.0.0") }
        checkError("fn-d3084", "D3084") { try fn(20, "0%\u{2030}") }
        checkError("fn-d3091", "D3091") { try fn(20, "0.#0") }
    }

    /// $formatBase (function-formatBase)
    @Test func formatBaseAndRound() {
        check("fb002", try NumberPicture.formatBase(100, radix: 2), "1100100")
        check("fb003", try NumberPicture.formatBase(-100, radix: 2), "-1100100")
        check("fb004", try NumberPicture.formatBase(100, radix: 36), "2s")
        check("fb005", try NumberPicture.formatBase(99.5, radix: 2.5), "1100100")
        check("fb-default", try NumberPicture.formatBase(255, radix: nil), "255")
        checkError("fb006", "D3100") { try NumberPicture.formatBase(100, radix: 1) }
        checkError("fb007", "D3100") { try NumberPicture.formatBase(100, radix: 37) }
        do {
            _ = try NumberPicture.formatBase(100, radix: 37)
        } catch {
            check(
                "fb007-message",
                error.message,
                "The radix of the formatBase function must be between 2 and 36.  It was given 37"
            )
        }
        checkNumber("round-2.675", NumberPicture.round(2.675, precision: 2), 2.68)
        checkNumber("round-2.5", NumberPicture.round(2.5, precision: 0), 2)
        checkNumber("round-3.5", NumberPicture.round(3.5, precision: 0), 4)
        checkNumber("round-(-2.5)", NumberPicture.round(-2.5, precision: 0), -2)
        checkNumber("round-125", NumberPicture.round(125, precision: -1), 120)
    }

    /// $formatInteger (function-formatInteger)
    @Test func formatInteger() {
        check("fi002", try fi(123, "0000"), "0123")
        check("fi003", try fi(-3, "0000"), "-0003")
        check("fi004", try fi(1234, "0;c"), "1234")
        check("fi005", try fi(1234, "###0"), "1234")
        check("fi006", try fi(12, "###0"), "12")
        check("fi007", try fi(12.6, "###0"), "12")
        check("fi008", try fi(123, "000;o"), "123rd")
        check("fi010", try fi(28, "#0;o"), "28th")
        check("fi013", try fi(12340, "###١"), "\u{0661}\u{0662}\u{0663}\u{0664}\u{0660}")
        check("fi016", try fi(12, "#,##0"), "12")
        check("fi017", try fi(1200, "#,##0"), "1,200")
        check("fi018", try fi(120000, "#,##0"), "120,000")
        check("fi020", try fi(1234567890, "#,##0"), "1,234,567,890")
        check("fi021", try fi(1234567890, "#,###,##0"), "1,234,567,890")
        check("fi023", try fi(1234567890, "##,##,##0"), "12345,67,890")
        check("fi024", try fi(0, "I"), "")
        check("fi025", try fi(1984, "I"), "MCMLXXXIV")
        check("fi027", try fi(12, "w"), "twelve")
        check("fi029", try fi(34, "w"), "thirty-four")
        check("fi030", try fi(99, "W"), "NINETY-NINE")
        check("fi031", try fi(100, "w"), "one hundred")
        check("fi032", try fi(555, "W"), "FIVE HUNDRED AND FIFTY-FIVE")
        check("fi033", try fi(555, "Ww"), "Five Hundred and Fifty-Five")
        check("fi034", try fi(919, "w"), "nine hundred and nineteen")
        check("fi035", try fi(730, "w"), "seven hundred and thirty")
        check("fi036", try fi(1000, "w"), "one thousand")
        check("fi038", try fi(327730, "w"), "three hundred and twenty-seven thousand, seven hundred and thirty")
        check("fi040", try fi(1000000000001, "w"), "one trillion and one")
        check("fi042", try fi(1000000000000000, "w"), "one thousand trillion")
        check("fi043", try fi(1e+46, "w"), "ten billion trillion trillion trillion")
        check("fi045", try fi(12, "w;o"), "twelfth")
        check("fi046", try fi(20, "w;o"), "twentieth")
        check("fi047", try fi(34, "w;o"), "thirty-fourth")
        check("fi048", try fi(99, "W;o"), "NINETY-NINTH")
        check("fi050", try fi(555, "W;o"), "FIVE HUNDRED AND FIFTY-FIFTH")
        check("fi051", try fi(919, "w;o"), "nine hundred and nineteenth")
        check("fi052", try fi(730, "w;o"), "seven hundred and thirtieth")
        check("fi053", try fi(1000, "w;o"), "one thousandth")
        check(
            "fi056",
            try fi(4327732, "w;o"),
            "four million, three hundred and twenty-seven thousand, seven hundred and thirty-second"
        )
        check("fi058", try fi(1, "A"), "A")
        check("fi059", try fi(12, "a"), "l")
        check("fi060", try fi(26, "a"), "z")
        check("fi063", try fi(123456, "A"), "FZPH")
        check("fi-11th", try fi(11, "0;o"), "11th")
        check("fi-21st", try fi(21, "0;o"), "21st")
        check("fi-roman-lower", try fi(49, "i"), "xlix")
        check("fi-separator-beyond-digits", try fi(7, "##,##,##0"), ",7")
        check("fi-huge-words", try fi(1e21, "w"), "one billion trillion")
        check("fi-huge-decimal", try fi(1e21, "0"), "1e+21")
        checkError("fi-roman-stack", "RangeError") { try fi(1e8, "I") }
        checkError("fi064", "D3130") { try fi(123456, "α") }
        do {
            _ = try fi(123456, "α")
        } catch {
            check(
                "fi064-message",
                error.message,
                "Formatting or parsing an integer as a sequence starting with \"α\" is not supported by this implementation"
            )
        }
        checkError("fi-d3131", "D3131") { try fi(1, "0١") }
    }

    /// $parseInteger (function-parseInteger)
    @Test func parseInteger() {
        checkNumber("pi003", try pi("1234", "0"), 1234)
        checkNumber("pi004", try pi("1234", "###0"), 1234)
        checkNumber("pi005", try pi("12", "###0"), 12)
        checkNumber("pi006", try pi("123rd", "000;o"), 123)
        checkNumber("pi007", try pi("1st", "0;o"), 1)
        checkNumber("pi008", try pi("28th", "#0;o"), 28)
        checkNumber("pi009", try pi("1234th", "###0;o"), 1234)
        checkNumber("pi014", try pi("1,200", "#,##0"), 1200)
        checkNumber("pi015", try pi("12,345,678", "#,##0"), 12345678)
        checkNumber("pi016", try pi("1,234,567,890", "#,##0"), 1234567890)
        checkNumber("pi017", try pi("1,234,567,890", "#,###,##0"), 1234567890)
        checkNumber("pi018", try pi("1234:567,890", "#:###,##0"), 1234567890)
        checkNumber("pi019", try pi("12345,67,890", "##,##,##0"), 1234567890)
        checkNumber("pi020", try pi("", "I"), 0)
        checkNumber("pi021", try pi("MCMLXXXIV", "I"), 1984)
        checkNumber("pi023", try pi("twelve", "w"), 12)
        checkNumber("pi024", try pi("twenty", "w"), 20)
        checkNumber("pi025", try pi("thirty-four", "w"), 34)
        checkNumber("pi027", try pi("one hundred", "w"), 100)
        checkNumber("pi028", try pi("FIVE HUNDRED AND FIFTY-FIVE", "W"), 555)
        checkNumber("pi030", try pi("nine hundred and nineteen", "w"), 919)
        checkNumber("pi031", try pi("seven hundred and thirty", "w"), 730)
        checkNumber("pi034", try pi("three hundred and twenty-seven thousand, seven hundred and thirty", "w"), 327730)
        checkNumber(
            "pi035",
            try pi("four million, three hundred and twenty-seven thousand, seven hundred and thirty", "w"),
            4327730
        )
        checkNumber("pi036", try pi("one trillion and one", "w"), 1000000000001)
        checkNumber(
            "pi037",
            try pi(
                "one trillion, two hundred and thirty-four billion, five hundred and sixty-seven million, eight hundred and ninety thousand, one hundred and twenty-three",
                "w"
            ),
            1234567890123
        )
        checkNumber("pi040", try pi("twelfth", "w;o"), 12)
        checkNumber("pi041", try pi("twentieth", "w;o"), 20)
        checkNumber("pi042", try pi("thirty-fourth", "w;o"), 34)
        checkNumber("pi043", try pi("NINETY-NINTH", "W;o"), 99)
        checkNumber("pi044", try pi("one hundredth", "w;o"), 100)
        checkNumber("pi046", try pi("nine hundred and nineteenth", "w;o"), 919)
        checkNumber("pi047", try pi("seven hundred and thirtieth", "w;o"), 730)
        checkNumber(
            "pi051",
            try pi("three hundred and twenty-seven thousand, seven hundred and thirteenth", "w;o"),
            327713
        )
        checkNumber(
            "pi052",
            try pi("four million, three hundred and twenty-seven thousand, seven hundred and thirty-second", "w;o"),
            4327732
        )
        checkNumber("pi053", try pi("one trillion and first", "w;o"), 1000000000001)
        checkNumber("pi054", try pi("A", "A"), 1)
        checkNumber("pi055", try pi("l", "a"), 12)
        checkNumber("pi056", try pi("z", "a"), 26)
        checkNumber("pi057", try pi("aa", "a"), 27)
        checkNumber("pi059", try pi("FZPH", "A"), 123456)
        checkError("pi060", "D3130") { try pi("50", "#") }
    }

    /// $fromMillis (function-fromMillis)
    @Test func fromMillis() {
        check("fm001", try fm(1509380732935), "2017-10-30T16:25:32.935Z")
        check("fdt001", try fm(1521801216617, "Hello"), "Hello")
        check("fdt002", try fm(1521801216617, "Year: [Y0001]"), "Year: 2018")
        check("fdt003", try fm(1521801216617, "Year: <[Y0001]>"), "Year: <2018>")
        check("fdt004", try fm(1521801216617, "Year: <[Y9,999,*]>"), "Year: <2,018>")
        check("fdt005", try fm(1521801216617, "[[Year: <[Y0001]>"), "[Year: <2018>")
        check("fdt007", try fm(1521801216617, "[[Year]]: [[[Y0001]]]"), "[Year]: [2018]")
        check("fdt008", try fm(1521801216617, "[D#1]/[M#1]/[Y0001]"), "23/3/2018")
        check("fdt009", try fm(1522616700000, "[F0] [FNn]"), "7 Sunday")
        check(
            "fdt014",
            try fm(1521801216617, "[Y]-[ M01]-[D 01]T[H01 ]:[ m   ]:[s].[f0  01][Z01:  01t]"),
            "2018-03-23T10:33:36.617Z"
        )
        check("fdt016", try fm(1531310400000, "[Y]-[M01]-[D01]T[H01]:[m]:[s][Z01:01]"), "2018-07-11T12:00:00+00:00")
        check("fdt018", try fm(1531310400000, "[Y]-[M01]-[D01]T[H01]:[m]:[s][Z]", "-0500"), "2018-07-11T07:00:00-05:00")
        check("fdt020", try fm(1531310400000, "[Y]-[M01]-[D01]T[H01]:[m]:[s][Z]", "+1000"), "2018-07-11T22:00:00+10:00")
        check("fdt021", try fm(1531310400000, "[Y]-[M01]-[D01]T[H01]:[m]:[s][Z0]", "+1000"), "2018-07-11T22:00:00+10")
        check("fdt022", try fm(1531310400000, "[Y]-[M01]-[D01]T[H01]:[m]:[s][Z0]", "+0530"), "2018-07-11T17:30:00+5:30")
        check(
            "fdt023",
            try fm(1531310400000, "[Y]-[M01]-[D01]T[H01]:[m]:[s][z]", "-0500"),
            "2018-07-11T07:00:00GMT-05:00"
        )
        check(
            "fdt024",
            try fm(1204405500000, "[Y]-[M01]-[D01]T[H01]:[m]:[s].[f001][Z0101t]", "+0530"),
            "2008-03-02T02:35:00.000+0530"
        )
        check(
            "fdt025",
            try fm(1230757500000, "[Y]-[M01]-[D01]T[H01]:[m]:[s].[f001][Z0101t]", "+0530"),
            "2009-01-01T02:35:00.000+0530"
        )
        check("fdt027", try fm(1521801216617, "[D#1,2]/[M1,2]/[Y,2]"), "23/03/18")
        check("fdt030", try fm(1521801216617, "[D#1,2]/[M1,2]/[Y0001,2-2]"), "23/03/18")
        check("fdt031", try fm(1521801216617, "[D1] [M01] [YI]"), "23 03 MMXVIII")
        check("fdt033", try fm(1521801216617, "[D1o] [M01] [Y]"), "23rd 03 2018")
        check("fdt034", try fm(1521801216617, "[Yw]"), "two thousand and eighteen")
        check("fdt035", try fm(1521801216617, "[Dwo] [M01] [Y]"), "twenty-third 03 2018")
        check("fdt036", try fm(1521801216617, "[D1o] [MNn] [Y]"), "23rd March 2018")
        check("fdt037", try fm(1521801216617, "[D1o] [MN] [Y]"), "23rd MARCH 2018")
        check(
            "fdt039",
            try fm(1521801216617, "[FNn], the [Dwo] of [MNn] [Y] [E]"),
            "Friday, the twenty-third of March 2018 ISO"
        )
        check("fdt041", try fm(1521801216617, "[F], [D]/[M]/[Y] [h]:[m]:[s] [P]"), "friday, 23/3/2018 10:33:36 am")
        check("fdt042", try fm(1204405500000, "[F], [D]/[M]/[Y] [h]:[m]:[s] [P]"), "saturday, 1/3/2008 9:05:00 pm")
        check("fdt043", try fm(1199664000000, "[F], [D]/[M]/[Y] [h]:[m]:[s] [P]"), "monday, 7/1/2008 12:00:00 am")
        check("fdt044", try fm(1514808000000, "[dwo] day of the year"), "first day of the year")
        check("fdt046", try fm(1483185600000, "[d] days in [Y0001]"), "366 days in 2016")
        let weeks: [(Double, String)] = [
            (1514808000000, "1"), (1515326400000, "1"), (1545739200000, "52"), (1388577600000, "1"),
            (1419854400000, "1"),
            (1419336000000, "52"), (1420113600000, "1"), (1451304000000, "53"), (1451563200000, "53"),
            (1451736000000, "53"),
        ]
        for (millis, week) in weeks { check("fdt-week-\(millis)", try fm(millis, "Week: [W]"), "Week: " + week) }
        check("fdt059", try fm(1359460800000, "Week: [w] of [xNn]"), "Week: 5 of January")
        check("fdt060", try fm(1359633600000, "Week: [w] of [xNn]"), "Week: 5 of January")
        check("fdt062", try fm(1514808000000, "Week: [w] of [xNn]"), "Week: 1 of January")
        check("fdt063", try fm(1483272000000, "Week: [w] of [xNn]"), "Week: 5 of December")
        check("fdt064", try fm(1533038400000, "Week: [w] of [xNn]"), "Week: 1 of August")
        check("fdt065", try fm(1419940800000, "Week: [w] of [xNn]"), "Week: 1 of January")
        if let t066 = try? tm("2018-10-21T13:05:00Z") {
            check("fdt066a", try fm(t066), "2018-10-21T13:05:00.000Z")
            check("fdt066b", try fm(t066, nil, "-0500"), "2018-10-21T08:05:00.000-05:00")
            check("fdt066c", try fm(t066, nil, "0000"), "2018-10-21T13:05:00.000Z")
        } else {
            check("fdt066", nil, "parsed")
        }
        check("fdt067", try fm(1521801216617, "[F], [D]/[M]/[Y] [h]:[m]:[s] [PN]"), "friday, 23/3/2018 10:33:36 AM")
        checkError("fdt070", "D3135") { try fm(1419940800000, "[YN]-[M") }
        checkError("fdt-d3133", "D3133") { try fm(1419940800000, "[YN]") }
        checkError("fdt-d3132", "D3132") { try fm(1419940800000, "[q]") }
        check("fm-negative", try fm(-1), "1969-12-31T23:59:59.999Z")
        check("fm-max", try fm(8.64e15), "5760-09-13T00:00:00.000Z")
        check("fm-min", try fm(-8.64e15), "-1821-04-20T00:00:00.000Z")
        check("fm-invalid", try fm(1e16), "0NaN-NaN-NaNTNaN:NaN:NaN.NaNZ")
        check("fm-invalid-roman", try fm(-1e16, "[YI] [Ma]"), " ")
        check("fm-invalid-title-name", try fm(1e16, "[MNn]"), "undefined")
        checkError("fm-invalid-upper-name", "TypeError") { try fm(1e16, "[MN]") }
        checkNumber("pdt-backtracking", try tm(String(repeating: "1", count: 400) + "x", "[f1][f1][f1][f1][f1]"), nil)
        check("fm-timezone-quirk", try fm(0, "[H01]:[m01] [Z0]", "-0530"), "17:30 -6:-30")
        check("fm-before-1970", try fm(-2777932800000), "1881-12-21T00:00:00.000Z")
        let isoWeeks: [(String, String)] = [
            ("2005-01-01", "2004-W53-6"), ("2005-12-31", "2005-W52-6"), ("2006-12-31", "2006-W52-7"),
            ("2007-01-01", "2007-W01-1"), ("2007-12-30", "2007-W52-7"), ("2007-12-31", "2008-W01-1"),
            ("2008-12-28", "2008-W52-7"), ("2008-12-30", "2009-W01-2"), ("2008-12-31", "2009-W01-3"),
            ("2009-01-01", "2009-W01-4"), ("2009-12-31", "2009-W53-4"), ("2010-01-01", "2009-W53-5"),
            ("2010-01-02", "2009-W53-6"),
        ]
        for (date, expected) in isoWeeks {
            check(
                "isoWeek-\(date)",
                try tm(date, "[Y]-[M]-[D]").map { millis throws(PictureError) in try fm(millis, "[X0001]-W[W01]-[F1]")
                },
                expected
            )
        }
    }

    /// $toMillis (function-tomillis)
    @Test func toMillis() {
        checkNumber("tm001", try tm("1970-01-01T00:00:00.001Z"), 1)
        checkNumber("tm002", try tm("2018-02-01T09:42:13.123+0000"), 1517478133123)
        checkNumber("tm003", try tm("2017-10-30"), 1509321600000)
        checkNumber("tm005", try tm("2018"), 1514764800000)
        checkError("tm007", "D3110") { try tm("foo") }
        checkError("tm008", "D3110") { try tm("01-02-2018") }
        checkError("tm009", "D3110") { try tm("2018-02-03 11:15:33") }
        do {
            _ = try tm("foo")
        } catch {
            check(
                "tm007-message",
                error.message,
                "The argument of the toMillis function must be an ISO 8601 formatted timestamp. Given \"foo\""
            )
        }
        checkNumber("tm-legacy-month", try tm("2018.5"), 1525132800000)
        checkNumber("tm-date-zulu", try tm("2018Z"), 1514764800000)
        checkNumber("tm-day-overflow", try tm("2018-02-30"), 1519948800000)
        checkNumber("tm-hour-24", try tm("2018-01-02T24:00:00Z"), 1514937600000)
        checkNumber("tm-long-fraction", try tm("2018-01-02T03:04:05.1234567891Z"), 1514862245123)
        checkNumber("tm-offset-no-colon", try tm("2018-01-02T03:04:05+0130"), 1514856845000)
        checkNumber("tm-repeated-date", try tm("2018-01-01-01"), nil)
        checkNumber("tm-date-offset", try tm("2018-01-02+01:00"), nil)
        checkNumber("tm010", try tm("201802", "[Y0001][M01]"), 1517443200000)
        checkNumber("tm011", try tm("201802", "[Y,*-4][M01]"), 1517443200000)
        checkNumber("pdt001", try tm("Hello", "Hello"), nil)
        checkNumber("pdt002", try tm("2018", "[Y1]"), 1514764800000)
        checkNumber("pdt003", try tm("2018-03-27", "[Y1]-[M01]-[D01]"), 1522108800000)
        checkNumber(
            "pdt004",
            try tm("2018-03-27T14:03:00.123Z", "[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001]Z"),
            1522159380123
        )
        checkNumber("pdt005", try tm("27th 3 1976", "[D1o] [M#1] [Y0001]"), 196732800000)
        checkNumber("pdt006", try tm("21st 12 1881", "[D1o] [M01] [Y0001]"), -2777932800000)
        checkNumber("pdt007", try tm("2nd 12 2012", "[D1o] [M01] [Y0001]"), 1354406400000)
        checkNumber("pdt008", try tm("MCMLXXXIV", "[YI]"), 441763200000)
        checkNumber("pdt010", try tm("27 iii MMXVIII", "[D1] [Mi] [YI]"), 1522108800000)
        checkNumber("pdt014", try tm("21 August 2017", "[D1] [MNn] [Y0001]"), 1503273600000)
        checkNumber("pdt015", try tm("2 Feb 2012", "[D1] [MNn,3-3] [Y0001]"), 1328140800000)
        checkNumber("pdt016", try tm("one thousand, nine hundred and eighty-four", "[Yw]"), 441763200000)
        checkNumber("pdt017", try tm("nineteen hundred and eighty-four", "[Yw]"), 441763200000)
        checkNumber("pdt018", try tm("twenty-seven April 2008", "[Dw] [MNn] [Y0001]"), 1209254400000)
        checkNumber(
            "pdt021",
            try tm("TWENTY-SECOND August two thousand and seventeen", "[DW] [MNn] [Yw]"),
            1503360000000
        )
        checkNumber(
            "pdt022",
            try tm("Twentieth of August, two thousand and seventeen", "[DW] of [MNn], [Yw]"),
            1503187200000
        )
        checkNumber("pdt025", try tm("4/4/2018 12:06 pm", "[D1]/[M1]/[Y0001] [h]:[m] [P]"), 1522843560000)
        checkNumber("pdt026", try tm("4/4/2018 11:30 pm", "[D1]/[M1]/[Y0001] [h]:[m] [P]"), 1522884600000)
        checkNumber("pdt027", try tm("2018-094", "[Y0001]-[d001]"), 1522800000000)
        let now = 1_765_000_000_123.0  // 2025-12-06T05:46:40.123Z
        checkNumber(
            "pdt028",
            try DateTimePicture.parse("13:45", picture: "[H]:[m]", now: now),
            1_764_942_300_000 + 86_400_000
        )
        check(
            "pdt031",
            try tm("Mon, Twelfth November 2018", "[FNn,*-3], [DWwo] [MNn] [Y]").map { m throws(PictureError) in
                try fm(m)
            },
            "2018-11-12T00:00:00.000Z"
        )
        check(
            "pdt033",
            try tm("three hundred and sixty-fifth day of 2018", "[dwo] day of [Y]").map { m throws(PictureError) in
                try fm(m)
            },
            "2018-12-31T00:00:00.000Z"
        )
        checkError("pdt035", "D3132") { try tm("2018-05-22", "[Y]-[M]-[q]") }
        checkError("pdt036", "D3133") { try tm("2018-05-22", "[YN]-[M]-[D]") }
        checkError("pdt038", "D3136") { try tm("5-22 23:59", "[M]-[D] [m]:[s]") }
        checkError("pdt039", "D3136") { try tm("2018-3-2-5", "[X]-[x]-[w]-[F1]") }
        checkError("pdt040", "D3136") { try tm("2018-32-5", "[X]-[W]-[F1]") }
        check(
            "pdt042",
            try tm("2020-09-09 08:00:00 GMT-05:00", "[Y0001]-[M01]-[D01] [H01]:[m01]:[s01] [z]").map {
                m throws(PictureError) in
                try fm(m)
            },
            "2020-09-09T13:00:00.000Z"
        )
        check(
            "pdt043",
            try tm("2020-09-09 12:00:00 +05:30", "[Y0001]-[M01]-[D01] [H01]:[m01]:[s01] [Z]").map {
                m throws(PictureError) in
                try fm(m)
            },
            "2020-09-09T06:30:00.000Z"
        )
        check(
            "pdt044",
            try tm("2020-09-09 12:00:00 GMT-5", "[Y0001]-[M01]-[D01] [H01]:[m01]:[s01] [z01]").map {
                m throws(PictureError) in
                try fm(m)
            },
            "2020-09-09T17:00:00.000Z"
        )
    }
}
