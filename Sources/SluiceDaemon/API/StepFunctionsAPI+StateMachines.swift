import SluiceASL
import SluiceAWS
import SluiceEngine
import SluiceJSON
import SluiceLinux
import SluiceStore

/// State machines: the definitions in force (state-machines/*.asl.json), listed and described; a definition
/// checked as AWS's ValidateStateMachineDefinition checks it.
extension StepFunctionsAPI {
    func listStateMachines(_ operation: JSONOperation) throws(AWSError) -> JSONValue {
        let names = runtime.config.current.machines.keys.sorted()
        let page = try Page.of(names, operation)
        var o = JSONObject()
        o["stateMachines"] = .array(
            page.items.map { name in
                [
                    "stateMachineArn": .string(stateMachineArn(name)), "name": .string(name), "type": "STANDARD",
                    "creationDate": creationDate(name),
                ]
            }
        )
        if let token = page.nextToken { o["nextToken"] = .string(token) }
        return .object(o)
    }

    func describeStateMachine(_ operation: JSONOperation) throws(AWSError) -> JSONValue {
        let arn = try operation.required("stateMachineArn")
        let name = try Self.name(fromArn: arn, kind: "stateMachine")
        guard let definition = runtime.config.current.machines[name] else {
            throw AWSError("StateMachineDoesNotExist", "State Machine Does Not Exist: '\(arn)'")
        }
        return stateMachineDocument(name, definition)
    }

    func describeStateMachineForExecution(_ operation: JSONOperation) throws(AWSError) -> JSONValue {
        let record = try execution(try operation.required("executionArn"))
        let name = try Self.name(fromArn: record.stateMachineArn, kind: "stateMachine")
        // The definition the execution started with, which a later edit of the file does not change.
        let stored = try read { try $0.resumableExecution(record.executionArn) }
        var o = JSONObject()
        o["stateMachineArn"] = .string(record.stateMachineArn)
        o["name"] = .string(name)
        o["definition"] = .string(
            stored?.definition ?? runtime.config.current.machines[name]?.sourceText ?? ""
        )
        o["roleArn"] = .string(roleArn)
        o["updateDate"] = DocumentDates.epochSeconds.value(record.startDate)
        return .object(o)
    }

    func validateDefinition(_ operation: JSONOperation) throws(AWSError) -> JSONValue {
        let text = try operation.required("definition")
        let problems: [DefinitionProblem]
        switch DefinitionDecoder.decode(text: text) {
        case .success: problems = []
        case .failure(let errors): problems = errors.problems
        }
        let diagnostics: [JSONValue] = problems.map {
            [
                "severity": "ERROR", "code": .string($0.code), "message": .string($0.message),
                "location": .string($0.location),
            ]
        }
        return ["result": problems.isEmpty ? "OK" : "FAIL", "diagnostics": .array(diagnostics), "truncated": false]
    }

    var roleArn: String { "arn:aws:iam::\(account):role/sluice" }

    private func stateMachineDocument(_ name: String, _ definition: StateMachineDefinition) -> JSONValue {
        var o = JSONObject()
        o["stateMachineArn"] = .string(stateMachineArn(name))
        o["name"] = .string(name)
        o["status"] = "ACTIVE"
        o["definition"] = .string(definition.sourceText ?? "")
        o["roleArn"] = .string(roleArn)
        o["type"] = "STANDARD"
        o["creationDate"] = creationDate(name)
        o["loggingConfiguration"] = ["level": "OFF", "includeExecutionData": false]
        if let comment = definition.comment { o["description"] = .string(comment) }
        return .object(o)
    }

    /// When the definition's file was last written (sluice keeps no other creation date).
    func creationDate(_ name: String) -> JSONValue {
        let files = [runtime.paths.stateMachines, runtime.paths.apiStateMachines].map { $0 + "/" + name + ".asl.json" }
        let seconds = files.lazy.compactMap { Posix.status($0) }.first.map { Double($0.modifiedNanoseconds) / 1e9 } ?? 0
        return DocumentDates.epochSeconds.value(seconds)
    }
}
