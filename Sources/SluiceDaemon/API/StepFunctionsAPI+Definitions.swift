import SluiceASL
import SluiceAWS
import SluiceJSON
import SluiceVocabulary

/// State machines created, updated and deleted through the API: files in var/lib/sluice/config/state-machines
/// (APIDefinitions), in force before the answer. A name /etc/sluice defines is the administrator's.
extension StepFunctionsAPI {
    func createStateMachine(_ operation: JSONOperation) async throws(AWSError) -> JSONValue {
        let name = try operation.required("name")
        guard ControlRequests.isValidName(name) else { throw AWSError("InvalidName", "Invalid Name: '\(name)'") }
        let text = try validDefinition(try operation.required("definition"))
        let arn = stateMachineArn(name)
        if let existing = runtime.config.current.machines[name] {
            // CreateStateMachine is idempotent: the same definition answers as the first creation did.
            guard existing.sourceText.flatMap({ try? JSONParser.parse($0) }) == (try? JSONParser.parse(text)) else {
                throw AWSError("StateMachineAlreadyExists", "State Machine Already Exists: '\(arn)'")
            }
            return ["stateMachineArn": .string(arn), "creationDate": creationDate(name)]
        }
        try await definitions.save(.stateMachines, file: name + ".asl.json", text: text, shipped: shipped(arn))
        return ["stateMachineArn": .string(arn), "creationDate": creationDate(name)]
    }

    func updateStateMachine(_ operation: JSONOperation) async throws(AWSError) -> JSONValue {
        let arn = try operation.required("stateMachineArn")
        let name = try Self.name(fromArn: arn, kind: "stateMachine")
        guard runtime.config.current.machines[name] != nil else {
            throw AWSError("StateMachineDoesNotExist", "State Machine Does Not Exist: '\(arn)'")
        }
        if let definition = operation.string("definition") {
            let text = try validDefinition(definition)
            try await definitions.save(.stateMachines, file: name + ".asl.json", text: text, shipped: shipped(arn))
        } else if definitions.isShipped(.stateMachines, file: name + ".asl.json") {
            throw shipped(arn)
        }
        return ["updateDate": creationDate(name)]
    }

    func deleteStateMachine(_ operation: JSONOperation) async throws(AWSError) -> JSONValue {
        let arn = try operation.required("stateMachineArn")
        let name = try Self.name(fromArn: arn, kind: "stateMachine")
        // Deleting what is not there succeeds, as on AWS.
        try await definitions.remove(.stateMachines, file: name + ".asl.json", shipped: shipped(arn))
        return .object(JSONObject())
    }

    var definitions: APIDefinitions { APIDefinitions(runtime: runtime) }

    /// The definition's text when it is one AWS would accept; InvalidDefinition with AWS's first problem otherwise.
    func validDefinition(_ text: String) throws(AWSError) -> String {
        switch DefinitionDecoder.decode(text: text) {
        case .success: return text
        case .failure(let errors):
            let problems = errors.problems.map { "\($0.code): \($0.message) at \($0.location)" }
            throw AWSError(
                "InvalidDefinition",
                "Invalid State Machine Definition: '\(problems.joined(separator: ", "))'"
            )
        }
    }

    private func shipped(_ arn: String) -> AWSError {
        AWSError(
            "AccessDeniedException",
            "State machine '\(arn)' is defined in /etc/sluice and cannot be changed through the API"
        )
    }
}
