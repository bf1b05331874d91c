import Foundation
import SluiceEngine

/// The real AWS clients (boto3, the AWS CLI) pointed at a running sluiced's API, as a user's shell is after
/// `eval "$(sluice env)"`: a Python script or an `aws` command run with the environment that names the endpoint
/// and the credentials file sluiced wrote.
///
/// The Python with boto3 and the AWS CLI is `make test`'s virtual environment (`SLUICE_PYTHON`, and `aws` beside
/// it), else the `python3` and `aws` on PATH.
package struct AWSClient: Sendable {
    package let root: String

    package init(root: String) { self.root = root }

    /// The endpoint sluiced wrote once it listened (`run/sluice/api-endpoint`).
    package var endpoint: String {
        get throws {
            let file = SluicePaths(root: root).apiEndpoint
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw AWSClientError(description: "sluiced has not written \(file): is its API on?")
            }
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// What `sluice env` sets, for this root.
    package var environment: [String: String] {
        get throws {
            var environment = ProcessInfo.processInfo.environment
            environment["AWS_ENDPOINT_URL"] = try endpoint
            environment["AWS_SHARED_CREDENTIALS_FILE"] = SluicePaths(root: root).credentials
            environment["AWS_PROFILE"] = "sluice"
            environment["AWS_REGION"] = "local"
            environment["AWS_DEFAULT_REGION"] = "local"
            environment["AWS_DISABLE_HOST_PREFIX_INJECTION"] = "true"
            environment["AWS_MAX_ATTEMPTS"] = "1"
            environment["AWS_CONFIG_FILE"] = "/dev/null"
            for key in ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"] {
                environment[key] = nil
            }
            return environment
        }
    }

    package static var python: String {
        ProcessInfo.processInfo.environment["SLUICE_PYTHON"] ?? "python3"
    }

    /// The `aws` beside the virtual environment's Python, else the one on PATH.
    package static var aws: String {
        let beside = (python as NSString).deletingLastPathComponent + "/aws"
        return FileManager.default.isExecutableFile(atPath: beside) ? beside : "aws"
    }

    /// A finished client run.
    package struct Run: Sendable {
        package let status: Int32
        package let output: String
        package let errors: String
    }

    /// Runs `script` (Python, with boto3 importable) and returns what it printed.
    package func python(_ script: String, arguments: [String] = []) async throws -> Run {
        try await run([Self.python, "-c", script] + arguments)
    }

    /// Runs `aws ARGS`.
    package func aws(_ arguments: [String]) async throws -> Run {
        try await run([Self.aws] + arguments)
    }

    /// Runs `sh -c SCRIPT ARGS` (`$0`, `$1`, ... in the script) in a shell nothing has pointed anywhere yet: the
    /// test's environment without its AWS settings and with no AWS config file, what a user's shell is before
    /// `eval "$(sluice env)"`.
    package func shell(_ script: String, arguments: [String] = []) async throws -> Run {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AWS_") }
        environment["AWS_CONFIG_FILE"] = "/dev/null"
        return try await run(["/bin/sh", "-c", script] + arguments, environment: environment)
    }

    private func run(_ command: [String]) async throws -> Run {
        // The API service may still be binding when a test's first client starts.
        try await eventually("sluiced's API listens", within: .seconds(10)) { (try? endpoint) != nil }
        return try await run(command, environment: try environment)
    }

    private func run(_ command: [String], environment: [String: String]) async throws -> Run {
        try await onOwnThread {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = command
            process.environment = environment
            let out = root + "/client-out-" + UUID().uuidString
            let err = root + "/client-err-" + UUID().uuidString
            _ = FileManager.default.createFile(atPath: out, contents: nil)
            _ = FileManager.default.createFile(atPath: err, contents: nil)
            defer {
                try? FileManager.default.removeItem(atPath: out)
                try? FileManager.default.removeItem(atPath: err)
            }
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
            process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
            try process.run()
            process.waitUntilExit()
            return Run(
                status: process.terminationStatus,
                output: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
                errors: (try? String(contentsOfFile: err, encoding: .utf8)) ?? ""
            )
        }
    }
}

package struct AWSClientError: Error, CustomStringConvertible {
    package var description: String
}
