import SluiceJSON

/// One object as S3's ListObjectsV2 describes it.
package struct BucketObjectSummary: Sendable, Hashable {
    /// The object's key: its path under the bucket folder, with "/" between folders.
    package var key: String
    /// Size in bytes.
    package var size: Int
    /// The hex MD5 of the content in double quotes, as S3 sends ETags of single-part uploads: `"\"9e10...\""`.
    package var etag: String
    /// When the file was last written, as ListObjectsV2 shows it: ISO-8601 UTC with milliseconds,
    /// `2022-11-16T00:29:32.000Z`.
    package var lastModified: String
    /// Seconds since the epoch (whole), the form a Distributed Map item carries.
    package var lastModifiedEpochSeconds: Int
    /// Always "STANDARD": a folder has no storage classes.
    package var storageClass: String

    /// A summary with every field given.
    package init(
        key: String,
        size: Int,
        etag: String,
        lastModified: String,
        lastModifiedEpochSeconds: Int,
        storageClass: String = "STANDARD"
    ) {
        self.key = key
        self.size = size
        self.etag = etag
        self.lastModified = lastModified
        self.lastModifiedEpochSeconds = lastModifiedEpochSeconds
        self.storageClass = storageClass
    }

    /// The item a Distributed Map with an `s3:listObjectsV2` ItemReader hands to a child execution.
    ///
    /// Shaped as the AWS ItemReader documentation shows it ("A list of Amazon S3 objects"): `Etag` spelled so,
    /// `LastModified` in epoch seconds, keys in that order:
    /// `{"Etag": "\"0570...\"", "Key": "...", "LastModified": 1668699881, "Size": 34910, "StorageClass": "STANDARD"}`.
    package var item: JSONValue {
        var object = JSONObject()
        object["Etag"] = .string(etag)
        object["Key"] = .string(key)
        object["LastModified"] = .int(lastModifiedEpochSeconds)
        object["Size"] = .int(size)
        object["StorageClass"] = .string(storageClass)
        return .object(object)
    }
}
