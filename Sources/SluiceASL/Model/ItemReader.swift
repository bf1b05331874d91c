import SluiceJSON

/// Map `ItemReader` (DISTRIBUTED mode): where items come from. Run in a later issue; parsed and validated now.
package struct ItemReader: Sendable, Hashable {
    package var resource: String
    package var parameters: PayloadTemplate?
    /// ReaderConfig as written: InputType, CSVHeaderLocation, CSVHeaders, CSVDelimiter, MaxItems(Path), ...
    package var readerConfig: JSONValue?
    /// A JSONata state's `ReaderConfig.MaxItems` given as an expression.
    package var maxItemsQuery: JSONataQuery?

    package init(resource: String) { self.resource = resource }
}
