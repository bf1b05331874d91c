import SluiceASL
import SluiceConfig
import SluiceCore
import SluiceWorkers
import Synchronization

/// What the daemon runs by: state machines, rules and subscriptions from /etc/sluice, loaded file by file. A reload
/// builds a new value and swaps it whole.
struct DaemonConfiguration: Sendable {
    var machines: [String: StateMachineDefinition]
    var rules: RuleSet
    var subscriptions: [Subscription]
    /// Every file that did not load, with what is wrong (it is left out; the others work).
    var problems: [ConfigProblem]

    static func load(_ paths: DaemonPaths) -> DaemonConfiguration {
        let machines = StateMachineLoader.load(directory: paths.stateMachines)
        let rules = ConfigLoader.loadRules(directory: paths.rules)
        let subscriptions = ConfigLoader.loadSubscriptions(directory: paths.subscriptions)
        return DaemonConfiguration(
            machines: machines.machines,
            rules: rules.rules,
            subscriptions: subscriptions.subscriptions,
            problems: machines.problems + rules.problems + subscriptions.problems
        )
    }
}

/// The configuration in force, shared by the daemon's loops and swapped whole on reload.
final class CurrentConfiguration: Sendable {
    private let value: Mutex<DaemonConfiguration>

    init(_ configuration: DaemonConfiguration) { value = Mutex(configuration) }

    var current: DaemonConfiguration { value.withLock { $0 } }

    func replace(with configuration: DaemonConfiguration) { value.withLock { $0 = configuration } }
}
