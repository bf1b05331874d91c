/// Parallel: runs every branch on the same input; the result is the array of branch outputs.
public struct ParallelState: Sendable, Hashable {
    public var branches: [StateMachineDefinition]
    public init(branches: [StateMachineDefinition]) { self.branches = branches }
}
