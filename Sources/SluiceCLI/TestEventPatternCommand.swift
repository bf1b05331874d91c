import ArgumentParser
import SluiceJSON
import SluicePatterns

/// `sluice test-event-pattern`: EventBridge's TestEventPattern on two files.
///
/// Prints `{"result": true|false}` and exits 0, or, for an event or pattern AWS would refuse, prints
/// `{"error": "<AWS code>", "message": "..."}` and exits 2. Files are read as text, so malformed JSON is reported
/// with AWS's wording rather than sluice's.
struct TestEventPatternCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test-event-pattern",
        abstract: "Test whether an EventBridge event pattern matches an event (AWS TestEventPattern)."
    )

    @Option(help: "The file holding the event pattern.")
    var pattern: String

    @Option(help: "The file holding the event (it needs id, account, source, time, region and detail-type).")
    var event: String

    func run() throws {
        let patternText: String
        let eventText: String
        do {
            patternText = try InputFiles.text(pattern)
            eventText = try InputFiles.text(event)
        } catch let error as CLIError {
            throw CLIError.exit(error.description)
        }
        do throws(PatternError) {
            // TestEventPattern looks at the event before the pattern.
            let document = try EventValidation.event(text: eventText)
            let compiled = try EventPattern(text: patternText)
            print(JSONValue.object(["result": .bool(compiled.matches(document))]).serialized())
        } catch {
            print(JSONValue.object(["error": .string(error.code), "message": .string(error.message)]).serialized())
            throw ExitCode(2)
        }
    }
}
