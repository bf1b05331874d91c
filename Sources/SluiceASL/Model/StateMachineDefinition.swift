import SluiceJSON

/// A state machine, or a nested one (a Parallel branch, a Map's item processor).
public struct StateMachineDefinition: Sendable, Hashable {
    public var comment: String?
    public var startAt: String
    public var states: [String: State]
    /// State names in the order written, for stable validation reports.
    public var stateNames: [String]
    public var timeoutSeconds: Int?
    public var queryLanguage: QueryLanguage = .jsonPath
    public var version: String?
    /// The definition's text as loaded (top level only): what an execution keeps so it can resume after a restart
    /// with the definition it started with.
    public var sourceText: String?

    public init(startAt: String, states: [String: State], stateNames: [String]) {
        self.startAt = startAt
        self.states = states
        self.stateNames = stateNames
    }
}
