/// What recording an execution's start found: it started (with the hand-offs its start routed to, as stored), or
/// an execution of that ARN was there already (StartExecution is idempotent by name).
package enum ExecutionStart: Sendable, Hashable {
    case started([Handoff])
    case exists(ExecutionRecord)
}
