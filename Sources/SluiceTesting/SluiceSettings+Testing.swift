import SluiceEngine

extension SluiceSettings {
    /// The defaults, but the API on a port the system picks: tests run side by side, and another sluiced may hold
    /// 4599.
    package static var testing: SluiceSettings {
        var settings = SluiceSettings()
        settings.api.listen = "127.0.0.1:0"
        return settings
    }
}
