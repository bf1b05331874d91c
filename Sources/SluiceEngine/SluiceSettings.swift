import Foundation
import SluiceJSON

/// sluiced.json, read the same way by sluiced and the `sluice` commands: where ARNs say they are, how many workers
/// and executions run at once, the log level. Every missing field keeps its default; a file that is not a JSON
/// object is an error for both (a typo must not silently give defaults).
package struct SluiceSettings: Sendable {
    package var region = "local"
    package var account = "000000000000"
    package var maxWorkers = 8
    package var maxConcurrentExecutions = 64
    package var logLevel = "info"
    /// `RedriveRetentionDays`: how long an unsuccessful execution can be redriven after it stopped (AWS: 14 days);
    /// its journal is dropped after that.
    package var redriveRetentionDays = 14
    package var api = APISettings()
    package var dashboard = DashboardSettings()
    package var agents = AgentsSettings()

    package init() {}

    /// Reads the settings file at `path`; defaults when there is none.
    package static func load(_ path: String) throws(SettingsError) -> SluiceSettings {
        var settings = SluiceSettings()
        guard let data = FileManager.default.contents(atPath: path) else { return settings }
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes: Array(data))
        } catch {
            throw SettingsError(description: "\(path): not valid JSON: \(error)")
        }
        guard case .object(let o) = json else {
            throw SettingsError(description: "\(path): the settings must be a JSON object")
        }
        if case .string(let r)? = o["Region"] { settings.region = r }
        if case .string(let a)? = o["Account"] { settings.account = a }
        if case .int(let n)? = o["MaxWorkers"], n > 0 { settings.maxWorkers = n }
        if case .int(let n)? = o["MaxConcurrentExecutions"], n > 0 { settings.maxConcurrentExecutions = n }
        if case .string(let l)? = o["LogLevel"] { settings.logLevel = l }
        switch o["RedriveRetentionDays"] {
        case nil, .null?: break
        case .int(let days)? where days >= 1: settings.redriveRetentionDays = days
        default:
            throw SettingsError(description: "\(path): RedriveRetentionDays must be a whole number of days, 1 or more")
        }
        if let api = o["Api"] {
            do {
                settings.api = try APISettings.decode(api)
            } catch {
                throw SettingsError(description: "\(path): \(error.description)")
            }
        }
        if let agents = o["Agents"] {
            do {
                settings.agents = try AgentsSettings.decode(agents)
            } catch {
                throw SettingsError(description: "\(path): \(error.description)")
            }
        }
        if let dashboard = o["Dashboard"] {
            do {
                settings.dashboard = try DashboardSettings.decode(dashboard)
            } catch {
                throw SettingsError(description: "\(path): \(error.description)")
            }
        }
        return settings
    }

    /// The redrive window in seconds.
    package var redriveRetentionSeconds: Double { Double(redriveRetentionDays) * 86_400 }

    /// ROOT/etc/sluice/sluiced.json.
    package static func load(root: String) throws(SettingsError) -> SluiceSettings {
        try load(SluicePaths(root: root).settingsFile)
    }
}

/// sluiced.json cannot be used, said in words.
package struct SettingsError: Error, CustomStringConvertible {
    package var description: String
}
