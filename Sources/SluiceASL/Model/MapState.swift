import SluiceJSON

/// Map: runs its item processor once per item (or batch) of an array or, in DISTRIBUTED mode, of an ItemReader.
public struct MapState: Sendable, Hashable {
    public enum ProcessorMode: String, Sendable, Hashable {
        case inline = "INLINE"
        case distributed = "DISTRIBUTED"
    }

    public enum ExecutionType: String, Sendable, Hashable {
        case standard = "STANDARD"
        case express = "EXPRESS"
    }

    public var processor: StateMachineDefinition
    public var mode: ProcessorMode = .inline
    public var executionType: ExecutionType?
    public var itemsPath: OptionalPath = .root
    /// `ItemSelector`, or the legacy `Parameters` of a Map.
    public var itemSelector: PayloadTemplate?
    public var maxConcurrency: ValueSource<Int>?
    public var toleratedFailurePercentage: ValueSource<Double>?
    public var toleratedFailureCount: ValueSource<Int>?
    public var itemReader: ItemReader?
    public var itemBatcher: ItemBatcher?
    public var resultWriter: ResultWriter?
    public var label: String?

    public init(processor: StateMachineDefinition) { self.processor = processor }
}
