import SluiceAWS
import SluiceCore
import SluiceEngine
import SluiceJSON
import SluicePatterns

/// PutRule, DescribeRule, ListRules, DeleteRule, EnableRule and DisableRule over the rules' files.
extension EventBridgeAPI {
    func putRule(_ operation: JSONOperation) async throws(AWSError) -> JSONValue {
        let name = try operation.required("Name")
        guard ResourceName.isValidRuleName(name) else {
            throw AWSError.validation(
                "1 validation error detected: Value '\(name)' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+"
            )
        }
        try checkEventBus(operation.string("EventBusName"))
        if operation.string("ScheduleExpression") != nil {
            throw AWSError.validation("sluice does not run scheduled rules (ScheduleExpression)")
        }
        let patternText = try operation.required("EventPattern")
        do throws(PatternError) {
            _ = try EventPattern(text: patternText)
        } catch {
            throw AWSError(error.code, error.message)
        }
        var document = JSONObject()
        document["Name"] = .string(name)
        if let description = operation.string("Description") { document["Description"] = .string(description) }
        let state = operation.string("State") ?? "ENABLED"
        guard Rule.State(rawValue: state) != nil else {
            throw AWSError.validation("State must be ENABLED or DISABLED, not '\(state)'")
        }
        document["State"] = .string(state)
        document["EventPattern"] = .string(patternText)
        // PutRule changes the rule and keeps its targets, as on EventBridge.
        var targets: JSONValue = .array([])
        if let existing = runtime.config.current.rules[name] {
            if isManaged(existing) { throw Self.managed(name) }
            targets = try self.document(existing)["Targets"] ?? .array([])
        }
        document["Targets"] = targets
        try await save(name, document)
        return ["RuleArn": .string("arn:aws:events:\(region):\(account):rule/\(name)")]
    }

    func describeRule(_ operation: JSONOperation) throws(AWSError) -> JSONValue {
        try checkEventBus(operation.string("EventBusName"))
        return try description(rule(try operation.required("Name")))
    }

    func listRules(_ operation: JSONOperation) throws(AWSError) -> JSONValue {
        try checkEventBus(operation.string("EventBusName"))
        let prefix = operation.string("NamePrefix") ?? ""
        let rules = runtime.config.current.rules.rules.filter { $0.name.hasPrefix(prefix) }
        let page = try Page.of(rules, token: operation.string("NextToken"), size: operation.int("Limit"))
        var rulesJSON: [JSONValue] = []
        for rule in page.items { rulesJSON.append(try description(rule)) }
        var o = JSONObject()
        o["Rules"] = .array(rulesJSON)
        if let token = page.nextToken { o["NextToken"] = .string(token) }
        return .object(o)
    }

    /// Deletes a rule without targets (EventBridge asks for them to be removed first); a rule that does not exist
    /// is already deleted.
    func deleteRule(_ operation: JSONOperation) async throws(AWSError) -> JSONValue {
        let name = try operation.required("Name")
        try checkEventBus(operation.string("EventBusName"))
        guard let rule = runtime.config.current.rules[name] else { return .object(JSONObject()) }
        if isManaged(rule) { throw Self.managed(name) }
        guard rule.targets.isEmpty else {
            throw AWSError.validation("Rule can't be deleted since it has targets.")
        }
        try await APIDefinitions(runtime: runtime).remove(.rules, file: name + ".json", shipped: Self.managed(name))
        return .object(JSONObject())
    }

    func setState(_ operation: JSONOperation, _ state: Rule.State) async throws(AWSError) -> JSONValue {
        let rule = try rule(try operation.required("Name"))
        try checkEventBus(operation.string("EventBusName"))
        if isManaged(rule) { throw Self.managed(rule.name) }
        var document = try document(rule)
        document["State"] = .string(state.rawValue)
        try await save(rule.name, document)
        return .object(JSONObject())
    }
}
