/// A parsed intrinsic function call such as `States.Format('Hello {}', $.name)`.
package struct IntrinsicCall: Sendable, Hashable {
    /// The function name as written, e.g. `States.Format`.
    package let name: String
    /// The arguments in order; nested calls appear as `.call`.
    package let arguments: [IntrinsicArgument]

    package init(name: String, arguments: [IntrinsicArgument]) {
        self.name = name
        self.arguments = arguments
    }

    /// The known function this call names, or nil for a name the parser would have refused.
    package var function: IntrinsicFunctionName? { IntrinsicFunctionName(rawValue: name) }

    /// Parses the text of a `.$` field value, checking the function name, the syntax and the argument counts.
    package static func parse(_ text: String) throws(IntrinsicParseError) -> IntrinsicCall {
        try IntrinsicParser.parse(text)
    }

    /// Whether a string value of a `.$` field is meant as an intrinsic call (starts with `States.`).
    package static func looksLikeCall(_ text: String) -> Bool {
        text.hasPrefix("States.")
    }
}

extension IntrinsicCall: CustomStringConvertible {
    /// The call as intrinsic source text, e.g. for error messages that quote it.
    package var description: String {
        var parts: [String] = []
        for (position, argument) in arguments.enumerated() {
            parts.append(argument.rendered(asFormatTemplate: function == .format && position == 0))
        }
        return name + "(" + parts.joined(separator: ", ") + ")"
    }
}
