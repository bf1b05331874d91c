import SluiceAWS

/// S3's errors, with the codes and messages AWS answers (the S3 API Reference's "List of error codes").
enum S3Errors {
    static func noSuchBucket(_ bucket: String) -> AWSError {
        AWSError("NoSuchBucket", "The specified bucket does not exist", status: 404)
    }

    static func noSuchKey(_ key: String) -> AWSError {
        AWSError("NoSuchKey", "The specified key does not exist.", status: 404)
    }

    static let noSuchUpload = AWSError(
        "NoSuchUpload",
        "The specified multipart upload does not exist. The upload ID might be invalid, or the multipart upload might have been aborted or completed.",
        status: 404
    )

    static let bucketNotEmpty = AWSError("BucketNotEmpty", "The bucket you tried to delete is not empty", status: 409)

    static let bucketAlreadyOwnedByYou = AWSError(
        "BucketAlreadyOwnedByYou",
        "Your previous request to create the named bucket succeeded and you already own it.",
        status: 409
    )

    static let invalidBucketName = AWSError("InvalidBucketName", "The specified bucket is not valid.")

    static let invalidRange = AWSError("InvalidRange", "The requested range is not satisfiable", status: 416)

    static let malformedXML = AWSError(
        "MalformedXML",
        "The XML you provided was not well-formed or did not validate against our published schema"
    )

    static let invalidPart = AWSError(
        "InvalidPart",
        "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag."
    )

    static let invalidPartOrder = AWSError(
        "InvalidPartOrder",
        "The list of parts was not in ascending order. Parts must be ordered by part number."
    )

    static func invalidArgument(_ message: String) -> AWSError {
        AWSError("InvalidArgument", message)
    }

    static func notImplemented(_ what: String) -> AWSError {
        AWSError("NotImplemented", "sluiced does not implement \(what)", status: 501)
    }

    static func methodNotAllowed(_ method: String) -> AWSError {
        AWSError(
            "MethodNotAllowed",
            "The specified method is not allowed against this resource: \(method)",
            status: 405
        )
    }

    static func internalError(_ why: String) -> AWSError {
        AWSError(
            "InternalError",
            "We encountered an internal error. Please try again. (\(why))",
            status: 500,
            isSender: false
        )
    }
}
