/// An error from parsing or evaluating a JSONata expression, with jsonata-js's code and message.
///
/// The message is jsonata-js's template with its substitutions made (`{{value}}` as JSON, `{{{message}}}` as is),
/// because AWS copies these texts into the causes of `States.QueryEvaluationError`.
package struct JSONataError: Error, Sendable, Equatable {
    package var code: String
    package var message: String
    package var position: Int?
    package var token: String?

    package init(code: String, message: String, position: Int? = nil, token: String? = nil) {
        self.code = code
        self.message = message
        self.position = position
        self.token = token
    }
}
