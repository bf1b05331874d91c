import SluiceEngine
import SluiceTesting
import Testing

/// sluiced.json's `"Dashboard"`: the samples' retention, a week unless set; a wrong type is an error, as for `"Api"`.
struct DashboardSettingsTests {
    @Test func retentionIsAWeekUnlessSet() throws {
        let root = try DaemonRoot()
        defer { root.remove() }
        #expect(try SluiceSettings.load(root: root.path).dashboard.sampleRetentionDays == 7)
        try root.write("etc/sluice/sluiced.json", #"{"Dashboard": {"SampleRetentionDays": 30}}"#)
        let settings = try SluiceSettings.load(root: root.path)
        #expect(settings.dashboard.sampleRetentionDays == 30)
        #expect(settings.dashboard.sampleRetentionSeconds == 30 * 86_400)
        try root.write("etc/sluice/sluiced.json", #"{"Dashboard": {}}"#)
        #expect(try SluiceSettings.load(root: root.path).dashboard.sampleRetentionDays == 7)
    }

    @Test func wrongTypesAreErrors() throws {
        let root = try DaemonRoot()
        defer { root.remove() }
        for text in [
            #"{"Dashboard": {"SampleRetentionDays": "7"}}"#, #"{"Dashboard": {"SampleRetentionDays": 0}}"#,
            #"{"Dashboard": {"SampleRetentionDays": 1.5}}"#, #"{"Dashboard": 7}"#, #"{"Dashboard": null}"#,
        ] {
            try root.write("etc/sluice/sluiced.json", text)
            #expect(throws: SettingsError.self, "\(text)") { try SluiceSettings.load(root: root.path) }
        }
    }
}
