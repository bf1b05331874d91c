import SluiceCore
import SluiceJSON

/// A StartExecution to carry out: of `machine`, named `name`, with `input`, for `rule`'s target (or a `sluice
/// start-execution`), retried within `retry` while the state machine does not exist.
package struct StartExecutionHandoff: Sendable, Hashable {
    package var machine: String
    package var name: String
    package var input: JSONValue
    package var rule: String
    package var retry: RetryPolicy
    /// The start date StartExecution answered with (milliseconds since 1970), when it answered before the
    /// execution started.
    package var startMillis: Int64?
    /// What the event was about, for the log (`s3://inbox/companies/t.csv`).
    package var about: String?

    package init(
        machine: String,
        name: String,
        input: JSONValue,
        rule: String,
        retry: RetryPolicy = RetryPolicy(),
        startMillis: Int64? = nil,
        about: String? = nil
    ) {
        self.machine = machine
        self.name = name
        self.input = input
        self.rule = rule
        self.retry = retry
        self.startMillis = startMillis
        self.about = about
    }
}
