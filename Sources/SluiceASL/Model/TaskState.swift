import SluiceJSON

/// Task: work done outside the interpreter, reached only through an effect.
public struct TaskState: Sendable, Hashable {
    public var resource: String
    public var timeoutSeconds: ValueSource<Int>?
    public var heartbeatSeconds: ValueSource<Int>?
    public var credentials: JSONValue?

    public init(resource: String) { self.resource = resource }
}
