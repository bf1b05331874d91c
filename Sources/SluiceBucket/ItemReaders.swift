import SluiceJSON
import SluiceLinux

/// Opens the item stream a Distributed Map's ItemReader describes.
package enum ItemReaders {
    /// The items of the request's bucket object or prefix, with MaxItems applied.
    ///
    /// Configuration errors (an unknown InputType, a combination AWS does not allow) and a missing bucket or object
    /// are reported here; problems inside the content are reported by `next` when reading reaches them.
    package static func open(_ request: ItemReaderRequest, buckets: BucketStore) throws(ItemReaderError)
        -> any ItemSource
    {
        let action = try Action(resource: request.resource)
        let settings = try ReaderSettings(request.readerConfig)
        try settings.check(listing: action == .listObjectsV2)
        guard case .object(let parameters) = request.parameters else {
            throw .config("ItemReader Parameters must be an object, not \(request.parameters.serialized())")
        }
        let bucket = try requiredString(parameters, "Bucket")
        let source: any ItemSource
        var version: String?
        switch action {
        case .getObject:
            let key = try requiredString(parameters, "Key")
            let location = try buckets.location(bucket: bucket, key: key)
            version = Posix.status(location.path).map(ObjectsVersion.of)
            if settings.inputType == .manifest || settings.manifestType == .s3Inventory {
                source = try InventoryManifest.open(location, settings: settings, store: buckets)
            } else if settings.manifestType == .athenaData {
                source = try AthenaManifest.open(location, settings: settings, store: buckets)
            } else {
                source = try openFile(location, settings: settings)
            }
            // A manifest's version is its own and its data files': either may change while sluiced is down.
            if let manifest = version, let files = source as? ConcatenatedItemSource {
                version = "manifest " + manifest + "; data files " + files.version
            }
        case .listObjectsV2:
            let prefix = try optionalString(parameters, "Prefix") ?? ""
            let entries = try buckets.listEntries(bucket: bucket, prefix: prefix)
            version = ObjectsVersion.of(entries.map { ($0.key, $0.status) })
            if settings.loadAndFlatten {
                source = ConcatenatedItemSource(
                    entries.map {
                        DataFile(store: buckets, bucket: bucket, key: $0.location.key, settings: settings)
                    }
                )
            } else {
                source = ListingItemSource(store: buckets, entries: entries)
            }
        }
        return LimitedItemSource(source, limit: settings.maxItems, version: version)
    }

    /// One data file read as the settings' InputType (CSV, JSON or JSONL).
    static func openFile(_ location: ObjectLocation, settings: ReaderSettings) throws(ItemReaderError)
        -> any ItemSource
    {
        let window = ByteWindow(source: try ObjectContent.open(location))
        switch settings.inputType {
        case .csv:
            return try CSVItemSource(
                window: window,
                location: location,
                delimiter: settings.delimiter,
                headers: settings.headerLocation
            )
        case .json:
            return JSONDocumentItemSource(window: window, location: location, pointer: settings.itemsPointer)
        case .jsonl:
            return JSONLinesItemSource(window: window, location: location)
        case .parquet, .manifest, nil:
            // ReaderSettings.check refuses these before any file is opened.
            throw .config("InputType \(settings.inputType?.rawValue ?? "(none)") cannot read a data file")
        }
    }

    /// The S3 action a Resource ARN names, in any partition (`arn:aws:`, `arn:aws-cn:`, ...).
    private enum Action: Equatable {
        case getObject
        case listObjectsV2

        init(resource: String) throws(ItemReaderError) {
            let parts = resource.split(separator: ":", omittingEmptySubsequences: false)
            let isStates = parts.count == 7 && parts[0] == "arn" && parts[2] == "states" && parts[5] == "s3"
            switch isStates ? parts[6] : "" {
            case "getObject": self = .getObject
            case "listObjectsV2": self = .listObjectsV2
            default:
                throw .config(
                    "ItemReader Resource \(ItemReaderError.quoted(resource)) is not supported; use "
                        + "arn:aws:states:::s3:getObject or arn:aws:states:::s3:listObjectsV2"
                )
            }
        }
    }

    private static func requiredString(_ parameters: JSONObject, _ name: String) throws(ItemReaderError) -> String {
        guard let text = try optionalString(parameters, name) else {
            throw .config("ItemReader Parameters need a \"\(name)\" string")
        }
        return text
    }

    private static func optionalString(_ parameters: JSONObject, _ name: String) throws(ItemReaderError) -> String? {
        guard let value = parameters[name] else { return nil }
        guard case .string(let text) = value else {
            throw .config("ItemReader Parameters.\(name) must be a string, not \(value.serialized())")
        }
        return text
    }
}
