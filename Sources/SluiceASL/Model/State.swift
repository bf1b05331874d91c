import SluiceJSON

/// One state of a state machine: the fields every type shares, and the type-specific part in `kind`.
public struct State: Sendable, Hashable {
    public var name: String
    public var kind: StateKind
    public var comment: String?
    public var queryLanguage: QueryLanguage = .jsonPath
    /// `Next` / `End`; nil for Choice, Succeed and Fail, which never take one.
    public var transition: Transition?

    public var inputPath: OptionalPath = .root
    public var outputPath: OptionalPath = .root
    /// `Parameters` (Task, Pass, Parallel, Map); for Map, `ItemSelector` lives in `MapState`.
    public var parameters: PayloadTemplate?
    public var resultSelector: PayloadTemplate?
    public var resultPath: ResultPathField = .root
    /// JSONPath `Assign`.
    public var assign: PayloadTemplate?
    public var retry: [Retrier] = []
    public var `catch`: [Catcher] = []

    public init(name: String, kind: StateKind) {
        self.name = name
        self.kind = kind
    }

    /// The AWS name of the state's type, as in history event names (`Pass`, `Task`, ...).
    public var typeName: String { kind.typeName }
}
