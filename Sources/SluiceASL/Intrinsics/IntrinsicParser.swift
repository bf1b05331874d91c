/// A hand-written recursive-descent parser for intrinsic calls.
///
/// Grammar: `call := Name '(' [argument (',' argument)*] ')'`, where an argument is a single-quoted string, a number,
/// `true`, `false`, `null`, a path (`$…`, `$$…`, `$name…`) or a nested call; whitespace may surround every token.
/// It works on Unicode scalars so a literal may hold any text (newlines included) byte-for-byte.
struct IntrinsicParser {
    /// Nesting deeper than this is refused so a hostile definition cannot exhaust the stack; AWS documents a limit of
    /// ten nested functions per field, which stays well within it.
    static let maximumNesting = 64

    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var nesting = 0

    private init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    static func parse(_ text: String) throws(IntrinsicParseError) -> IntrinsicCall {
        var parser = IntrinsicParser(text)
        parser.skipWhitespace()
        let call = try parser.parseCall()
        parser.skipWhitespace()
        guard parser.atEnd else {
            throw parser.error("unexpected text after the closing parenthesis of \(call.name)")
        }
        return call
    }

    // MARK: - Calls

    private mutating func parseCall() throws(IntrinsicParseError) -> IntrinsicCall {
        let name = readName()
        guard !name.isEmpty else { throw error("expected an intrinsic function name") }
        guard let function = IntrinsicFunctionName(rawValue: name) else {
            throw error("'\(name)' is not a known intrinsic function")
        }
        skipWhitespace()
        guard take("(") else { throw error("expected '(' after \(name)") }
        nesting += 1
        defer { nesting -= 1 }
        guard nesting <= Self.maximumNesting else {
            throw error("intrinsic functions are nested deeper than \(Self.maximumNesting) levels")
        }
        var arguments: [IntrinsicArgument] = []
        skipWhitespace()
        if !take(")") {
            while true {
                skipWhitespace()
                let keepFormatEscapes = function == .format && arguments.isEmpty
                arguments.append(try parseArgument(of: name, keepFormatEscapes: keepFormatEscapes))
                skipWhitespace()
                if take(",") { continue }
                if take(")") { break }
                throw error(atEnd ? "missing ')' to close \(name)" : "expected ',' or ')' in the arguments of \(name)")
            }
        }
        try check(function, arguments)
        return IntrinsicCall(name: name, arguments: arguments)
    }

    /// The checks AWS applies when the definition is created: the argument count, and a `States.Format` template that
    /// is a string (a literal or a path, never another literal type or a nested call).
    private func check(_ function: IntrinsicFunctionName, _ arguments: [IntrinsicArgument]) throws(IntrinsicParseError)
    {
        guard function.accepts(argumentCount: arguments.count) else {
            let plural = function.maximumArguments == 1 && function.minimumArguments == 1 ? "argument" : "arguments"
            throw error(
                "\(function.rawValue) takes \(function.arityDescription) \(plural) but \(arguments.count) "
                    + (arguments.count == 1 ? "was" : "were") + " given"
            )
        }
        if function == .format, let template = arguments.first {
            switch template {
            case .string, .path: break
            case .call:
                throw error("the first argument of States.Format must be a string or a path, not a function call")
            default: throw error("the first argument of States.Format must be a string, but was \(template)")
            }
        }
    }

    // MARK: - Arguments

    private mutating func parseArgument(
        of name: String,
        keepFormatEscapes: Bool
    ) throws(IntrinsicParseError) -> IntrinsicArgument {
        guard let scalar = current else { throw error("missing ')' to close \(name)") }
        switch scalar {
        case "'":
            return .string(try parseString(keepFormatEscapes: keepFormatEscapes))
        case "$":
            return .path(try parsePath())
        case "-", "0"..."9":
            return try parseNumber()
        case ")", ",":
            throw error("expected an argument in \(name)")
        default:
            guard isNameScalar(scalar) else {
                throw error("unexpected character '\(scalar)' in the arguments of \(name)")
            }
            let start = index
            let word = readName()
            switch word {
            case "true": return .bool(true)
            case "false": return .bool(false)
            case "null": return .null
            default:
                index = start
                return .call(try parseCall())
            }
        }
    }

    /// A single-quoted literal. The reserved characters `'`, `{`, `}` and `\` are written escaped with a backslash;
    /// any other backslash is an open escape, which AWS refuses.
    private mutating func parseString(keepFormatEscapes: Bool) throws(IntrinsicParseError) -> String {
        let start = index
        index += 1  // opening quote
        var text = String.UnicodeScalarView()
        while let scalar = current {
            index += 1
            switch scalar {
            case "'":
                return String(text)
            case "\\":
                guard let escaped = current else { break }
                index += 1
                switch escaped {
                case "'":
                    text.append("'")
                case "\\", "{", "}":
                    // A Format template keeps these escaped so evaluation can tell literal braces from placeholders.
                    if keepFormatEscapes { text.append("\\") }
                    text.append(escaped)
                default:
                    throw error("invalid escape sequence '\\\(escaped)' in a string literal")
                }
            default:
                text.append(scalar)
            }
        }
        index = start
        throw error("unterminated string literal")
    }

    /// A path runs to the next top-level `,`, `)` or whitespace; brackets, parentheses and quotes inside a bracket
    /// (`$.a['x,y']`, `$[?(@.a == 1)]`) are skipped over as a whole.
    private mutating func parsePath() throws(IntrinsicParseError) -> String {
        let start = index
        var depth = 0
        var quote: Unicode.Scalar?
        scan: while let scalar = current {
            if let open = quote {
                if scalar == "\\" {
                    index += 1
                } else if scalar == open {
                    quote = nil
                }
                index += 1
                continue
            }
            switch scalar {
            case "[", "(":
                depth += 1
            case "]", ")":
                if depth == 0 { break scan }
                depth -= 1
            case "'", "\"":
                if depth > 0 { quote = scalar }
            case ",", " ", "\t", "\n", "\r":
                if depth == 0 { break scan }
            default:
                break
            }
            index += 1
        }
        if quote != nil || depth > 0 {
            index = start
            throw error(
                "unterminated bracket in the path starting at '\(String(String.UnicodeScalarView(scalars[start...])))'"
            )
        }
        let path = String(String.UnicodeScalarView(scalars[start..<index]))
        guard Self.isWellFormedPathStart(path) else { throw error("'\(path)' is not a valid path") }
        return path
    }

    /// `$`, `$$`, `$.x`, `$[0]`, `$$.x`, `$$[0]` or a variable reference `$name…`.
    private static func isWellFormedPathStart(_ path: String) -> Bool {
        var rest = path.unicodeScalars.dropFirst()
        if rest.first == "$" {
            rest = rest.dropFirst()
        } else if let first = rest.first, isVariableStart(first) {
            return true
        }
        guard let first = rest.first else { return true }
        return first == "." || first == "["
    }

    private static func isVariableStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isAlphabetic
    }

    /// An integer stays an integer; a fraction or an exponent makes a decimal.
    private mutating func parseNumber() throws(IntrinsicParseError) -> IntrinsicArgument {
        let start = index
        var isInteger = true
        if current == "-" { index += 1 }
        guard readDigits() else { throw error("invalid number") }
        if current == "." {
            isInteger = false
            index += 1
            guard readDigits() else { throw error("invalid number") }
        }
        if current == "e" || current == "E" {
            isInteger = false
            index += 1
            if current == "+" || current == "-" { index += 1 }
            guard readDigits() else { throw error("invalid number") }
        }
        let text = String(String.UnicodeScalarView(scalars[start..<index]))
        if isInteger, let value = Int(text) { return .int(value) }
        guard let value = Double(text), value.isFinite else { throw error("number \(text) is out of range") }
        return .double(value)
    }

    // MARK: - Scanning

    private var atEnd: Bool { index >= scalars.count }

    private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    private mutating func take(_ scalar: Unicode.Scalar) -> Bool {
        guard current == scalar else { return false }
        index += 1
        return true
    }

    private mutating func skipWhitespace() {
        while let scalar = current, scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" { index += 1 }
    }

    /// Reads a dotted name such as `States.Format` (also the words `true`, `false`, `null`).
    private mutating func readName() -> String {
        let start = index
        while let scalar = current, isNameScalar(scalar) { index += 1 }
        return String(String.UnicodeScalarView(scalars[start..<index]))
    }

    private func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "." || scalar == "_" || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
            || ("0"..."9").contains(scalar)
    }

    private mutating func readDigits() -> Bool {
        let start = index
        while let scalar = current, ("0"..."9").contains(scalar) { index += 1 }
        return index > start
    }

    private func error(_ message: String) -> IntrinsicParseError {
        IntrinsicParseError(message: message)
    }
}
