import SluiceAWS
import SluiceLinux

/// CompleteMultipartUpload: the listed parts checked against those received, joined in order into one hidden
/// temporary file of the bucket's folder and renamed into place once, so the bucket's event fires once for the
/// whole object.
extension S3API {
    func completeUpload(_ call: APICall, _ bucket: String, _ key: String) throws(AWSError) -> AWSResponse {
        let folder = try folders.folder(bucket)
        let upload = try uploads.upload(call.request.query("uploadId") ?? "", bucket: bucket, key: key)
        let listed = try Self.listedParts(call.body.bytes)
        let received = Dictionary(uploads.parts(of: upload).map { ($0.number, $0) }) { _, last in last }
        var chosen: [MultipartUploads.Part] = []
        for (number, etag) in listed {
            if let previous = chosen.last, previous.number >= number { throw S3Errors.invalidPartOrder }
            let unquoted = etag.replacing("\"", with: "").lowercased()
            guard let part = received[number], part.md5 == unquoted else { throw S3Errors.invalidPart }
            chosen.append(part)
        }
        guard let etag = MultipartETag.of(partMD5s: chosen.map(\.md5)) else { throw S3Errors.invalidPart }
        let temporary = try folders.join(chosen.map(\.path), into: folder)
        upload.metadata.write(to: temporary)
        do {
            _ = try folders.place(temporary, in: folder, key: key)
        } catch {
            Posix.removeQuietly(temporary)
            throw error
        }
        uploads.remove(upload)
        let host = call.request.header("host") ?? "localhost"
        return Self.xml(
            "CompleteMultipartUploadResult",
            XMLText.element("Location", "http://\(host)/\(bucket)/\(PercentEncoding.encode(key, keepingSlash: true))")
                + XMLText.element("Bucket", bucket) + XMLText.element("Key", key) + XMLText.element("ETag", etag)
        )
    }

    /// The `(PartNumber, ETag)` pairs of a `<CompleteMultipartUpload>` document, in the order given.
    private static func listedParts(_ body: [UInt8]) throws(AWSError) -> [(Int, String)] {
        let document: XMLElement
        do { document = try XMLReader.parse(body) } catch { throw S3Errors.malformedXML }
        guard document.name == "CompleteMultipartUpload" else { throw S3Errors.malformedXML }
        var parts: [(Int, String)] = []
        for part in document.children("Part") {
            guard let number = part.text(of: "PartNumber").flatMap(Int.init), let etag = part.text(of: "ETag") else {
                throw S3Errors.malformedXML
            }
            parts.append((number, etag))
        }
        guard !parts.isEmpty else { throw S3Errors.malformedXML }
        return parts
    }
}
