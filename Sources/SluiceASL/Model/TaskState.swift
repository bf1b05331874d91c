import SluiceJSON

/// Task: work done outside the interpreter, reached only through an effect.
package struct TaskState: Sendable, Hashable {
    package var resource: String
    package var timeoutSeconds: ValueSource<Int>?
    package var heartbeatSeconds: ValueSource<Int>?
    package var credentials: JSONValue?

    package init(resource: String) { self.resource = resource }
}
