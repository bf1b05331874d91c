import SluiceJSON

/// An S3 Inventory report read through its manifest.json (InputType MANIFEST, or ManifestType S3_INVENTORY).
///
/// The manifest names the data files (gzip CSV without a header row) in the destination bucket and the columns in
/// `fileSchema`; each row becomes an object keyed by those columns with string values, as the ItemReader
/// documentation shows: `{"LastModifiedDate": "2022-11-16T00:29:32.000Z", "Bucket": "...", "Size": "3399671",
/// "Key": "csvDataset/titles.csv"}`. Values are passed on as the report writes them (S3 URL-encodes keys in CSV
/// reports).
enum InventoryManifest {
    /// Manifests are small; this only stops a wrong Key from loading a data file whole.
    static let maximumSize = 64 << 20

    static func open(_ manifest: ObjectLocation, settings: ReaderSettings, store: BucketStore)
        throws(ItemReaderError) -> any ItemSource
    {
        let bytes = try ObjectContent.readAll(manifest, limit: maximumSize)
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes: bytes)
        } catch {
            throw manifest.error("the S3 inventory manifest is not valid JSON: \(error)")
        }
        guard case .string(let format) = document["fileFormat"] ?? .null else {
            throw manifest.error("the S3 inventory manifest has no \"fileFormat\"")
        }
        guard format.uppercased() == "CSV" else {
            throw manifest.error(
                "Step Functions reads S3 inventory reports in CSV format only; this one is \(format)"
            )
        }
        guard case .string(let schema) = document["fileSchema"] ?? .null else {
            throw manifest.error("the S3 inventory manifest has no \"fileSchema\" string")
        }
        let columns = schema.split(separator: ",").map { String($0.trimmingSpaces()) }
        guard case .array(let listed) = document["files"] ?? .null else {
            throw manifest.error("the S3 inventory manifest has no \"files\" array")
        }
        let bucket = destinationBucket(document["destinationBucket"]) ?? manifest.bucket
        var csv = settings
        csv.inputType = .csv
        csv.headerLocation = .given(columns)
        var files: [DataFile] = []
        for file in listed {
            guard case .string(let key) = file["key"] ?? .null else {
                throw manifest.error("an entry of \"files\" has no \"key\" string: \(file.serialized())")
            }
            files.append(DataFile(store: store, bucket: bucket, key: key, settings: csv))
        }
        return ConcatenatedItemSource(files)
    }

    /// `arn:aws:s3:::name` (or a bare name) to the bucket name.
    private static func destinationBucket(_ value: JSONValue?) -> String? {
        guard case .string(let text) = value ?? .null, !text.isEmpty else { return nil }
        // Bucket names cannot hold ":", so the name is whatever follows the last one.
        return text.split(separator: ":", omittingEmptySubsequences: false).last.map(String.init)
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> Substring {
        var s = self
        while s.first == " " || s.first == "\t" { s = s.dropFirst() }
        while s.last == " " || s.last == "\t" { s = s.dropLast() }
        return s
    }
}
