import Synchronization

/// The latest `FunctionAgentsReport` of every function placed on Slurm, written by the agents' manager each second
/// and read by `sluice status`'s report and the dashboard.
final class AgentsReports: Sendable {
    private let reports = Mutex<[String: FunctionAgentsReport]>([:])

    func publish(_ all: [String: FunctionAgentsReport]) { reports.withLock { $0 = all } }

    var all: [FunctionAgentsReport] { reports.withLock { $0.values.sorted { $0.function < $1.function } } }

    func report(_ function: String) -> FunctionAgentsReport? { reports.withLock { $0[function] } }
}
