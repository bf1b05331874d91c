import ArgumentParser
import Foundation
import SluiceASL
import SluiceEngine
import SluiceJSON
import SluiceWorkers

/// `sluice validate`: state machines (the checks of AWS's ValidateStateMachineDefinition), functions, rules,
/// subscriptions and buckets, every problem with its file and location.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract:
            "Check state machines, functions, rules, subscriptions and buckets; report every problem with its location."
    )

    @Argument(
        help:
            "Files to check. The kind of each comes from its folder (state-machines, functions, ...) or content. None: every file of the root's configuration, /etc/sluice's and the API's (var/lib/sluice/config)."
    )
    var files: [String] = []

    @Option(help: "The root that sluice's folders are under, as for sluiced (used when no files are given).")
    var root: String = "/"

    @Flag(help: "Print the result as JSON (AWS's ValidateStateMachineDefinition shape, one report per file).")
    var json = false

    /// What a file holds.
    enum Kind: String {
        case stateMachine = "state machine"
        case function
        case rule
        case subscription
        case bucket
    }

    func run() throws {
        var failed = false
        var reports: [JSONValue] = []
        let files = files.isEmpty ? Self.configurationFiles(root: root) : files
        for file in files {
            let problems = Self.check(file)
            let errors = problems.filter { Self.severity(of: $0) == "ERROR" }
            failed = failed || !errors.isEmpty
            if json {
                let diagnostics: [JSONValue] = problems.map {
                    [
                        "severity": .string(Self.severity(of: $0)), "code": .string($0.code),
                        "message": .string($0.message), "location": .string($0.location),
                    ]
                }
                reports.append([
                    "file": .string(file), "result": errors.isEmpty ? "OK" : "FAIL",
                    "diagnostics": .array(diagnostics),
                ])
            } else {
                for p in problems {
                    let severity = Self.severity(of: p)
                    let label = severity == "ERROR" ? "" : severity.lowercased() + " "
                    print("\(file): \(label)\(p.code) at \(p.location): \(p.message)")
                }
                if errors.isEmpty { print("\(file): OK") }
            }
        }
        if json { print(JSONValue.array(reports).prettyPrinted()) }
        if failed { throw ExitCode(2) }
    }

    /// Every problem of one file, whatever its kind.
    static func check(_ file: String, slurm: SlurmCommand = SlurmCommand()) -> [DefinitionProblem] {
        let text: String
        do {
            text = try InputFiles.text(file)
        } catch {
            return [DefinitionProblem(code: "FILE", location: "/", message: "\(error)")]
        }
        let document: JSONValue
        do {
            document = try JSONParser.parse(text)
        } catch {
            return [DefinitionProblem(code: "INVALID_JSON", location: "/", message: "not valid JSON: \(error)")]
        }
        switch kind(of: file, document) {
        case .stateMachine:
            if case .failure(let errors) = DefinitionDecoder.decode(document) { return errors.problems }
            return []
        case .function:
            let name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
            let loaded = FunctionDefinition.load(document, file: file, name: name)
            if case .slurm(let placement)? = loaded.definition?.placement {
                return SlurmReadiness.check(placement, slurm: slurm).map {
                    DefinitionProblem(
                        code: $0.code ?? slurmCodes[$0.severity]!,
                        location: "/Placement",
                        message: $0.message
                    )
                }
            }
            return loaded.problems.map {
                DefinitionProblem(code: "INVALID_FUNCTION", location: "/" + $0.field, message: $0.message)
            }
        case .rule, .subscription:
            return ConfigValidation.check(document, file: file, isRule: kind(of: file, document) == .rule)
        case .bucket:
            return ConfigValidation.checkBucket(document, file: file)
        }
    }

    /// What a Slurm placement's check found, as codes: only SLURM_CLIENT_MISSING fails the file.
    static let slurmCodes: [SlurmReadiness.Severity: String] = [
        .error: "SLURM_CLIENT_MISSING", .warning: "SLURM_UNREACHABLE", .note: "SLURM_READY",
    ]

    /// ERROR, or WARNING / INFO for what a Slurm placement's check found that does not make the file wrong.
    static func severity(of problem: DefinitionProblem) -> String {
        switch problem.code {
        case "SLURM_UNREACHABLE", "SLURM_NO_SALLOC": "WARNING"
        case "SLURM_READY": "INFO"
        default: "ERROR"
        }
    }

    /// The folder decides (as in /etc/sluice); a file elsewhere is recognised by its fields.
    static func kind(of file: String, _ document: JSONValue) -> Kind {
        let folder = ((file as NSString).deletingLastPathComponent as NSString).lastPathComponent
        switch folder {
        case "state-machines": return .stateMachine
        case "functions": return .function
        case "rules": return .rule
        case "subscriptions": return .subscription
        case "buckets": return .bucket
        default: break
        }
        if file.hasSuffix(".asl.json") || document["StartAt"] != nil || document["States"] != nil {
            return .stateMachine
        }
        if document["Command"] != nil { return .function }
        if document["EventPattern"] != nil || document["Targets"] != nil { return .rule }
        if document["Endpoint"] != nil || document["Protocol"] != nil || document["TopicArn"] != nil {
            return .subscription
        }
        if document["NotificationConfiguration"] != nil || document["Bucket"] != nil { return .bucket }
        return .stateMachine
    }

    /// Every definition file under the root: /etc/sluice's folders, then what the API created.
    static func configurationFiles(root: String) -> [String] {
        let paths = SluicePaths(root: root)
        // The API's functions folder holds settings over /etc/sluice's functions (concurrency), not functions.
        let folders = ["state-machines", "functions", "rules", "subscriptions", "buckets"]
        var files: [String] = []
        for base in [paths.config, paths.apiConfig] {
            for folder in folders where base == paths.config || folder != "functions" {
                let directory = base + "/" + folder
                let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
                for name in names.sorted() where name.hasSuffix(".json") && !name.hasPrefix(".") {
                    files.append(directory + "/" + name)
                }
            }
        }
        return files
    }
}
