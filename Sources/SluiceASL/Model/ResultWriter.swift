import SluiceJSON

/// Map `ResultWriter`: where a distributed map writes its child execution results.
package struct ResultWriter: Sendable, Hashable {
    package var resource: String?
    package var parameters: PayloadTemplate?
    /// WriterConfig as written: OutputType, Transformation.
    package var writerConfig: JSONValue?
    package init() {}
}
