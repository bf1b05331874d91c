import SluiceJSON

/// Where a redrive starts: the top-level state that failed (or was running when the execution was stopped or
/// timed out), with its raw input and the variables in scope, as AWS's RedriveExecution restarts "from the state
/// that failed". A Distributed Map there keeps what already succeeded, so only the rest runs again.
struct RedrivePoint: Sendable {
    var stateName: String
    var input: JSONValue
    var variables: [String: JSONValue]
    var map: MapRedrive?
}

/// A Distributed Map run's successes, kept for its redrive: the same Map Run ARN carries on, and the child slots
/// that succeeded (with their outputs when the run collects them in memory; `.null` when a ResultWriter has them)
/// are not run again.
struct MapRedrive: Sendable {
    var mapRunArn: String
    var succeeded: [Int: JSONValue]
    var redriveCount: Int
}
