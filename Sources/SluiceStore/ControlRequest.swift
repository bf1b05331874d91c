/// A request from a `sluice` command to the running sluiced, through sluice.db: `kind` is the AWS action
/// (`StartExecution`, `StopExecution`), `body` its parameters as JSON text.
public struct ControlRequest: Sendable, Hashable {
    public var id: Int64
    public var kind: String
    public var body: String

    public init(id: Int64, kind: String, body: String) {
        self.id = id
        self.kind = kind
        self.body = body
    }
}
