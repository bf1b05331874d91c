/// What a Distributed Map's child executions' ARNs take from its map run's ARN
/// (`arn:aws:states:REGION:ACCOUNT:mapRun:MACHINE/LABEL:ID`): the part before the resource type and the
/// `MACHINE/LABEL` their state machine is named by.
struct MapRunChildArns: Sendable {
    /// `arn:aws:states:REGION:ACCOUNT`: the first five colon-separated fields.
    var prefix: String
    /// The next-to-last non-empty field; nil when the ARN has fewer than two (the execution's machine is used).
    var label: String?

    init(mapRunArn: String) {
        prefix = mapRunArn.split(separator: ":", omittingEmptySubsequences: false).prefix(5).joined(separator: ":")
        label = mapRunArn.split(separator: ":").dropLast().last.map { String($0) }
    }
}
