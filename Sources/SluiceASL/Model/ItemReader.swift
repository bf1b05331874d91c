import SluiceJSON

/// Map `ItemReader` (DISTRIBUTED mode): where items come from. Run in a later issue; parsed and validated now.
public struct ItemReader: Sendable, Hashable {
    public var resource: String
    public var parameters: PayloadTemplate?
    /// ReaderConfig as written: InputType, CSVHeaderLocation, CSVHeaders, CSVDelimiter, MaxItems(Path), ...
    public var readerConfig: JSONValue?

    public init(resource: String) { self.resource = resource }
}
