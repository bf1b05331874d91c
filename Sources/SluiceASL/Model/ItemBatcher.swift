import SluiceJSON

/// Map `ItemBatcher`: groups items into batches `{"Items": [...], "BatchInput": ...}`.
package struct ItemBatcher: Sendable, Hashable {
    package var maxItemsPerBatch: ValueSource<Int>?
    package var maxInputBytesPerBatch: ValueSource<Int>?
    package var batchInput: PayloadTemplate?
    package init() {}
}
