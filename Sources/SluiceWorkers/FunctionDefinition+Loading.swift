import Foundation
import SluiceJSON

extension FunctionDefinition {
    /// One thing wrong with a function file, naming the file and the field.
    package struct Problem: Error, Hashable, Sendable, CustomStringConvertible {
        package var file: String
        package var field: String
        package var message: String

        package var description: String { "\(file): \(field.isEmpty ? "/" : "/" + field): \(message)" }
    }

    /// Decodes and checks a function file: every field's type and range, and that the command exists and is
    /// executable. Relative paths are taken from the file's folder, which is also the default working directory.
    package static func load(
        _ json: JSONValue,
        file: String,
        name: String,
        searchPath: String? = ProcessInfo.processInfo.environment["PATH"]
    ) -> (definition: FunctionDefinition?, problems: [Problem]) {
        var problems: [Problem] = []
        func problem(_ field: String, _ message: String) {
            problems.append(Problem(file: file, field: field, message: message))
        }
        guard case .object(let object) = json else {
            return (nil, [Problem(file: file, field: "", message: "a function must be a JSON object")])
        }
        // Absolute, because the worker runs in its own working directory.
        var folder = (file as NSString).deletingLastPathComponent
        if !folder.hasPrefix("/") {
            let cwd = FileManager.default.currentDirectoryPath
            folder = folder.isEmpty ? cwd : cwd + "/" + folder
        }
        folder = (folder as NSString).standardizingPath
        let known: Set = [
            "Command", "Runtime", "Timeout", "ReservedConcurrency", "ProvisionedConcurrency", "Environment",
            "WorkingDirectory", "MemoryLimitMiB", "Description", "User", "Placement",
        ]
        for key in object.keys where !known.contains(key) { problem(key, "unknown field '\(key)'") }

        var command: [String] = []
        switch object["Command"] {
        case .array(let items)? where !items.isEmpty:
            for (i, item) in items.enumerated() {
                guard case .string(let s) = item else {
                    problem("Command[\(i)]", "must be a string")
                    continue
                }
                command.append(s)
            }
        case nil: problem("", "the field 'Command' (the program and its arguments, an array) is required")
        default: problem("Command", "must be a non-empty array of strings (the program and its arguments)")
        }
        var definition = FunctionDefinition(name: name, command: command, file: file)

        readUser(object, into: &definition, problem)
        readLimits(object, into: &definition, problem)
        readEnvironment(object, into: &definition, problem)
        readWorkingDirectory(object, folder: folder, into: &definition, problem)
        readPlacement(object, into: &definition, problem)
        if let program = command.first {
            switch resolve(program, folder: folder, searchPath: searchPath) {
            case .found(let path): definition.command[0] = path
            case .problem(let message): problem("Command[0]", message)
            }
        }
        switch object["Description"] {
        case nil: break
        case .string(let d)? where d.count <= 256: definition.description = d
        default: problem("Description", "must be a string of at most 256 characters")
        }
        return problems.isEmpty ? (definition, []) : (nil, problems)
    }

    typealias ProblemSink = (_ field: String, _ message: String) -> Void

    /// `User`: whom the workers run as.
    static func readUser(_ object: JSONObject, into definition: inout FunctionDefinition, _ problem: ProblemSink) {
        if let v = object["User"] {
            if case .string(let name) = v, !name.isEmpty {
                switch RunAs.lookup(name) {
                case .success(let user): definition.runAs = user
                case .failure(let error): problem("User", error.message)
                }
            } else {
                problem("User", "must be the name of the user the workers run as")
            }
        }
    }

    /// Runtime, Timeout, ReservedConcurrency, ProvisionedConcurrency and MemoryLimitMiB, in Lambda's ranges.
    static func readLimits(_ object: JSONObject, into definition: inout FunctionDefinition, _ problem: ProblemSink) {
        if let v = object["Runtime"] {
            if case .string(let s) = v, let runtime = Runtime(rawValue: s) {
                definition.runtime = runtime
            } else {
                problem("Runtime", "must be \"process\" or \"persistent\"")
            }
        }
        if let v = object["Timeout"] {
            if let d = v.doubleValue, d >= 1, d <= 900 {
                definition.timeout = d
            } else {
                problem("Timeout", "must be a number of seconds from 1 to 900")
            }
        }
        if let v = object["ReservedConcurrency"] {
            if case .int(let n) = v, n >= 0 {
                definition.reservedConcurrency = n
            } else {
                problem("ReservedConcurrency", "must be a whole number, 0 or more")
            }
        }
        if let v = object["ProvisionedConcurrency"] {
            if case .int(let n) = v, n >= 0 {
                definition.provisionedConcurrency = n
                if let reserved = definition.reservedConcurrency, n > reserved {
                    problem("ProvisionedConcurrency", "cannot exceed ReservedConcurrency (\(reserved))")
                }
            } else {
                problem("ProvisionedConcurrency", "must be a whole number, 0 or more")
            }
        }
        if let v = object["MemoryLimitMiB"] {
            if case .int(let n) = v, (128...10_240).contains(n) {
                definition.memoryLimitMiB = n
            } else {
                problem("MemoryLimitMiB", "must be a whole number from 128 to 10240, as for Lambda")
            }
        }
    }

    /// `Environment`: names and string values added to the workers' clean environment.
    static func readEnvironment(_ object: JSONObject, into definition: inout FunctionDefinition, _ problem: ProblemSink)
    {
        if let v = object["Environment"] {
            if case .object(let env) = v {
                for (key, value) in env.entries {
                    guard case .string(let s) = value else {
                        problem("Environment/\(key)", "must be a string")
                        continue
                    }
                    if key.isEmpty || key.contains("=") || key.utf8.contains(0) {
                        problem("Environment/\(key)", "is not a valid environment variable name")
                        continue
                    }
                    definition.environment[key] = s
                }
            } else {
                problem("Environment", "must be an object of strings")
            }
        }
    }

    /// `WorkingDirectory`, relative to the file's folder, which is also the default.
    static func readWorkingDirectory(
        _ object: JSONObject,
        folder: String,
        into definition: inout FunctionDefinition,
        _ problem: ProblemSink
    ) {
        if let v = object["WorkingDirectory"] {
            if case .string(let s) = v {
                let path = s.hasPrefix("/") ? s : folder + "/" + s
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                    definition.workingDirectory = path
                } else {
                    problem("WorkingDirectory", "'\(path)' is not a folder")
                }
            } else {
                problem("WorkingDirectory", "must be a string")
            }
        } else if !folder.isEmpty {
            definition.workingDirectory = folder
        }
    }

    /// The program's absolute path: relative to the function file's folder when it holds a '/', else from PATH.
    enum Resolution {
        case found(String)
        case problem(String)
    }

    static func resolve(_ program: String, folder: String, searchPath: String?) -> Resolution {
        let fm = FileManager.default
        if program.contains("/") {
            let path = ((program.hasPrefix("/") ? program : folder + "/" + program) as NSString).standardizingPath
            guard fm.fileExists(atPath: path) else { return .problem("'\(path)' does not exist") }
            guard fm.isExecutableFile(atPath: path) else { return .problem("'\(path)' is not executable") }
            return .found(path)
        }
        for dir in (searchPath ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let path = dir + "/" + program
            if fm.isExecutableFile(atPath: path) { return .found(String(path)) }
        }
        return .problem("'\(program)' was not found on PATH")
    }
}
