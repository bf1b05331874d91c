import SluiceJSON
import SluicePatterns

extension RuleTarget {
    static func decode(
        _ object: JSONObject,
        file: String,
        location: String,
        problems: inout [ConfigProblem]
    ) -> RuleTarget? {
        var r = ConfigReader(object, file: file, location: location)
        let before = problems.count
        let id = r.string("Id", &problems)
        if id == nil, !r.has("Id") { problems.append(r.problem(nil, "the field 'Id' is required")) }
        if let id, !ResourceName.isValidRuleName(id) {
            problems.append(r.problem("Id", "target ids are 1 to 64 of A-Z a-z 0-9 . - _ ('\(id)')"))
        }
        let arn = r.string("Arn", &problems)
        var destination: Destination?
        if let arn {
            switch ResourceName.parse(arn) {
            case .stateMachine(let name)?: destination = .stateMachine(name)
            case .topic(let name)?: destination = .topic(name)
            default:
                problems.append(r.problem("Arn", "must be a state machine or SNS topic ARN, not '\(arn)'"))
            }
        } else if !r.has("Arn") {
            problems.append(r.problem(nil, "the field 'Arn' is required"))
        }
        // The role EventBridge would assume: accepted so PutTargets' documents load, and unused.
        _ = r.string("RoleArn", &problems)
        var retry = RetryPolicy()
        if let policy = r.object("RetryPolicy", &problems) {
            var p = ConfigReader(policy, file: file, location: r.at("RetryPolicy"))
            if let n = p.int("MaximumRetryAttempts", in: 0...185, &problems) { retry.maximumRetryAttempts = n }
            if let n = p.int("MaximumEventAgeInSeconds", in: 60...86_400, &problems) {
                retry.maximumEventAgeInSeconds = n
            }
            p.reportUnknown(&problems)
        }
        // The input fields are validated by TargetInput, exactly as PutTargets validates them.
        var inputFields = JSONObject()
        for key in ["Input", "InputPath", "InputTransformer"] {
            if let v = r.raw(key) { inputFields[key] = v }
        }
        var input: TargetInput?
        do {
            input = try TargetInput(target: inputFields, targetId: id ?? "")
        } catch {
            problems.append(r.problem(nil, "\(error.code): \(error.message)"))
        }
        r.reportUnknown(&problems)
        guard problems.count == before, let id, let arn, let destination, let input else { return nil }
        return RuleTarget(id: id, arn: arn, destination: destination, input: input, retryPolicy: retry)
    }
}
