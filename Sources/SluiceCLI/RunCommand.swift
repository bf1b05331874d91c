import ArgumentParser
import Foundation
import Logging
import SluiceASL
import SluiceEngine
import SluiceInterpreter
import SluiceJSON
import SluiceVocabulary
import SluiceWorkers

/// `sluice run`: runs a state machine in-process, no daemon needed.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a state machine definition in-process and print its result."
    )

    @Argument(help: "The state machine definition (Amazon States Language JSON).")
    var definition: String

    @Option(help: "The execution input as a JSON text.")
    var input: String?

    @Option(name: .customLong("input-file"), help: "A file holding the execution input.")
    var inputFile: String?

    @Flag(help: "Print exactly one JSON document: {\"status\", \"output\"} or {\"status\", \"error\", \"cause\"}.")
    var json = false

    @Option(help: "The folder of function definitions Task states invoke (default: ROOT/etc/sluice/functions).")
    var functions: String?

    @Option(help: "The root that sluice's folders are under, as for sluiced.")
    var root: String = "/"

    /// AWS's limit on an execution's input and on every state's input and output.
    static let payloadLimit = 262_144

    func run() async throws {
        if input != nil, inputFile != nil { throw CLIError.exit("give --input or --input-file, not both") }
        let machine: StateMachineDefinition
        let executionInput: JSONValue
        do {
            let text = try InputFiles.text(definition)
            switch DefinitionDecoder.decode(text: text) {
            case .success(let m): machine = m
            case .failure(let errors):
                for problem in errors.problems { StandardError.write("\(definition): \(problem)\n") }
                throw CLIError.exit(
                    "\(definition): invalid definition (\(errors.problems.count) problem\(errors.problems.count == 1 ? "" : "s"))"
                )
            }
            executionInput = try readInput()
        } catch let error as CLIError {
            throw CLIError.exit(error.description)
        }
        let settings = try SluiceSettings.load(root: root)
        // The root's functions run as sluiced runs them: with the concurrency set through its API.
        let host = FunctionHost(
            directory: functions ?? SluicePaths(root: root).functions,
            overlays: functions == nil ? SluicePaths(root: root).apiFunctions : nil,
            maxWorkers: settings.maxWorkers,
            logger: Logger(label: "sluice.functions") { StreamLogHandler.standardError(label: $0) }
        )
        for problem in host.problems { StandardError.write("sluice: function unavailable: \(problem)\n") }
        await host.start()
        let outcome = await PipelineRunner.run(
            machine,
            name: Self.stateMachineName(definition),
            input: executionInput,
            root: root,
            host: host,
            maxWorkers: settings.maxWorkers,
            region: settings.region,
            account: settings.account
        )
        await host.shutdown()
        print(outcome: outcome)
        if case .succeeded = outcome { return }
        throw ExitCode(1)
    }

    private func readInput() throws -> JSONValue {
        let text: String
        let source: String
        if let inputFile {
            text = try InputFiles.text(inputFile)
            source = inputFile
        } else if let input {
            text = input
            source = "--input"
        } else {
            return .object(JSONObject())
        }
        if text.utf8.count > Self.payloadLimit {
            throw CLIError("\(source): the input is \(text.utf8.count) bytes; the limit is \(Self.payloadLimit) bytes")
        }
        do {
            return try JSONParser.parse(text)
        } catch {
            throw CLIError("\(source): the input is not valid JSON: \(error)")
        }
    }

    private func print(outcome: ExecutionOutcome) {
        var doc = JSONObject()
        doc["status"] = .string(outcome.status.rawValue)
        switch outcome {
        case .succeeded(let output):
            doc["output"] = output
        case .failed(let error, let cause), .timedOut(let error, let cause), .aborted(let error, let cause):
            doc["error"] = error.map { .string($0) } ?? .null
            doc["cause"] = cause.map { .string($0) } ?? .null
        }
        if json {
            Swift.print(JSONValue.object(doc).serialized())
            return
        }
        Swift.print("status: \(outcome.status)")
        switch outcome {
        case .succeeded(let output):
            Swift.print(output.prettyPrinted())
        case .failed(let error, let cause), .timedOut(let error, let cause), .aborted(let error, let cause):
            Swift.print("error: \(error ?? "(none)")")
            Swift.print("cause: \(cause ?? "(none)")")
        }
    }

    /// The state machine's name is the file stem, as in the daemon's state-machines folder.
    static func stateMachineName(_ path: String) -> String {
        var name = URL(fileURLWithPath: path).lastPathComponent
        for suffix in [".asl.json", ".json"] where name.hasSuffix(suffix) {
            name.removeLast(suffix.count)
            break
        }
        return name.isEmpty ? "StateMachine" : name
    }
}
