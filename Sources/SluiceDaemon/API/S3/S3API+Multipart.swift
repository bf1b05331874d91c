import SluiceAWS
import SluiceLinux

/// Multipart uploads begun, parts received, listed and aborted (`aws s3 cp` goes multipart above 8 MiB).
extension S3API {
    func createUpload(_ call: APICall, _ bucket: String, _ key: String) throws(AWSError) -> AWSResponse {
        _ = try folders.folder(bucket)
        if let problem = S3Address.problem(withKey: key) {
            throw S3Errors.invalidArgument("sluice cannot store \(key): \(problem)")
        }
        let upload = try uploads.create(bucket: bucket, key: key, metadata: ObjectMetadata(request: call.request))
        return Self.xml(
            "InitiateMultipartUploadResult",
            XMLText.element("Bucket", bucket) + XMLText.element("Key", key) + XMLText.element("UploadId", upload.id)
        )
    }

    func uploadPart(_ call: APICall, _ bucket: String, _ key: String) throws(AWSError) -> AWSResponse {
        guard case .upload(let spooled) = call.body else { throw S3Errors.internalError("the part was not spooled") }
        guard let number = call.request.query("partNumber").flatMap(Int.init), (1...10_000).contains(number) else {
            throw S3Errors.invalidArgument("Part number must be an integer between 1 and 10000, inclusive")
        }
        _ = try folders.folder(bucket)
        let upload = try uploads.upload(call.request.query("uploadId") ?? "", bucket: bucket, key: key)
        try uploads.addPart(upload, number: number, spool: spooled.path, md5: spooled.md5Hex)
        return AWSResponse(headers: [("ETag", "\"\(spooled.md5Hex)\"")])
    }

    func listParts(_ call: APICall, _ bucket: String, _ key: String) throws(AWSError) -> AWSResponse {
        _ = try folders.folder(bucket)
        let upload = try uploads.upload(call.request.query("uploadId") ?? "", bucket: bucket, key: key)
        let parts = uploads.parts(of: upload).map { part in
            XMLText.element(
                "Part",
                children: XMLText.element("PartNumber", String(part.number))
                    + XMLText.element("LastModified", UTCTime.iso8601(nanoseconds: part.status.modifiedNanoseconds))
                    + XMLText.element("ETag", "\"\(part.md5)\"") + XMLText.element("Size", String(part.status.size))
            )
        }
        return Self.xml(
            "ListPartsResult",
            XMLText.element("Bucket", bucket) + XMLText.element("Key", key) + XMLText.element("UploadId", upload.id)
                + XMLText.element("PartNumberMarker", "0") + XMLText.element("MaxParts", "10000")
                + XMLText.element("IsTruncated", "false") + XMLText.element("StorageClass", "STANDARD")
                + parts.joined()
        )
    }

    func abortUpload(_ call: APICall, _ bucket: String, _ key: String) throws(AWSError) -> AWSResponse {
        _ = try folders.folder(bucket)
        uploads.remove(try uploads.upload(call.request.query("uploadId") ?? "", bucket: bucket, key: key))
        return AWSResponse(status: 204)
    }

    func listUploads(_ bucket: String) throws(AWSError) -> AWSResponse {
        _ = try folders.folder(bucket)
        let listed = uploads.uploads(of: bucket).map { upload in
            XMLText.element(
                "Upload",
                children: XMLText.element("Key", upload.key) + XMLText.element("UploadId", upload.id)
                    + XMLText.element("StorageClass", "STANDARD") + XMLText.element("Initiated", upload.initiated)
            )
        }
        return Self.xml(
            "ListMultipartUploadsResult",
            XMLText.element("Bucket", bucket) + XMLText.element("KeyMarker", "")
                + XMLText.element("UploadIdMarker", "") + XMLText.element("MaxUploads", "1000")
                + XMLText.element("IsTruncated", "false") + listed.joined()
        )
    }
}
