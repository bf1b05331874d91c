import SluiceEngine
import SluiceTesting
import Testing

/// sluiced.json's `"Agents"`: the agents' listener, off unless `Listen` is set; wrong types are errors, as for
/// `"Api"`.
struct AgentsSettingsTests {
    @Test func offUnlessListenIsSet() throws {
        let root = try DaemonRoot()
        defer { root.remove() }
        #expect(try SluiceSettings.load(root: root.path).agents.listen == nil)
        try root.write("etc/sluice/sluiced.json", #"{"Agents": null}"#)
        #expect(try SluiceSettings.load(root: root.path).agents.endpoint == nil)
        try root.write(
            "etc/sluice/sluiced.json",
            #"{"Agents": {"Listen": "0.0.0.0:4600", "Advertise": "head.cluster:4600"}}"#
        )
        let settings = try SluiceSettings.load(root: root.path).agents
        #expect(try settings.endpoint?.host == "0.0.0.0")
        #expect(try settings.endpoint?.port == 4600)
        #expect(settings.advertise == "head.cluster:4600")
        #expect(settings.program == nil, "sluice-agent beside sluiced")
        #expect(settings.idleSeconds == 120)
        try root.write(
            "etc/sluice/sluiced.json",
            #"{"Agents": {"Listen": "0.0.0.0:4600", "Program": "/shared/bin/sluice-agent", "IdleSeconds": 30}}"#
        )
        let set = try SluiceSettings.load(root: root.path).agents
        #expect(set.program == "/shared/bin/sluice-agent")
        #expect(set.idleSeconds == 30)
    }

    @Test func wrongTypesAreErrors() throws {
        let root = try DaemonRoot()
        defer { root.remove() }
        for text in [
            #"{"Agents": {"Listen": 4600}}"#, #"{"Agents": {"Listen": "nohost"}}"#, #"{"Agents": {"Listen": ":4600"}}"#,
            #"{"Agents": {"Advertise": 1}}"#, #"{"Agents": {"Advertise": "host"}}"#, #"{"Agents": "on"}"#,
            #"{"Agents": {"Listen": "127.0.0.1:0", "Port": 1}}"#, #"{"Agents": {"Program": "sluice-agent"}}"#,
            #"{"Agents": {"IdleSeconds": 0}}"#, #"{"Agents": {"IdleSeconds": "60"}}"#,
        ] {
            try root.write("etc/sluice/sluiced.json", text)
            #expect(throws: SettingsError.self, "\(text)") { try SluiceSettings.load(root: root.path) }
        }
    }
}

/// `RedriveRetentionDays`: 14 unless set; whole days, 1 or more.
@Test func redriveRetentionDays() throws {
    let root = try DaemonRoot()
    defer { root.remove() }
    #expect(try SluiceSettings.load(root: root.path).redriveRetentionDays == 14)
    try root.write("etc/sluice/sluiced.json", #"{"RedriveRetentionDays": 30}"#)
    #expect(try SluiceSettings.load(root: root.path).redriveRetentionDays == 30)
    for text in [
        #"{"RedriveRetentionDays": 0}"#, #"{"RedriveRetentionDays": "14"}"#, #"{"RedriveRetentionDays": 1.5}"#,
    ] {
        try root.write("etc/sluice/sluiced.json", text)
        #expect(throws: SettingsError.self, "\(text)") { try SluiceSettings.load(root: root.path) }
    }
}
