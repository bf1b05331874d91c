import SluiceASL
import SluiceJSON
import SluiceVocabulary

extension Execution {
    /// RedriveExecution: a FAILED, TIMED_OUT or ABORTED execution runs again from its redrive point, its history
    /// carrying on after an ExecutionRedriven event. Anything else is ignored (no effects).
    mutating func redrive(at time: Timestamp) -> [Effect] {
        guard let point = redrivePoint, let ended = outcome else { return [] }
        if case .succeeded = ended { return [] }
        now = max(now, time)
        outcome = nil
        redrivePoint = nil
        failedMapRuns = [:]
        redriveCount += 1
        record("ExecutionRedriven", ["redriveCount": .int(redriveCount)])
        let root = newFrame(machine: definition, parent: nil, input: point.input)
        modifyFrame(root) {
            $0.stateName = point.stateName
            $0.variables = point.variables
        }
        if !point.variables.isEmpty { anyVariables = true }
        mapRedrive = point.map
        startExecutionTimeout()
        schedule(root)
        run()
        return takeEffects()
    }

    /// Whether RedriveExecution can act on this execution now.
    package var isRedrivable: Bool {
        guard let outcome, redrivePoint != nil else { return false }
        if case .succeeded = outcome { return false }
        return true
    }
}
