import SluiceJSON

/// A state machine, or a nested one (a Parallel branch, a Map's item processor).
package struct StateMachineDefinition: Sendable, Hashable {
    package var comment: String?
    package var startAt: String
    package var states: [String: State]
    /// State names in the order written, for stable validation reports.
    package var stateNames: [String]
    package var timeoutSeconds: Int?
    package var queryLanguage: QueryLanguage = .jsonPath
    package var version: String?
    /// The definition's text as loaded (top level only): what an execution keeps so it can resume after a restart
    /// with the definition it started with.
    package var sourceText: String?

    package init(startAt: String, states: [String: State], stateNames: [String]) {
        self.startAt = startAt
        self.states = states
        self.stateNames = stateNames
    }
}
