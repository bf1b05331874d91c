import SluiceASL
import SluiceJSON
import SluiceVocabulary

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
    var input: JSONValue {
        didSet { inputByteCount = nil }
    }
    /// The compact serialized size of `input` when already known (a Distributed Map batch, weighed item by item
    /// by the batcher), so the payload quota check need not walk it again.
    var inputByteCount: Int?
    var variables: [String: JSONValue] = [:]
    /// A Distributed Map child execution: like AWS's, it cannot read the variables of the workflow around it.
    var isolated = false
    /// The frame that is the root of the child execution this frame belongs to (nil: the execution itself). Child
    /// executions keep their own history numbering and stay out of the parent's history, as on AWS.
    var childExecutionRoot: Int?
    /// Events counted so far by a child execution root.
    var localEvents = 0
    var phase: Phase = .entering
    var enteredEventId = 0
    var enteredTime: Timestamp
    /// Attempts used so far per retrier of the current state.
    var retryCounts: [Int] = []
    var retryCount = 0
    /// The token of the callback Task attempt in progress (`$$.Task.Token`).
    var taskToken: String?

    init(id: Int, machine: StateMachineDefinition, parent: ParentLink?, input: JSONValue, now: Timestamp) {
        self.id = id
        self.machine = machine
        self.parent = parent
        self.stateName = machine.startAt
        self.input = input
        self.enteredTime = now
    }

    var state: State { machine.states[stateName]! }

    /// Reads the current state where the machine keeps it: `state` copies the State out of the dictionary
    /// (every reference it holds retained, then released), which the per-state path pays several times.
    func withState<Result>(_ body: (State) -> Result) -> Result {
        let states = machine.states
        return body(states.values[states.index(forKey: stateName)!])
    }
}

/// The children of a Parallel or Map state and how far they have got.
struct Join: Sendable {
    enum Kind: Sendable {
        case parallel
        case map(MapRun)
    }

    var kind: Kind
    /// Results by child slot (Parallel branches; Map iterations when no ResultWriter streams them out).
    var results: [JSONValue?]
    var running: Set<Int> = []
    var failures = 0
    var succeeded = 0
    var startedEventId = 0

    /// Changes a Map's run in place. The run is moved out of `kind` meanwhile, so the item buffer has a single
    /// owner and changing it never copies it.
    mutating func withMapRun(_ body: (inout MapRun) -> Void) {
        guard case .map(var run) = kind else { return }
        kind = .parallel
        body(&run)
        kind = .map(run)
    }
}

/// One Map state's run: where its items come from, its limits and counters, its children, its result writer.
struct MapRun: Sendable {
    /// Items waiting to become children: all of ItemsPath's array, or what the ItemReader delivered so far.
    var buffer: [JSONValue] = []
    var bufferHead = 0
    /// The compact JSON size of every buffered item, in step with `buffer`, while the reader reports them;
    /// `sizesKnown` turns false for good at the first chunk that comes without.
    var bufferSizes: [Int] = []
    var sizesKnown = true
    /// Child slots that succeeded (a Distributed Map's redrive skips them).
    var succeededSlots = Set<Int>()
    /// On a redrive: the slots that succeeded before, with their outputs (`.null` when a ResultWriter has them).
    var redriven: [Int: JSONValue] = [:]
    /// How many times this map run has been redriven.
    var redriveCount = 0
    /// No more items will come.
    var exhausted = false
    /// The reader's token while a `.readItems` is outstanding (nil: none, or no reader).
    var readerToken: Int?
    var readPending = false
    /// Index of the next item taken (`$$.Map.Item.Index`).
    var nextItemIndex = 0
    /// Index of the next child (result slot).
    var nextSlot = 0
    var limits: MapRunLimits
    /// The Map state's input after InputPath: `$` of ItemSelector and BatchInput.
    var effectiveInput: JSONValue
    var batchInput: JSONValue?
    var mapRunArn: String {
        didSet { childArns = MapRunChildArns(mapRunArn: mapRunArn) }
    }
    /// The parts of its children's ARNs the map run's ARN gives, worked out once (per child they were most of a
    /// one-item child's cost in a million-child run).
    var childArns = MapRunChildArns(mapRunArn: "")
    var writerToken: Int?
    /// Set once every child ended and the ResultWriter is committing.
    var closing = false
    var children: [Int: ChildInfo] = [:]
    var itemsSucceeded = 0
    var itemsFailed = 0
    /// Children still running when the run failed, stopped by it (DescribeMapRun's `aborted`), and their items.
    var childrenAborted = 0
    var itemsAborted = 0

    struct ChildInfo: Sendable {
        var slot: Int
        var name: String
        var input: JSONValue
        var start: Timestamp
        var itemCount: Int
    }

    /// Items read so far and not yet handed to a child.
    var bufferedCount: Int { buffer.count - bufferHead }
}

/// Limits of one Map run, resolved from literals or paths when the state starts.
struct MapRunLimits: Sendable {
    /// The limit in force: MaxConcurrency, or AWS's ceiling when that is 0 (no limit), within the owner's ceiling.
    var maxConcurrency: Int
    /// MaxConcurrency as declared or last updated (0: no limit), what DescribeMapRun shows.
    var declaredMaxConcurrency: Int
    var toleratedFailureCount: Int?
    var toleratedFailurePercentage: Double?
    var distributed: Bool
    var maxItemsPerBatch: Int?
    var maxBytesPerBatch: Int?
}
