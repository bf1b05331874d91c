import SluiceASL
import SluiceConfig
import SluiceCore
import SluiceEngine
import SluiceWorkers
import Synchronization

/// What the daemon runs by: state machines, rules and subscriptions from /etc/sluice, loaded file by file. A reload
/// builds a new value and swaps it whole.
struct DaemonConfiguration: Sendable {
    var machines: [String: StateMachineDefinition]
    var rules: RuleSet
    var subscriptions: [Subscription]
    /// Declared buckets by name (etc/sluice/buckets).
    var buckets: [String: BucketDeclaration]
    /// Every file that did not load, with what is wrong (it is left out; the others work).
    var problems: [ConfigProblem]

    /// Loads every file. On a reload (`previous` given), a file that no longer loads keeps its last good version,
    /// so a typo saved in an editor does not switch a working rule or definition off.
    static func load(_ paths: SluicePaths, previous: DaemonConfiguration? = nil) -> DaemonConfiguration {
        var machines = StateMachineLoader.load(directory: paths.stateMachines)
        var rules = ConfigLoader.loadRules(directory: paths.rules)
        var subscriptions = ConfigLoader.loadSubscriptions(directory: paths.subscriptions)
        let buckets = ConfigLoader.loadBuckets(directory: paths.bucketDeclarations)
        // What the API created (var/lib/sluice/config) beside /etc/sluice; a name /etc/sluice defines stays its.
        let apiMachines = StateMachineLoader.load(directory: paths.apiStateMachines)
        machines.problems += apiMachines.problems
        for (name, machine) in apiMachines.machines where machines.machines[name] == nil {
            machines.machines[name] = machine
        }
        let apiRules = ConfigLoader.loadRules(directory: paths.apiRules)
        rules.problems += apiRules.problems
        let added = apiRules.rules.rules.filter { rules.rules[$0.name] == nil }
        if !added.isEmpty { rules.rules = RuleSet(rules.rules.rules + added) }
        let apiSubscriptions = ConfigLoader.loadSubscriptions(directory: paths.apiSubscriptions)
        subscriptions.problems += apiSubscriptions.problems
        subscriptions.subscriptions += apiSubscriptions.subscriptions
        let problems = machines.problems + rules.problems + subscriptions.problems + buckets.problems
        var loaded = DaemonConfiguration(
            machines: machines.machines,
            rules: rules.rules,
            subscriptions: subscriptions.subscriptions,
            buckets: Dictionary(buckets.buckets.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a }),
            problems: problems
        )
        guard let previous else { return loaded }
        let broken = Set(problems.map(\.file))
        for (name, machine) in previous.machines where loaded.machines[name] == nil {
            for folder in [paths.stateMachines, paths.apiStateMachines] {
                let file = folder + "/" + name
                if broken.contains(file + ".asl.json") || broken.contains(file + ".json") {
                    loaded.machines[name] = machine
                }
            }
        }
        let keptRules = previous.rules.rules.filter { rule in
            broken.contains(rule.file) && loaded.rules[rule.name] == nil
        }
        if !keptRules.isEmpty { loaded.rules = RuleSet(loaded.rules.rules + keptRules) }
        loaded.subscriptions += previous.subscriptions.filter { old in
            broken.contains(old.file) && !loaded.subscriptions.contains { $0.file == old.file }
        }
        for (name, bucket) in previous.buckets where loaded.buckets[name] == nil && broken.contains(bucket.file) {
            loaded.buckets[name] = bucket
        }
        return loaded
    }
}

/// The configuration in force, shared by the daemon's loops and swapped whole on reload.
final class CurrentConfiguration: Sendable {
    private let value: Mutex<DaemonConfiguration>

    init(_ configuration: DaemonConfiguration) { value = Mutex(configuration) }

    var current: DaemonConfiguration { value.withLock { $0 } }

    func replace(with configuration: DaemonConfiguration) { value.withLock { $0 = configuration } }
}
