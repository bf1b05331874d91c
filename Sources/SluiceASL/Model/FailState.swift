/// Fail: ends the execution (or branch) with an error and cause.
package struct FailState: Sendable, Hashable {
    package var error: ValueSource<String>?
    package var cause: ValueSource<String>?
    package init() {}
}
