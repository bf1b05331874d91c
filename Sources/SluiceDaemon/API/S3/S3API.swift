import SluiceAWS
import SluiceBucket
import SluiceEngine

/// S3 (restXml): buckets are the folders under var/lib/sluice/buckets, objects the files below them, multipart
/// uploads hidden folders under var/lib/sluice/uploads. Each operation is known by method, address and query, as
/// S3's REST API names them.
struct S3API: APIServiceHandler {
    let runtime: DaemonRuntime

    static let namespace = "http://s3.amazonaws.com/doc/2006-03-01/"

    var folders: BucketFolders { BucketFolders(paths: runtime.paths) }
    var store: BucketStore { BucketStore(bucketsDirectory: runtime.paths.buckets) }
    var uploads: MultipartUploads { MultipartUploads(folder: runtime.paths.uploads) }

    func respond(to call: APICall) async -> AWSResponse {
        let address = S3Address(call.request)
        do throws(AWSError) {
            try Self.checkChecksums(call)
            return try answer(call, address)
        } catch {
            return AWSProtocol.restXml.response(for: error, requestId: call.requestId)
        }
    }

    private func answer(_ call: APICall, _ address: S3Address) throws(AWSError) -> AWSResponse {
        let request = call.request
        guard let bucket = address.bucket else {
            guard request.method == "GET" else { throw S3Errors.methodNotAllowed(request.method) }
            return listBuckets()
        }
        guard let key = address.key else { return try bucketOperation(call, bucket) }
        let has = { (name: String) in request.query(name) != nil }
        switch request.method {
        case "PUT" where has("uploadId"): return try uploadPart(call, bucket, key)
        case "PUT" where request.header("x-amz-copy-source") != nil: return try copyObject(call, bucket, key)
        case "PUT": return try putObject(call, bucket, key)
        case "GET" where has("uploadId"): return try listParts(call, bucket, key)
        case "GET" where has("tagging") || has("acl"): throw S3Errors.notImplemented("object tagging and ACLs")
        case "GET", "HEAD": return try getObject(call, bucket, key)
        case "DELETE" where has("uploadId"): return try abortUpload(call, bucket, key)
        case "DELETE": return try deleteObject(bucket, key)
        case "POST" where has("uploads"): return try createUpload(call, bucket, key)
        case "POST" where has("uploadId"): return try completeUpload(call, bucket, key)
        default: throw S3Errors.methodNotAllowed(request.method)
        }
    }

    private func bucketOperation(_ call: APICall, _ bucket: String) throws(AWSError) -> AWSResponse {
        let request = call.request
        let has = { (name: String) in request.query(name) != nil }
        // A presigned URL's signature parameters and the SDKs' `x-id` say nothing of the operation.
        let parameters = request.queryItems.map(\.name).filter {
            !$0.lowercased().hasPrefix("x-amz-") && $0 != "x-id"
        }
        switch request.method {
        case "PUT" where parameters.isEmpty: return try createBucket(call, bucket)
        case "DELETE" where parameters.isEmpty: return try deleteBucket(bucket)
        case "HEAD": return try headBucket(bucket)
        case "GET" where has("location"): return try bucketLocation(bucket)
        case "GET" where has("uploads"): return try listUploads(bucket)
        case "GET" where request.query("list-type") == "2": return try listObjects(call, bucket, version: 2)
        case "GET" where parameters.allSatisfy(Self.listingParameters.contains):
            return try listObjects(call, bucket, version: 1)
        case "POST" where has("delete"): return try deleteObjects(call, bucket)
        case "GET", "PUT", "DELETE": throw S3Errors.notImplemented("this bucket subresource")
        default: throw S3Errors.methodNotAllowed(request.method)
        }
    }

    private static let listingParameters: Set<String> = [
        "prefix", "delimiter", "marker", "max-keys", "encoding-type",
    ]

    /// An XML answer whose root element carries S3's namespace.
    static func xml(_ root: String, _ children: String, status: Int = 200) -> AWSResponse {
        AWSResponse.xml("<\(root) xmlns=\"\(namespace)\">\(children)</\(root)>", status: status)
    }
}
