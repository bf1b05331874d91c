import Foundation
import SluiceAWS
import SluiceCore
import SluiceEngine
import SluiceJSON

/// The rules' files: one per rule, the rule and its targets, read back for answers and written whole for changes.
extension EventBridgeAPI {
    /// The rule in force named `name`; ResourceNotFoundException otherwise.
    func rule(_ name: String) throws(AWSError) -> Rule {
        guard let rule = runtime.config.current.rules[name] else {
            throw AWSError("ResourceNotFoundException", "Rule \(name) does not exist on EventBus default.")
        }
        return rule
    }

    /// Whether /etc/sluice defines the rule (the API did not create it).
    func isManaged(_ rule: Rule) -> Bool {
        !rule.file.hasPrefix(runtime.paths.apiRules + "/")
    }

    static func managed(_ name: String) -> AWSError {
        AWSError(
            "ManagedRuleException",
            "Rule \(name) is defined in /etc/sluice and managed by its administrator: the API cannot change it."
        )
    }

    /// The rule's file as its JSON object (the pattern as written, the targets in PutTargets' shape).
    func document(_ rule: Rule) throws(AWSError) -> JSONObject {
        guard let data = FileManager.default.contents(atPath: rule.file),
            case .object(let object)? = try? JSONParser.parse(bytes: Array(data))
        else {
            throw AWSError.internalFailure("cannot read the file of rule \(rule.name): \(rule.file)")
        }
        return object
    }

    /// The rule's file written and put in force, after checking it loads (a rule that would not load is refused
    /// with what is wrong, and nothing is written).
    func save(_ name: String, _ document: JSONObject) async throws(AWSError) {
        let definitions = APIDefinitions(runtime: runtime)
        let file = name + ".json"
        let json = JSONValue.object(document)
        if case .failure(let errors) = Rule.decode(json, file: definitions.path(.rules, file), defaultName: name) {
            throw AWSError.validation(errors.problems.map { "\($0.location): \($0.message)" }.joined(separator: "; "))
        }
        try await definitions.save(.rules, file: file, text: json.prettyPrinted() + "\n", shipped: Self.managed(name))
    }

    /// DescribeRule's answer, and each of ListRules'.
    func description(_ rule: Rule) throws(AWSError) -> JSONValue {
        let document = try document(rule)
        var o = JSONObject()
        o["Name"] = .string(rule.name)
        o["Arn"] = .string(rule.arn(region: region, account: account))
        switch document["EventPattern"] {
        case .string(let text)?: o["EventPattern"] = .string(text)
        case let value?: o["EventPattern"] = .string(value.serialized())
        case nil: break
        }
        o["State"] = .string(rule.state.rawValue)
        if let description = rule.description { o["Description"] = .string(description) }
        o["EventBusName"] = "default"
        o["CreatedBy"] = .string(account)
        return .object(o)
    }
}
