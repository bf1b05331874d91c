/// A request from a `sluice` command to the running sluiced, through sluice.db: `kind` is the AWS action
/// (`StartExecution`, `StopExecution`), `body` its parameters as JSON text.
package struct ControlRequest: Sendable, Hashable {
    package var id: Int64
    package var kind: String
    package var body: String

    package init(id: Int64, kind: String, body: String) {
        self.id = id
        self.kind = kind
        self.body = body
    }
}
