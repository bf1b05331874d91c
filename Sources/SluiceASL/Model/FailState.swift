/// Fail: ends the execution (or branch) with an error and cause.
public struct FailState: Sendable, Hashable {
    public var error: ValueSource<String>?
    public var cause: ValueSource<String>?
    public init() {}
}
