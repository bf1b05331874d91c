/// Why a `.$` value that looks like an intrinsic call is not a valid one: bad syntax, an unknown function, or
/// arguments AWS refuses when the state machine is created (wrong count, a non-string `States.Format` template).
package struct IntrinsicParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong, in words a user can act on.
    package let message: String

    package init(message: String) {
        self.message = message
    }

    package var description: String { message }
}
