import ArgumentParser
import Foundation
import SluiceJSON
import SluicePatterns

/// `sluice test-input-transformer`: what a rule target would receive for an event, given the target's `Input`,
/// `InputPath` or `InputTransformer`.
struct TestInputTransformerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test-input-transformer",
        abstract: "Show what a rule target would receive for an event.",
        discussion: """
            The target file is a rule target (or just its input fields): {"Input": ...}, {"InputPath": ...}, \
            {"InputTransformer": {"InputPathsMap": {...}, "InputTemplate": ...}} or {} for the whole event; an "Id" \
            names it in messages.

            Prints the body exactly as the target gets it and exits 0. Exits 3, printing nothing, when EventBridge \
            would drop the event; exits 2 with {"error": "ValidationException", "message": ...} when PutTargets \
            would refuse the target.
            """
    )

    /// EventBridge would drop the event: the target gets nothing.
    static let droppedExitCode: Int32 = 3

    @Option(help: "The event (a JSON file).")
    var event: String

    @Option(help: "The target: a JSON object with Input, InputPath or InputTransformer.")
    var transformer: String

    @Option(
        help: """
            A JSON object with "aws.events.rule-arn", "aws.events.rule-name" and "aws.events.event.ingestion-time" \
            (defaults: rule test-input-transformer, the event's time).
            """
    )
    var context: String?

    func run() throws {
        let event: JSONValue
        let target: JSONObject
        let context: TargetContext
        do {
            event = try InputFiles.json(self.event, what: "event")
            guard case .object(let object) = try InputFiles.json(transformer, what: "target") else {
                throw CLIError("\(transformer): the target must be a JSON object")
            }
            target = object
            context = try readContext(event: event)
        } catch let error as CLIError {
            throw CLIError.exit(error.description)
        }

        // A target file without an Id gets the placeholder AWS's recorded messages show.
        let targetId = target["Id"]?.stringValue ?? "<target-id>"
        let input: TargetInput
        do {
            input = try TargetInput(target: target, targetId: targetId)
        } catch {
            let document: JSONValue = ["error": .string(error.code), "message": .string(error.message)]
            print(document.serialized())
            throw ExitCode(2)
        }
        guard let body = input.render(event: event, context: context) else {
            StandardError.write("sluice: EventBridge would drop this event: \(Self.dropReason(input))\n")
            throw ExitCode(Self.droppedExitCode)
        }
        print(body)
    }

    private static func dropReason(_ input: TargetInput) -> String {
        switch input.kind {
        case .inputPath(let path): "InputPath \(path) selects nothing in it"
        default: "the transformed input is not valid JSON"
        }
    }

    /// The rule and ingestion time from `--context`, or stand-ins: a rule named after this command in sluice's
    /// default region and account, and the event's own time (close to when EventBridge would have received it).
    private func readContext(event: JSONValue) throws -> TargetContext {
        let defaultName = "test-input-transformer"
        var result = TargetContext(
            ruleArn: "arn:aws:events:local:000000000000:rule/\(defaultName)",
            ruleName: defaultName,
            ingestionTime: event["time"]?.stringValue ?? Self.now()
        )
        guard let path = context else { return result }
        guard case .object(let values) = try InputFiles.json(path, what: "context") else {
            throw CLIError("\(path): the context must be a JSON object")
        }
        func string(_ key: String) throws -> String? {
            guard let value = values[key] else { return nil }
            guard let text = value.stringValue else { throw CLIError("\(path): \"\(key)\" must be a string") }
            return text
        }
        if let name = try string("aws.events.rule-name") {
            result.ruleName = name
            result.ruleArn = "arn:aws:events:local:000000000000:rule/\(name)"
        }
        if let arn = try string("aws.events.rule-arn") { result.ruleArn = arn }
        if let time = try string("aws.events.event.ingestion-time") { result.ingestionTime = time }
        return result
    }

    /// The current time as EventBridge writes timestamps (seconds, UTC).
    private static func now() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date())
    }
}
