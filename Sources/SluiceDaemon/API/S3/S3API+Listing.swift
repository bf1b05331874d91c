import SluiceAWS
import SluiceBucket

/// ListObjectsV2 and ListObjects: one walk of the bucket's folders, keys in UTF-8 byte order, a page cut from
/// them (`S3ListingPage`), and only that page's objects hashed for their ETags.
extension S3API {
    func listObjects(_ call: APICall, _ bucket: String, version: Int) throws(AWSError) -> AWSResponse {
        _ = try folders.folder(bucket)
        let request = call.request
        let prefix = request.query("prefix") ?? ""
        let delimiter = request.query("delimiter").flatMap { $0.isEmpty ? nil : $0 }
        let maxKeys = try Self.maxKeys(request.query("max-keys"))
        let encoding = request.query("encoding-type")
        guard encoding == nil || encoding == "url" else {
            throw S3Errors.invalidArgument("Invalid Encoding Method specified in Request")
        }
        let encode: (String) -> String = encoding == nil ? { $0 } : { PercentEncoding.encode($0, keepingSlash: true) }
        let token = request.query("continuation-token")
        var after = version == 2 ? request.query("start-after") : request.query("marker")
        if version == 2, let token {
            guard let marker = S3ListingPage.marker(fromToken: token) else {
                throw S3Errors.invalidArgument("The continuation token provided is incorrect")
            }
            after = marker
        }
        let entries: [BucketStore.Entry]
        do { entries = try store.listEntries(bucket: bucket, prefix: prefix) } catch {
            throw S3Errors.noSuchBucket(bucket)
        }
        let page = S3ListingPage(
            sortedKeys: entries.map(\.key),
            prefix: prefix,
            delimiter: delimiter,
            after: after,
            maxKeys: maxKeys
        )
        var body = XMLText.element("Name", bucket) + XMLText.element("Prefix", encode(prefix))
        if let delimiter { body += XMLText.element("Delimiter", encode(delimiter)) }
        body += XMLText.element("MaxKeys", String(maxKeys))
        if let encoding { body += XMLText.element("EncodingType", encoding) }
        body += XMLText.element("IsTruncated", page.isTruncated ? "true" : "false")
        if version == 2 {
            body += XMLText.element("KeyCount", String(page.keys.count + page.commonPrefixes.count))
            if let token { body += XMLText.element("ContinuationToken", token) }
            if let next = page.nextMarker {
                body += XMLText.element("NextContinuationToken", S3ListingPage.token(for: next))
            }
            if let start = request.query("start-after") { body += XMLText.element("StartAfter", encode(start)) }
        } else {
            body += XMLText.element("Marker", encode(after ?? ""))
            if let next = page.nextMarker { body += XMLText.element("NextMarker", encode(next)) }
        }
        body += try contents(of: page.keys, entries, encode)
        for common in page.commonPrefixes {
            body += XMLText.element("CommonPrefixes", children: XMLText.element("Prefix", encode(common)))
        }
        return Self.xml("ListBucketResult", body)
    }

    /// `<Contents>` of each listed key, hashing only these objects.
    private func contents(
        of keys: [String],
        _ entries: [BucketStore.Entry],
        _ encode: (String) -> String
    ) throws(AWSError) -> String {
        guard !keys.isEmpty else { return "" }
        let wanted = Set(keys)
        var out = ""
        for entry in entries where wanted.contains(entry.key) {
            let summary: BucketObjectSummary
            do { summary = try store.summary(of: entry) } catch {
                // Removed since the walk: S3 would not have listed it either.
                continue
            }
            out += XMLText.element(
                "Contents",
                children: XMLText.element("Key", encode(summary.key))
                    + XMLText.element("LastModified", summary.lastModified)
                    + XMLText.element("ETag", summary.etag) + XMLText.element("Size", String(summary.size))
                    + XMLText.element("StorageClass", summary.storageClass)
            )
        }
        return out
    }

    private static func maxKeys(_ text: String?) throws(AWSError) -> Int {
        guard let text else { return 1000 }
        guard let value = Int(text), value >= 0 else {
            throw S3Errors.invalidArgument("Provided max-keys not an integer or within integer range")
        }
        return min(value, 1000)
    }
}
