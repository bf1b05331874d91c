import ArgumentParser
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `sluice-agent`: runs one worker of a function on a machine other than sluiced's (a Slurm node) and serves it to
/// sluiced over the agent protocol (SluiceAgentWire).
@main
struct SluiceAgentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sluice-agent",
        abstract: "Run a function's worker and serve it to sluiced over TCP."
    )

    @Option(help: "sluiced's agents listener, HOST:PORT.")
    var connect: String
    @Option(help: "The submission this agent belongs to.")
    var submission: String
    @Option(help: "This agent's name within its submission.")
    var agent: String
    @Option(help: "The function the worker serves.")
    var function: String
    @Option(help: "A file (mode 0600) holding the submission's secret; else SLUICE_AGENT_SECRET.")
    var secretFile: String?
    @Option(help: ArgumentHelp("Seconds to keep reconnecting to sluiced.", visibility: .hidden))
    var reconnectSeconds = 60
    @Argument(parsing: .postTerminator, help: "The worker's command.")
    var command: [String] = []

    func validate() throws {
        guard !command.isEmpty else { throw ValidationError("the worker's command follows --") }
        guard let colon = connect.lastIndex(of: ":"), colon != connect.startIndex,
            Int(connect[connect.index(after: colon)...]) != nil
        else { throw ValidationError("--connect is HOST:PORT") }
    }

    func run() throws {
        signal(SIGPIPE, SIG_IGN)
        let secret = try readSecret()
        let colon = connect.lastIndex(of: ":")!
        var host = String(connect[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let worker = try AgentWorker(command: command)
        let relay = AgentRelay(
            identity: .init(
                host: host,
                port: String(connect[connect.index(after: colon)...]),
                submission: submission,
                agent: agent,
                function: function,
                secret: secret,
                reconnectFor: .seconds(reconnectSeconds)
            ),
            worker: worker
        )
        relay.run()
    }

    /// The secret never comes on the command line (other users see it in ps).
    private func readSecret() throws -> String {
        if let secretFile {
            // Readable by others, it is no secret: refused rather than used.
            var status = stat()
            guard stat(secretFile, &status) == 0 else {
                throw ValidationError("cannot read the secret file \(secretFile): \(String(cString: strerror(errno)))")
            }
            guard status.st_mode & 0o077 == 0 else {
                throw ValidationError("the secret file \(secretFile) must be readable by its owner only (mode 0600)")
            }
            let text = try String(contentsOfFile: secretFile, encoding: .utf8)
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if let secret = ProcessInfo.processInfo.environment["SLUICE_AGENT_SECRET"], !secret.isEmpty {
            return secret
        }
        throw ValidationError("no secret: give --secret-file or set SLUICE_AGENT_SECRET")
    }
}
