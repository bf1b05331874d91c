/// What a Distributed Map's child executions' ARNs take from its map run's ARN
/// (`arn:aws:states:REGION:ACCOUNT:mapRun:MACHINE/LABEL:ID`): the part before the resource type and the
/// `MACHINE/LABEL` their state machine is named by.
struct MapRunChildArns: Sendable {
    /// `arn:aws:states:REGION:ACCOUNT`: the first five colon-separated fields.
    let prefix: String
    /// With a label (the next-to-last non-empty field; none when the ARN has fewer than two, and the execution's
    /// machine is used): the children's ARN up to their name, and their state machine's ARN, made once per run
    /// rather than once per child (a million children share them).
    let named: (executionArnPrefix: String, stateMachineArn: String)?

    init(mapRunArn: String) {
        let prefix = mapRunArn.split(separator: ":", omittingEmptySubsequences: false).prefix(5).joined(separator: ":")
        let label = mapRunArn.split(separator: ":").dropLast().last.map { String($0) }
        self.prefix = prefix
        named = label.map { Self.arns(prefix: prefix, label: $0) }
    }

    /// The children's ARN up to their name, and their state machine's ARN, for `label`.
    static func arns(prefix: String, label: String) -> (executionArnPrefix: String, stateMachineArn: String) {
        ("\(prefix):execution:\(label):", "\(prefix):stateMachine:\(label)")
    }
}
