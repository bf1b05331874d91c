import SluiceCore
import SluiceJSON
import SluiceStore

/// A request to start an execution: a hand-off (a rule target, `sluice start-execution`), or an execution to carry
/// on (resumed or redriven).
struct StartRequest: Sendable {
    var machine: String
    var input: JSONValue
    var rule: String
    /// The hand-off asking for it; its attempts and age count against `retry`.
    var handoff: Handoff?
    /// The target's RetryPolicy while the state machine does not exist.
    var retry = RetryPolicy()
    /// An execution a previous sluiced left running, to rebuild from its journal and carry on.
    var resume: Resume?
    /// The execution's name: the hand-off's, or the resumed execution's.
    var name: String?
    /// The start date StartExecution answered with (milliseconds since 1970); nil: when it starts.
    var startMillis: Int64?
    /// What the event that started it was about, for the log.
    var about: String?
}
