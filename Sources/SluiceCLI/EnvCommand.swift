import ArgumentParser
import Foundation
import SluiceEngine

/// `sluice env`: the lines that point a shell at sluiced's AWS API, so that `eval "$(sluice env)"` makes the AWS
/// CLI, boto3 and the SDKs talk to it unchanged: the endpoint, the credentials file sluiced wrote (readable by its
/// group, who may drive it), the profile in that file, the region ARNs are minted with, and no `sync-` host prefix
/// (StartSyncExecution and TestState would otherwise go to `sync-127.0.0.1`, which does not resolve).
struct EnvCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "env",
        abstract: "Print the export lines that point the AWS CLI and SDKs at sluiced's API: eval \"$(sluice env)\"."
    )

    @Option(help: "The root that sluice's folders are under, as for sluiced.")
    var root: String = "/"

    func run() throws {
        let (paths, settings, endpoint) = try Self.api(root: root)
        guard access(paths.credentials, R_OK) == 0 else { throw Self.unreadableCredentials(paths) }
        let lines = [
            ("AWS_ENDPOINT_URL", endpoint),
            ("AWS_SHARED_CREDENTIALS_FILE", paths.credentials),
            ("AWS_PROFILE", "sluice"),
            ("AWS_REGION", settings.region),
            ("AWS_DEFAULT_REGION", settings.region),
            ("AWS_DISABLE_HOST_PREFIX_INJECTION", "true"),
        ]
        for (name, value) in lines { print("export \(name)=\(Self.quoted(value))") }
    }

    /// sluiced.json's settings and the address of sluiced's API, or why there is none (the API is off, the
    /// settings do not decode).
    static func api(root: String) throws -> (paths: SluicePaths, settings: SluiceSettings, endpoint: String) {
        let paths = SluicePaths(root: root)
        let settings: SluiceSettings
        do {
            settings = try SluiceSettings.load(root: root)
        } catch {
            throw CLIError.exit(error.description)
        }
        guard let listen = settings.api.listen else {
            throw CLIError.exit(
                "sluiced's API is off (\"Api\": null in \(paths.settingsFile)); set \"Api\": {\"Listen\": \"127.0.0.1:4599\"} and reload"
            )
        }
        return (paths, settings, try endpoint(paths: paths, listen: listen))
    }

    /// Why the API's credentials file cannot be read, and what to do about it.
    static func unreadableCredentials(_ paths: SluicePaths) -> ExitCode {
        let reason =
            FileManager.default.fileExists(atPath: paths.credentials)
            ? "only sluiced and the members of group sluice may read it (usermod -aG sluice $USER, then log in again)"
            : "sluiced writes it when it first starts with the API on"
        return CLIError.exit("cannot read the API's credentials \(paths.credentials): \(reason)")
    }

    /// The address sluiced says it answers on (run/sluice/api-endpoint, written once it listens: the port the
    /// system chose for port 0), else the configured one.
    static func endpoint(paths: SluicePaths, listen: String) throws -> String {
        if let written = try? String(contentsOfFile: paths.apiEndpoint, encoding: .utf8) {
            let endpoint = written.trimmingCharacters(in: .whitespacesAndNewlines)
            if !endpoint.isEmpty { return endpoint }
        }
        guard let colon = listen.lastIndex(of: ":") else { throw CLIError.exit("Api.Listen must be HOST:PORT") }
        var host = String(listen[..<colon])
        let port = String(listen[listen.index(after: colon)...])
        guard port != "0" else {
            throw CLIError.exit("sluiced is not listening (no \(paths.apiEndpoint)) and Api.Listen asks for any port")
        }
        // Listening on every address: the loopback one reaches it from here.
        if host == "0.0.0.0" { host = "127.0.0.1" }
        if host == "::" || host == "[::]" { host = "::1" }
        if host.contains(":"), !host.hasPrefix("[") { host = "[" + host + "]" }
        return "http://\(host):\(port)"
    }

    /// `value` in single quotes for the shell (a root may hold spaces).
    static func quoted(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
}
