/// Parallel: runs every branch on the same input; the result is the array of branch outputs.
package struct ParallelState: Sendable, Hashable {
    package var branches: [StateMachineDefinition]
    package init(branches: [StateMachineDefinition]) { self.branches = branches }
}
