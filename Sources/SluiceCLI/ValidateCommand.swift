import ArgumentParser
import SluiceASL
import SluiceJSON

/// `sluice validate`: the static checks of AWS's ValidateStateMachineDefinition, every problem with its location.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check definitions and configuration files; report every problem with its location."
    )

    @Argument(help: "Files to check.")
    var files: [String]

    @Flag(help: "Print the result as JSON (AWS's ValidateStateMachineDefinition shape).")
    var json = false

    func run() throws {
        var failed = false
        var reports: [JSONValue] = []
        for file in files {
            let problems: [DefinitionProblem]
            do {
                let text = try InputFiles.text(file)
                switch DefinitionDecoder.decode(text: text) {
                case .success: problems = []
                case .failure(let errors): problems = errors.problems
                }
            } catch let error as CLIError {
                problems = [DefinitionProblem(code: "FILE", location: "/", message: error.description)]
            }
            failed = failed || !problems.isEmpty
            if json {
                let diagnostics: [JSONValue] = problems.map {
                    [
                        "severity": "ERROR", "code": .string($0.code), "message": .string($0.message),
                        "location": .string($0.location),
                    ]
                }
                reports.append([
                    "file": .string(file), "result": problems.isEmpty ? "OK" : "FAIL",
                    "diagnostics": .array(diagnostics),
                ])
            } else if problems.isEmpty {
                print("\(file): OK")
            } else {
                for p in problems { print("\(file): \(p.code) at \(p.location): \(p.message)") }
            }
        }
        if json { print(JSONValue.array(reports).prettyPrinted()) }
        if failed { throw ExitCode(2) }
    }
}
