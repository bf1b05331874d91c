/// A StartExecution refused, as the API refuses it: its error code (`StateMachineDoesNotExist`,
/// `ExecutionAlreadyExists`, `InvalidName`, `InvalidExecutionInput`) and message.
package struct ChildExecutionRefusal: Error, Sendable, Hashable {
    package var code: String
    package var message: String

    package init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}
