/// Why a JSONPath or reference path could not be parsed, or why a value could not be placed at a reference path.
package struct JSONPathError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A sentence for people, suitable for the Cause of an AWS-style error.
    package let message: String

    /// Creates an error with the given explanation.
    package init(message: String) {
        self.message = message
    }

    package var description: String { message }
}
