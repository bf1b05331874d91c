import Logging
import SluiceAWS
import SluiceEngine
import SluiceLinux

/// Buckets: folders made, removed when they hold no object, listed.
extension S3API {
    func listBuckets() -> AWSResponse {
        let buckets = folders.list().map { bucket in
            XMLText.element(
                "Bucket",
                children: XMLText.element("Name", bucket.name)
                    + XMLText.element("CreationDate", UTCTime.iso8601(nanoseconds: bucket.modifiedNanoseconds))
            )
        }
        let owner = XMLText.element(
            "Owner",
            children: XMLText.element("ID", runtime.settings.account) + XMLText.element("DisplayName", "sluice")
        )
        return Self.xml(
            "ListAllMyBucketsResult",
            owner + XMLText.element("Buckets", children: buckets.joined())
        )
    }

    func createBucket(_ call: APICall, _ bucket: String) throws(AWSError) -> AWSResponse {
        guard BucketName.isValid(bucket) else { throw S3Errors.invalidBucketName }
        // CreateBucketConfiguration (a LocationConstraint) says nothing sluice keeps, but it must be XML.
        if !call.body.bytes.isEmpty {
            do { _ = try XMLReader.parse(call.body.bytes) } catch { throw S3Errors.malformedXML }
        }
        let path = runtime.paths.buckets + "/" + bucket
        guard Posix.linkStatus(path) == nil else { throw S3Errors.bucketAlreadyOwnedByYou }
        do {
            if let problem = try SharedFolder.prepare(path) { runtime.logger.warning("bucket \(bucket): \(problem)") }
        } catch {
            throw S3Errors.internalError("cannot create the folder of bucket \(bucket): \(error)")
        }
        runtime.logger.info("bucket \(bucket) created through the API")
        return AWSResponse(headers: [("Location", "/" + bucket)])
    }

    func deleteBucket(_ bucket: String) throws(AWSError) -> AWSResponse {
        let folder = try folders.folder(bucket)
        guard Self.removeIfEmpty(folder) else { throw S3Errors.bucketNotEmpty }
        runtime.logger.info("bucket \(bucket) deleted through the API")
        return AWSResponse(status: 204)
    }

    func headBucket(_ bucket: String) throws(AWSError) -> AWSResponse {
        _ = try folders.folder(bucket)
        return AWSResponse(headers: [("x-amz-bucket-region", runtime.settings.region)])
    }

    func bucketLocation(_ bucket: String) throws(AWSError) -> AWSResponse {
        _ = try folders.folder(bucket)
        return AWSResponse.xml(
            "<LocationConstraint xmlns=\"\(Self.namespace)\">\(XMLText.escape(runtime.settings.region))</LocationConstraint>"
        )
    }

    /// Removes `folder` when nothing but empty folders is below it: any file, hidden or not (an upload another
    /// program is writing), keeps the bucket.
    private static func removeIfEmpty(_ folder: String) -> Bool {
        guard case .success(let names) = Posix.directoryEntries(folder) else { return false }
        for name in names {
            let path = folder + "/" + name
            guard let status = Posix.linkStatus(path), status.isDirectory, removeIfEmpty(path) else { return false }
        }
        if case .failure = Posix.removeDirectory(folder) { return false }
        return true
    }
}
