import SluiceASL
import SluiceJSON

/// One running (sub-)machine: the execution itself, a Parallel branch, or a Map iteration.
struct Frame: Sendable {
    /// Where a child frame reports its end.
    struct ParentLink: Sendable, Hashable {
        var frame: Int
        var slot: Int
    }

    /// What the frame is doing in its current state.
    enum Phase: Sendable {
        /// About to enter `stateName` (records the Entered event first).
        case entering
        /// Entered; the state's work runs next (also after a retry back-off).
        case working
        case awaitingTask(TaskWait)
        case waiting(token: Int, output: JSONValue, assignments: [(String, JSONValue)])
        case retrying(token: Int)
        case joining(Join)
        case done
    }

    struct TaskWait: Sendable {
        var token: Int
        var timeoutToken: Int?
        var heartbeatToken: Int?
        var heartbeatSeconds: Int?
    }

    let id: Int
    let machine: StateMachineDefinition
    let parent: ParentLink?
    var stateName: String
    /// The raw input of the current state.
    var input: JSONValue
    var variables: [String: JSONValue] = [:]
    /// A Distributed Map child execution: like AWS's, it cannot read the variables of the workflow around it.
    var isolated = false
    var phase: Phase = .entering
    var enteredEventId = 0
    var enteredTime: Timestamp
    /// Attempts used so far per retrier of the current state.
    var retryCounts: [Int] = []
    var retryCount = 0

    init(id: Int, machine: StateMachineDefinition, parent: ParentLink?, input: JSONValue, now: Timestamp) {
        self.id = id
        self.machine = machine
        self.parent = parent
        self.stateName = machine.startAt
        self.input = input
        self.enteredTime = now
    }

    var state: State { machine.states[stateName]! }
}

/// The children of a Parallel or Map state and how far they have got.
struct Join: Sendable {
    enum Kind: Sendable {
        case parallel
        case map(MapRunLimits)
    }

    var kind: Kind
    /// Inputs not started yet (Map), in order, with their slot.
    var queued: [(slot: Int, input: JSONValue)]
    var nextQueued = 0
    var results: [JSONValue?]
    var running: Set<Int> = []
    var failures = 0
    var succeeded = 0
    var startedEventId = 0
    /// The state input after InputPath/Parameters (what ResultSelector etc. refer to is the result; this is kept
    /// for the Map's tolerated-failure bookkeeping and future redrive).
    var effectiveInput: JSONValue
}

/// Limits of one Map run, resolved from literals or paths when the state starts.
struct MapRunLimits: Sendable {
    var maxConcurrency: Int
    var toleratedFailureCount: Int?
    var toleratedFailurePercentage: Double?
    var distributed: Bool
    var total: Int
}
