import SluiceJSON

/// What the interpreter asks for: the ItemReader's Resource, its evaluated Parameters and ReaderConfig.
package struct ItemReaderRequest: Sendable {
    /// `arn:aws:states:::s3:getObject` or `arn:aws:states:::s3:listObjectsV2` (any partition).
    package var resource: String
    /// `{"Bucket", "Key"}` for getObject, `{"Bucket", "Prefix"}` for listObjectsV2, already evaluated
    /// (Parameters in JSONPath, Arguments in JSONata). VersionId and ExpectedBucketOwner are accepted and ignored:
    /// a folder has one version and one owner.
    package var parameters: JSONValue
    /// InputType, CSVHeaderLocation, CSVHeaders, CSVDelimiter, MaxItems (a number: the interpreter resolves
    /// MaxItemsPath), ItemsPointer, Transformation, ManifestType.
    package var readerConfig: JSONObject

    /// A request as the interpreter builds it.
    package init(resource: String, parameters: JSONValue, readerConfig: JSONObject = JSONObject()) {
        self.resource = resource
        self.parameters = parameters
        self.readerConfig = readerConfig
    }
}
