import SluiceAWS

/// When an upload's body is `aws-chunked` (the SDKs' streaming uploads with trailing checksums, and SigV4's
/// streaming signatures), and whether what arrived was the whole of it.
enum AWSChunkedBody {
    static func isChunked(_ request: AWSRequest) -> Bool {
        request.header("content-encoding")?.lowercased().contains("aws-chunked") == true
            || request.header("x-amz-content-sha256")?.hasPrefix("STREAMING-") == true
    }

    /// The error for a chunked body that was malformed, cut short, or not the length
    /// `x-amz-decoded-content-length` announced; nil when it is whole (or not chunked).
    static func failure(_ request: AWSRequest, _ decoder: AWSChunkedDecoder?, _ failure: String?) -> AWSError? {
        guard let decoder else { return nil }
        if let failure { return AWSError("InvalidRequest", "The aws-chunked body is malformed: \(failure)") }
        guard decoder.isComplete else {
            return AWSError("IncompleteBody", "The request body terminated unexpectedly")
        }
        if let announced = request.header("x-amz-decoded-content-length").flatMap(Int64.init),
            announced != decoder.decodedCount
        {
            return AWSError(
                "IncompleteBody",
                "You did not provide the number of bytes specified by the x-amz-decoded-content-length header (\(announced), not \(decoder.decodedCount))"
            )
        }
        return nil
    }
}
