import ArgumentParser
import SluiceJSON
import SluicePatterns

/// `sluice test-filter-policy`: would an SNS subscription with this filter policy receive this message?
struct TestFilterPolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test-filter-policy",
        abstract: "Match an SNS message against a subscription filter policy, as SNS would.",
        discussion: """
            Prints {"result": true|false} (exit 0), or for a policy SNS would refuse \
            {"error": "InvalidParameter", "message": ..., "reason": ...} (exit 2).
            """
    )

    @Option(help: "The filter policy (JSON text, read as is).")
    var policy: String

    @Option(help: "The message body (any text; in the MessageBody scope only a JSON object can match).")
    var message: String

    @Option(help: "The Publish MessageAttributes as JSON: {\"name\": {\"DataType\": ..., \"StringValue\": ...}}.")
    var attributes: String?

    @Option(help: "MessageAttributes (the AWS default) or MessageBody.")
    var scope: String = FilterPolicyScope.messageAttributes.rawValue

    func run() throws {
        guard let scope = FilterPolicyScope(rawValue: scope) else {
            throw CLIError.exit("--scope must be MessageAttributes or MessageBody, not \(scope)")
        }
        let policyText: String
        let messageText: String
        let attributeObject: JSONObject
        do {
            policyText = try InputFiles.text(policy)
            messageText = try InputFiles.text(message)
            attributeObject = try attributes.map(readAttributes) ?? JSONObject()
        } catch let error as CLIError {
            throw CLIError.exit(error.description)
        }
        let filterPolicy: FilterPolicy
        do {
            filterPolicy = try FilterPolicy(text: policyText, scope: scope)
        } catch {
            var doc = JSONObject()
            doc["error"] = .string(error.code)
            doc["message"] = .string(error.message)
            doc["reason"] = .string(Self.reason(error.message))
            print(JSONValue.object(doc).serialized())
            throw ExitCode(2)
        }
        let result = filterPolicy.matches(message: messageText, attributes: attributeObject)
        print(JSONValue.object(["result": .bool(result)]).serialized())
    }

    private func readAttributes(_ path: String) throws -> JSONObject {
        guard let object = try InputFiles.json(path, what: "attributes").objectValue else {
            throw CLIError("\(path): the attributes must be a JSON object of name to {DataType, StringValue}")
        }
        return object
    }

    /// The part of SNS's message that names the problem (what its error snapshots call the reason).
    static func reason(_ message: String) -> String {
        var text = Substring(message)
        for prefix in ["Invalid parameter: ", "Attributes Reason: ", "FilterPolicy: "] where text.hasPrefix(prefix) {
            text = text.dropFirst(prefix.count)
        }
        return String(text)
    }
}
