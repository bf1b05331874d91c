import SluiceJSON

/// Map `ResultWriter`: where a distributed map writes its child execution results.
public struct ResultWriter: Sendable, Hashable {
    public var resource: String?
    public var parameters: PayloadTemplate?
    /// WriterConfig as written: OutputType, Transformation.
    public var writerConfig: JSONValue?
    public init() {}
}
