import SluiceAWS

/// The error each service answers for a signature it does not accept, in its own words (the codes its SDK
/// raises): the JSON services say `MissingAuthenticationTokenException`, `UnrecognizedClientException` and
/// `InvalidSignatureException`; SNS `MissingAuthenticationToken`, `InvalidClientTokenId` and
/// `SignatureDoesNotMatch`; S3 `AccessDenied`, `InvalidAccessKeyId` and `SignatureDoesNotMatch`.
enum APIAuthentication {
    static let mismatchWords =
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."
    static let unknownKeyWords = "The security token included in the request is invalid."

    static func error(_ failure: SignatureFailure, service: AWSService) -> AWSError {
        switch (failure, service) {
        case (.missing, .s3): AWSError("AccessDenied", "Access Denied", status: 403)
        case (.missing, .sns):
            AWSError("MissingAuthenticationToken", "Request is missing Authentication Token", status: 403)
        case (.missing, _): AWSError("MissingAuthenticationTokenException", "Missing Authentication Token", status: 403)
        case (.malformed(let words), .s3): AWSError("AuthorizationHeaderMalformed", words)
        case (.malformed(let words), .sns): AWSError("IncompleteSignature", words)
        case (.malformed(let words), _): AWSError("IncompleteSignatureException", words)
        case (.unknownKey, .s3):
            AWSError(
                "InvalidAccessKeyId",
                "The AWS Access Key Id you provided does not exist in our records.",
                status: 403
            )
        case (.unknownKey, .sns): AWSError("InvalidClientTokenId", unknownKeyWords, status: 403)
        case (.unknownKey, _): AWSError("UnrecognizedClientException", unknownKeyWords, status: 403)
        case (.mismatch, .s3), (.mismatch, .sns): AWSError("SignatureDoesNotMatch", mismatchWords, status: 403)
        case (.mismatch, _): AWSError("InvalidSignatureException", mismatchWords, status: 403)
        case (.expired(let words), .s3):
            words.hasPrefix("Signature expired")
                ? AWSError(
                    "RequestTimeTooSkewed",
                    "The difference between the request time and the current time is too large.",
                    status: 403
                ) : AWSError("AccessDenied", words, status: 403)
        case (.expired(let words), .sns): AWSError("SignatureDoesNotMatch", words, status: 403)
        case (.expired(let words), _): AWSError("InvalidSignatureException", words, status: 403)
        }
    }
}
