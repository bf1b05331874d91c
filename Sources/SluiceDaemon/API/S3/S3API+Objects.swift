import SluiceAWS
import SluiceBucket
import SluiceLinux
import SluiceTopics
import SluiceVocabulary

/// Objects read, written and removed: GetObject (ranges), HeadObject, PutObject, CopyObject, DeleteObject.
extension S3API {
    /// An existing object's file and description, or NoSuchBucket / NoSuchKey.
    func object(_ bucket: String, _ key: String) throws(AWSError) -> (path: String, summary: BucketObjectSummary) {
        _ = try folders.folder(bucket)
        do {
            return try store.object(bucket: bucket, key: key)
        } catch {
            throw S3Errors.noSuchKey(key)
        }
    }

    /// GetObject, and HeadObject (the same answer, which the server sends without its body).
    func getObject(_ call: APICall, _ bucket: String, _ key: String) throws(AWSError) -> AWSResponse {
        let (path, summary) = try object(bucket, key)
        let size = Int64(summary.size)
        let metadata = ObjectMetadata.read(path)
        var response = AWSResponse(
            headers: [
                ("ETag", summary.etag), ("Last-Modified", Self.httpDate(summary)), ("Accept-Ranges", "bytes"),
                ("Content-Type", metadata.contentType),
            ] + metadata.otherHeaders
        )
        if let notModified = try Self.precondition(call.request, etag: summary.etag) { return notModified }
        switch ByteRange.parse(call.request.header("range"), size: size) {
        case .whole:
            response.bodyFile = BodyFile(path: path, offset: 0, count: size)
        case .part(let offset, let count):
            response.status = 206
            response.headers.append(("Content-Range", ByteRange.contentRange(offset: offset, count: count, size: size)))
            response.bodyFile = BodyFile(path: path, offset: offset, count: count)
        case .unsatisfiable:
            throw S3Errors.invalidRange
        }
        return response
    }

    func putObject(_ call: APICall, _ bucket: String, _ key: String) throws(AWSError) -> AWSResponse {
        guard case .upload(let upload) = call.body else { throw S3Errors.internalError("the upload was not spooled") }
        let folder = try folders.folder(bucket)
        // A "folder" object (what consoles make for "Create folder"): the folder itself.
        if key.hasSuffix("/"), upload.size == 0, S3Address.problem(withKey: key + "x") == nil {
            _ = Posix.makeDirectories(folder + "/" + key.dropLast())
            return AWSResponse(headers: [("ETag", "\"\(upload.md5Hex)\"")])
        }
        ObjectMetadata(request: call.request).write(to: upload.path)
        let status = try folders.place(upload.path, in: folder, key: key)
        store.remember(md5Hex: upload.md5Hex, path: folder + "/" + key, status: status)
        return AWSResponse(headers: [("ETag", "\"\(upload.md5Hex)\"")])
    }

    func copyObject(_ call: APICall, _ bucket: String, _ key: String) throws(AWSError) -> AWSResponse {
        let source = try Self.copySource(call.request.header("x-amz-copy-source") ?? "")
        let (path, summary) = try object(source.bucket, source.key)
        let folder = try folders.folder(bucket)
        let replaces = call.request.header("x-amz-metadata-directive")?.uppercased() == "REPLACE"
        guard replaces || source.bucket != bucket || source.key != key else {
            throw AWSError(
                "InvalidRequest",
                "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes."
            )
        }
        let temporary = try folders.join([path], into: folder)
        (replaces ? ObjectMetadata(request: call.request) : ObjectMetadata.read(path)).write(to: temporary)
        let status: FileStatus
        do {
            status = try folders.place(temporary, in: folder, key: key)
        } catch {
            Posix.removeQuietly(temporary)
            throw error
        }
        store.remember(md5Hex: summary.etag.replacing("\"", with: ""), path: folder + "/" + key, status: status)
        return Self.xml(
            "CopyObjectResult",
            XMLText.element("LastModified", UTCTime.iso8601(nanoseconds: status.modifiedNanoseconds))
                + XMLText.element("ETag", summary.etag)
        )
    }

    func deleteObject(_ bucket: String, _ key: String) throws(AWSError) -> AWSResponse {
        let folder = try folders.folder(bucket)
        removeObject(key, in: folder)
        return AWSResponse(status: 204)
    }

    /// Removes the object's file (a symlink itself, never what it leads to); a key no file can hold is already
    /// absent, which S3 answers as a success.
    func removeObject(_ key: String, in folder: String) {
        if key.hasSuffix("/"), S3Address.problem(withKey: key + "x") == nil {
            _ = Posix.removeDirectory(folder + "/" + key.dropLast())
            return
        }
        guard S3Address.problem(withKey: key) == nil, let status = Posix.linkStatus(folder + "/" + key),
            !status.isDirectory
        else { return }
        Posix.removeQuietly(folder + "/" + key)
    }

    /// `x-amz-copy-source`: `BUCKET/KEY` or `/BUCKET/KEY`, percent-encoded, perhaps with `?versionId=`.
    static func copySource(_ header: String) throws(AWSError) -> (bucket: String, key: String) {
        var text = Substring(header)
        if let mark = text.firstIndex(of: "?") { text = text[..<mark] }
        if text.hasPrefix("/") { text = text.dropFirst() }
        guard let decoded = PercentEncoding.decode(text), let slash = decoded.firstIndex(of: "/"),
            slash != decoded.startIndex, decoded.index(after: slash) != decoded.endIndex
        else {
            throw S3Errors.invalidArgument("Invalid copy source object key: \(header)")
        }
        return (String(decoded[..<slash]), String(decoded[decoded.index(after: slash)...]))
    }

    /// `If-Match` / `If-None-Match` against the object's ETag: 412 or 304 when they say not to send it.
    private static func precondition(_ request: AWSRequest, etag: String) throws(AWSError) -> AWSResponse? {
        func matches(_ header: String) -> Bool {
            header.split(separator: ",").contains { tag in
                let trimmed = tag.trimmingPrefix(" ").replacing("W/", with: "")
                return trimmed == "*" || trimmed == etag || "\"\(trimmed)\"" == etag
            }
        }
        if let match = request.header("if-match"), !matches(match) {
            throw AWSError(
                "PreconditionFailed",
                "At least one of the pre-conditions you specified did not hold",
                status: 412
            )
        }
        if let none = request.header("if-none-match"), matches(none) {
            return AWSResponse(status: 304, headers: [("ETag", etag)])
        }
        return nil
    }

    static func httpDate(_ summary: BucketObjectSummary) -> String {
        HTTPDate.format(Timestamp(epochSeconds: Int64(summary.lastModifiedEpochSeconds)))
    }
}
