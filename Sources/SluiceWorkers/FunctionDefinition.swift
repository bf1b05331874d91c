/// A function (DESIGN.md "Function"): a local executable run as worker processes under Lambda's concurrency model.
package struct FunctionDefinition: Sendable, Hashable {
    package enum Runtime: String, Sendable, Hashable {
        /// One process per invocation: payload on stdin, result on stdout.
        case process
        /// Long-lived workers speaking one JSON line per request and per answer.
        case persistent
    }

    /// The function's name: its file stem.
    package var name: String
    /// argv; the first element resolved to an absolute, executable path at load.
    package var command: [String]
    package var runtime: Runtime = .process
    /// Seconds an invocation may run (Lambda's default is 3; its maximum 900).
    package var timeout: Double = 3
    /// Caps concurrent invocations and reserves that many workers of the global budget.
    package var reservedConcurrency: Int?
    /// Workers started ahead of the first invocation and kept warm (persistent runtime).
    package var provisionedConcurrency = 0
    package var environment: [String: String] = [:]
    package var workingDirectory: String?
    package var memoryLimitMiB: Int?
    /// `Description`, as Lambda's FunctionConfiguration shows it.
    package var description: String?
    /// The user its workers run as (`User`); nil: sluiced's own user.
    package var runAs: RunAs?
    /// Where its workers run (`Placement`): here, or as agents on a Slurm cluster.
    package var placement: Placement = .local
    /// The file it was loaded from.
    package var file: String

    package init(name: String, command: [String], file: String) {
        self.name = name
        self.command = command
        self.file = file
    }

    /// The ARN this function has in executions (`arn:aws:lambda:REGION:ACCOUNT:function:NAME`).
    package func arn(region: String, account: String) -> String {
        "arn:aws:lambda:\(region):\(account):function:\(name)"
    }
}
