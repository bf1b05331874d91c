import SluiceJSON

/// Map: runs its item processor once per item (or batch) of an array or, in DISTRIBUTED mode, of an ItemReader.
package struct MapState: Sendable, Hashable {
    package enum ProcessorMode: String, Sendable, Hashable {
        case inline = "INLINE"
        case distributed = "DISTRIBUTED"
    }

    package enum ExecutionType: String, Sendable, Hashable {
        case standard = "STANDARD"
        case express = "EXPRESS"
    }

    package var processor: StateMachineDefinition
    package var mode: ProcessorMode = .inline
    package var executionType: ExecutionType?
    package var itemsPath: OptionalPath = .root
    /// JSONata `Items`: an array, or an expression giving one (the state input by default).
    package var items: PayloadTemplate?
    /// `ItemSelector`, or the legacy `Parameters` of a Map.
    package var itemSelector: PayloadTemplate?
    package var maxConcurrency: ValueSource<Int>?
    package var toleratedFailurePercentage: ValueSource<Double>?
    package var toleratedFailureCount: ValueSource<Int>?
    package var itemReader: ItemReader?
    package var itemBatcher: ItemBatcher?
    package var resultWriter: ResultWriter?
    package var label: String?

    package init(processor: StateMachineDefinition) { self.processor = processor }
}
