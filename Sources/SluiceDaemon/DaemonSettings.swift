import Foundation
import SluiceJSON

/// sluiced.json: where ARNs say they are, how many workers and executions run at once, the log level.
public struct DaemonSettings: Sendable {
    public var region = "local"
    public var account = "000000000000"
    public var maxWorkers = 8
    public var maxConcurrentExecutions = 64
    public var logLevel = "info"

    public init() {}

    /// Reads the file when it exists; every missing field keeps its default. A file that is not valid JSON is an
    /// error (a typo must not silently give defaults).
    public static func load(_ path: String) throws -> DaemonSettings {
        var settings = DaemonSettings()
        guard let data = FileManager.default.contents(atPath: path) else { return settings }
        guard case .object(let o) = try JSONParser.parse(bytes: Array(data)) else {
            throw DaemonError("\(path): the settings must be a JSON object")
        }
        if case .string(let r)? = o["Region"] { settings.region = r }
        if case .string(let a)? = o["Account"] { settings.account = a }
        if case .int(let n)? = o["MaxWorkers"], n > 0 { settings.maxWorkers = n }
        if case .int(let n)? = o["MaxConcurrentExecutions"], n > 0 { settings.maxConcurrentExecutions = n }
        if case .string(let l)? = o["LogLevel"] { settings.logLevel = l }
        return settings
    }
}

/// A problem that stops the daemon from starting, said in words.
public struct DaemonError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
