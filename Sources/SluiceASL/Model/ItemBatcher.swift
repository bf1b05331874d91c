import SluiceJSON

/// Map `ItemBatcher`: groups items into batches `{"Items": [...], "BatchInput": ...}`.
public struct ItemBatcher: Sendable, Hashable {
    public var maxItemsPerBatch: ValueSource<Int>?
    public var maxInputBytesPerBatch: ValueSource<Int>?
    public var batchInput: PayloadTemplate?
    public init() {}
}
