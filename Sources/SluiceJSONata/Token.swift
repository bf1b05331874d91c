/// jsonata-js's lexer: one token at a time, with `/` read as a regex only where an operand may start.
struct Token {
    enum Kind { case `operator`, name, variable, string, number, value, regex, end }
    var kind: Kind
    var text: String
    var literal: JV = .null
    var regex: JSRegex?
    var position: Int
}
