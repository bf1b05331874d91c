/// The folders of DESIGN.md under a root (`--root` prefixes them all): the one place that spells them out, for
/// sluiced, the `sluice` commands and the benchmarks.
package struct SluicePaths: Sendable {
    package var root: String

    package init(root: String) { self.root = root }

    package func path(_ relative: String) -> String {
        var base = root
        while base.count > 1, base.hasSuffix("/") { base.removeLast() }
        return base.hasSuffix("/") ? base + relative : base + "/" + relative
    }

    package var config: String { path("etc/sluice") }
    package var stateMachines: String { path("etc/sluice/state-machines") }
    package var rules: String { path("etc/sluice/rules") }
    package var functions: String { path("etc/sluice/functions") }
    package var subscriptions: String { path("etc/sluice/subscriptions") }
    /// Declared buckets (etc/sluice/buckets/NAME.json).
    package var bucketDeclarations: String { path("etc/sluice/buckets") }
    package var buckets: String { path("var/lib/sluice/buckets") }
    package var topics: String { path("var/lib/sluice/topics") }
    /// The state folder (systemd's StateDirectory=).
    package var state: String { path("var/lib/sluice") }
    package var store: String { path("var/lib/sluice/sluice.db") }
    /// What `sluice` commands touch after writing a request into sluice.db, so sluiced looks at once (inotify)
    /// instead of on a timer. Beside sluice.db, with its permissions: whoever may write a request may ring.
    package var requestDoorbell: String { path("var/lib/sluice/requests.doorbell") }
    package var settingsFile: String { path("etc/sluice/sluiced.json") }
    /// Runtime files (systemd's RuntimeDirectory=): the daemon's lock.
    package var runtime: String { path("run/sluice") }
    /// Slurm submissions of functions' agents: each one's batch script, secret and output.
    package var agents: String { path("var/lib/sluice/agents") }
    /// The API's keys (AWS shared-credentials format, profile `sluice`), written at first start.
    package var credentials: String { path("var/lib/sluice/credentials") }
    /// Definitions created through the API: the same sub-folders and formats as etc/sluice.
    package var apiConfig: String { path("var/lib/sluice/config") }
    package var apiStateMachines: String { path("var/lib/sluice/config/state-machines") }
    package var apiRules: String { path("var/lib/sluice/config/rules") }
    package var apiSubscriptions: String { path("var/lib/sluice/config/subscriptions") }
    package var apiFunctions: String { path("var/lib/sluice/config/functions") }
    /// Object uploads being received, on the buckets' file system so that one rename puts them in place.
    package var uploads: String { path("var/lib/sluice/uploads") }
    /// The address the API answers on, as a URL (`http://127.0.0.1:4599`), while sluiced runs: `sluice env`
    /// reads it, and it names the port the system chose when `Listen` asks for port 0.
    package var apiEndpoint: String { path("run/sluice/api-endpoint") }
    /// The address agents connect to (`Agents.Advertise`, or the listener's with the port the system chose), HOST:PORT,
    /// while the agents' listener runs.
    package var agentsEndpoint: String { path("run/sluice/agents-endpoint") }
}
