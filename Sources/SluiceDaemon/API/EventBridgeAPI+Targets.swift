import SluiceAWS
import SluiceCore
import SluiceEngine
import SluiceJSON

/// PutTargets, ListTargetsByRule and RemoveTargets: the `Targets` of the rule's file, in PutTargets' own shape.
extension EventBridgeAPI {
    /// Adds or replaces targets by Id. A target the rule file's format refuses (an ARN that is neither a state
    /// machine nor a topic, a bad input transformer) is a failed entry; the others are saved.
    func putTargets(_ operation: JSONOperation) async throws(AWSError) -> JSONValue {
        let rule = try rule(try operation.required("Rule"))
        try checkEventBus(operation.string("EventBusName"))
        if isManaged(rule) { throw Self.managed(rule.name) }
        guard case .array(let given)? = operation.input["Targets"], !given.isEmpty else {
            throw AWSError.validation(
                "1 validation error detected: Value null at 'targets' failed to satisfy constraint: Member must not be null"
            )
        }
        var document = try document(rule)
        var targets = Self.targets(document)
        var failed: [JSONValue] = []
        for target in given {
            let id = target["Id"]?.stringValue ?? ""
            if let problem = problem(of: target, in: document) {
                failed.append(
                    ["TargetId": .string(id), "ErrorCode": "ValidationException", "ErrorMessage": .string(problem)]
                )
                continue
            }
            if let index = targets.firstIndex(where: { $0["Id"]?.stringValue == id }) {
                targets[index] = target
            } else {
                targets.append(target)
            }
        }
        guard targets.count <= 5 else {
            throw AWSError(
                "LimitExceededException",
                "The requested resource exceeds the maximum number allowed (5 targets per rule)."
            )
        }
        document["Targets"] = .array(targets)
        try await save(rule.name, document)
        return ["FailedEntryCount": .int(failed.count), "FailedEntries": .array(failed)]
    }

    func listTargets(_ operation: JSONOperation) throws(AWSError) -> JSONValue {
        let rule = try rule(try operation.required("Rule"))
        try checkEventBus(operation.string("EventBusName"))
        let targets = Self.targets(try document(rule))
        let page = try Page.of(targets, token: operation.string("NextToken"), size: operation.int("Limit"))
        var o = JSONObject()
        o["Targets"] = .array(Array(page.items))
        if let token = page.nextToken { o["NextToken"] = .string(token) }
        return .object(o)
    }

    /// Removes targets by Id; an Id the rule does not have is already removed.
    func removeTargets(_ operation: JSONOperation) async throws(AWSError) -> JSONValue {
        let rule = try rule(try operation.required("Rule"))
        try checkEventBus(operation.string("EventBusName"))
        if isManaged(rule) { throw Self.managed(rule.name) }
        guard case .array(let idValues)? = operation.input["Ids"], !idValues.isEmpty else {
            throw AWSError.validation(
                "1 validation error detected: Value null at 'ids' failed to satisfy constraint: Member must not be null"
            )
        }
        let ids = Set(idValues.compactMap(\.stringValue))
        var document = try document(rule)
        document["Targets"] = .array(Self.targets(document).filter { !ids.contains($0["Id"]?.stringValue ?? "") })
        try await save(rule.name, document)
        return ["FailedEntryCount": 0, "FailedEntries": []]
    }

    private static func targets(_ document: JSONObject) -> [JSONValue] {
        if case .array(let targets)? = document["Targets"] { return targets }
        return []
    }

    /// What the rule file's format finds wrong with `target` on this rule, if anything.
    private func problem(of target: JSONValue, in document: JSONObject) -> String? {
        var trial = document
        trial["Targets"] = [target]
        let name = document["Name"]?.stringValue ?? "rule"
        guard case .failure(let errors) = Rule.decode(.object(trial), file: name, defaultName: name) else { return nil }
        return errors.problems.map { "\($0.location): \($0.message)" }.joined(separator: "; ")
    }
}
