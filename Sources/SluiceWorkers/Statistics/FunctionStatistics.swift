import Synchronization

/// What every function has done since sluiced started: invocations, errors, throttles, durations and concurrency,
/// as Lambda's CloudWatch metrics count them. Owned by whoever outlives the function hosts (sluiced's runtime: a
/// reload builds new hosts, which carry on counting into the same recorders); `sluice run` uses a throwaway one.
package final class FunctionStatistics: Sendable {
    private let recorders = Mutex<[String: FunctionRecorder]>([:])

    package init() {}

    /// The recorder of `definition`'s function, made on first use; its reserved and provisioned concurrency are
    /// `definition`'s from now on (the host built last is the one in force).
    package func recorder(for definition: FunctionDefinition) -> FunctionRecorder {
        let recorder = recorders.withLock { recorders in
            if let existing = recorders[definition.name] { return existing }
            let made = FunctionRecorder(name: definition.name)
            recorders[definition.name] = made
            return made
        }
        recorder.configure(
            reservedConcurrency: definition.reservedConcurrency,
            provisionedConcurrency: definition.provisionedConcurrency
        )
        return recorder
    }

    /// Every function that has had a host so far, by name.
    package var recordersByName: [FunctionRecorder] {
        recorders.withLock { $0.values.sorted { $0.name < $1.name } }
    }

    /// The recorder of function `name`, if it has had a host.
    package func recorder(named name: String) -> FunctionRecorder? {
        recorders.withLock { $0[name] }
    }
}
