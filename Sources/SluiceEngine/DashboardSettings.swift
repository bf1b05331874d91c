import SluiceJSON

/// sluiced.json's `"Dashboard"`: how long the dashboard's samples (a point per second of every busy function and
/// running map run, a row per minute of every function) stay in sluice.db, `SampleRetentionDays` (7 unless set).
package struct DashboardSettings: Sendable, Equatable {
    package var sampleRetentionDays = 7

    package init() {}

    /// The retention in seconds.
    package var sampleRetentionSeconds: Int { sampleRetentionDays * 86_400 }

    /// Reads `"Dashboard"`; a field of the wrong type is an error rather than a silent default.
    package static func decode(_ value: JSONValue) throws(SettingsError) -> DashboardSettings {
        var settings = DashboardSettings()
        guard case .object(let o) = value else { throw SettingsError(description: "Dashboard must be an object") }
        switch o["SampleRetentionDays"] {
        case nil: break
        case .int(let days)? where days > 0: settings.sampleRetentionDays = days
        default:
            throw SettingsError(description: "Dashboard.SampleRetentionDays must be a whole number of days, 1 or more")
        }
        return settings
    }
}
