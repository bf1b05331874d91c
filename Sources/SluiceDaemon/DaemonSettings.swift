import Foundation
import SluiceJSON

/// sluiced.json: where ARNs say they are, how many workers and executions run at once, the log level.
package struct DaemonSettings: Sendable {
    package var region = "local"
    package var account = "000000000000"
    package var maxWorkers = 8
    package var maxConcurrentExecutions = 64
    package var logLevel = "info"

    package init() {}

    /// Reads the file when it exists; every missing field keeps its default. A file that is not valid JSON is an
    /// error (a typo must not silently give defaults).
    package static func load(_ path: String) throws -> DaemonSettings {
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
package struct DaemonError: Error, CustomStringConvertible {
    package var description: String
    package init(_ description: String) { self.description = description }
}
