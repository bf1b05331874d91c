import SluiceJSON

/// One state of a state machine: the fields every type shares, and the type-specific part in `kind`.
package struct State: Sendable, Hashable {
    package var name: String
    package var kind: StateKind
    package var comment: String?
    package var queryLanguage: QueryLanguage = .jsonPath
    /// `Next` / `End`; nil for Choice, Succeed and Fail, which never take one.
    package var transition: Transition?

    package var inputPath: OptionalPath = .root
    package var outputPath: OptionalPath = .root
    /// `Parameters` (Task, Pass, Parallel, Map); for Map, `ItemSelector` lives in `MapState`.
    package var parameters: PayloadTemplate?
    package var resultSelector: PayloadTemplate?
    package var resultPath: ResultPathField = .root
    /// `Assign`, in the state's query language.
    package var assign: PayloadTemplate?
    /// JSONata `Output` (`Arguments` is kept in `parameters`, the field it replaces).
    package var output: PayloadTemplate?
    package var retry: [Retrier] = []
    package var `catch`: [Catcher] = []

    package init(name: String, kind: StateKind) {
        self.name = name
        self.kind = kind
    }

    /// The AWS name of the state's type, as in history event names (`Pass`, `Task`, ...).
    package var typeName: String { kind.typeName }
}
