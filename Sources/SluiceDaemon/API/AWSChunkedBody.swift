import SluiceAWS

/// When an upload's body is `aws-chunked` (the SDKs' streaming uploads with trailing checksums, and SigV4's
/// streaming signatures), and whether what arrived was the whole of it.
enum AWSChunkedBody {
    static func isChunked(_ request: AWSRequest) -> Bool {
        request.header("content-encoding")?.lowercased().contains("aws-chunked") == true
            || request.header("x-amz-content-sha256")?.hasPrefix("STREAMING-") == true
    }

    /// The decoder for `request`'s body, nil when it is not chunked; it checks each chunk's signature when the
    /// request says its chunks are signed (`STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]`).
    static func decoder(_ request: AWSRequest, _ signed: SignedRequest, secret: String?) -> AWSChunkedDecoder? {
        guard isChunked(request) else { return nil }
        guard request.header("x-amz-content-sha256")?.hasPrefix("STREAMING-AWS4-HMAC-SHA256-PAYLOAD") == true,
            let secret
        else { return AWSChunkedDecoder() }
        let key = SignatureV4.signingKey(secret: secret, signed)
        return AWSChunkedDecoder(signatures: AWSChunkSignatures(key: key, signed: signed))
    }

    /// The error for a chunked body that was malformed, cut short, or not the length
    /// `x-amz-decoded-content-length` announced; nil when it is whole (or not chunked).
    static func failure(_ request: AWSRequest, _ decoder: AWSChunkedDecoder?, _ failure: AWSChunkedError?)
        -> AWSError?
    {
        guard let decoder else { return nil }
        if let failure, failure.isSignatureMismatch {
            return AWSError("SignatureDoesNotMatch", failure.description, status: 403)
        }
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
