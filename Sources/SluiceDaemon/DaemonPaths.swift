/// The folders of DESIGN.md under a root (`--root` prefixes them all).
public struct DaemonPaths: Sendable {
    public var root: String

    public init(root: String) { self.root = root }

    public func path(_ relative: String) -> String {
        var base = root
        while base.count > 1, base.hasSuffix("/") { base.removeLast() }
        return base.hasSuffix("/") ? base + relative : base + "/" + relative
    }

    public var config: String { path("etc/sluice") }
    public var stateMachines: String { path("etc/sluice/state-machines") }
    public var rules: String { path("etc/sluice/rules") }
    public var functions: String { path("etc/sluice/functions") }
    public var subscriptions: String { path("etc/sluice/subscriptions") }
    /// Declared buckets (etc/sluice/buckets/NAME.json).
    public var bucketDeclarations: String { path("etc/sluice/buckets") }
    public var buckets: String { path("var/lib/sluice/buckets") }
    public var topics: String { path("var/lib/sluice/topics") }
    public var settingsFile: String { path("etc/sluice/sluiced.json") }
    /// Runtime files (systemd's RuntimeDirectory=): the daemon's lock.
    public var runtime: String { path("run/sluice") }
}
