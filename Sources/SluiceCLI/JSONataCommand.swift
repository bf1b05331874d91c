import ArgumentParser
import Foundation
import SluiceJSON
import SluiceJSONata

/// `sluice jsonata`: evaluates a JSONata expression (jsonata-js 2.0.6 semantics), or a file of cases in batch.
///
/// One expression prints its result as JSON (nothing for undefined), or `CODE: message` on stderr with exit 1.
/// `--cases FILE.jsonl` reads `{"id", "expr", "input"?, "bindings"?}` a line and writes one JSON line per case,
/// flushed: `{"id", "result"}`, `{"id", "undefined": true}` or `{"id", "error", "message"}`.
struct JSONataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jsonata",
        abstract: "Evaluate a JSONata expression against a JSON input."
    )

    @Argument(help: "The JSONata expression.")
    var expression: String?

    @Option(help: "A file holding the input document.")
    var input: String?

    @Option(name: .customLong("input-json"), help: "The input document as JSON text.")
    var inputJSON: String?

    @Option(help: "A file holding a JSON object of variables to bind ({\"price\": 5} binds $price).")
    var bindings: String?

    @Option(help: "A JSON-lines file of cases to evaluate in batch.")
    var cases: String?

    func run() throws {
        if let cases {
            try runBatch(cases)
            return
        }
        guard let expression else { throw ValidationError("give an expression, or --cases FILE") }
        var document: JSONValue?
        do {
            if let input { document = try InputFiles.json(input, what: "input") }
            if let inputJSON { document = try JSONParser.parse(inputJSON) }
        } catch let error as CLIError {
            throw CLIError.exit(error.description)
        } catch {
            throw CLIError.exit("the input is not valid JSON: \(error)")
        }
        var bound: [String: JSONataBinding] = [:]
        if let bindings {
            let value: JSONValue
            do { value = try InputFiles.json(bindings, what: "bindings") } catch let error as CLIError {
                throw CLIError.exit(error.description)
            }
            bound = Self.bindings(value)
        }
        do throws(JSONataError) {
            let compiled = try JSONataExpression(expression)
            let result = try compiled.evaluate(input: document, bindings: bound, environment: Self.environment())
            if let result { print(JSONataOutput.text(result)) }
        } catch {
            StandardError.write("\(error.code): \(error.message)\n")
            throw ExitCode(1)
        }
    }

    static func environment() -> JSONataEnvironment {
        // The main thread has an 8 MB stack: deep (non-tail) recursion may use most of it.
        var environment = JSONataEnvironment(
            now: (Date().timeIntervalSince1970 * 1000).rounded(.down),
            maxStackBytes: 6 * 1024 * 1024
        )
        // From the shell, a runaway loop ends after 2 s whatever the build's speed.
        let deadline = ContinuousClock.now + .seconds(2)
        environment.outOfTime = { ContinuousClock.now > deadline }
        return environment
    }

    static func bindings(_ value: JSONValue) -> [String: JSONataBinding] {
        var bound: [String: JSONataBinding] = [:]
        if case .object(let o) = value {
            for key in o.keys { if let v = o[key] { bound[key] = .value(v) } }
        }
        return bound
    }

    private func runBatch(_ path: String) throws {
        let text: String
        do { text = try InputFiles.text(path) } catch let error as CLIError { throw CLIError.exit(error.description) }
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let out = Self.answer(String(line))
            FileHandle.standardOutput.write(Data((out.serialized() + "\n").utf8))
        }
    }

    /// One case's answer line.
    static func answer(_ line: String) -> JSONValue {
        guard let parsed = try? JSONParser.parse(line), case .object(let c) = parsed else {
            return ["id": .null, "error": "CLI", "message": "not a JSON object"]
        }
        let id = c["id"] ?? .null
        guard case .string(let expr)? = c["expr"] else {
            return ["id": id, "error": "CLI", "message": "no expr"]
        }
        let bound = c["bindings"].map(bindings) ?? [:]
        do throws(JSONataError) {
            let compiled = try JSONataExpression(expr)
            let result = try compiled.evaluate(input: c["input"], bindings: bound, environment: environment())
            guard let result else { return ["id": id, "undefined": true] }
            return ["id": id, "result": result]
        } catch {
            return ["id": id, "error": .string(error.code), "message": .string(error.message)]
        }
    }
}
