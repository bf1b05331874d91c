/// What a request's AWS Signature Version 4 claims, read from its `Authorization` header or, presigned, its query:
/// who signed (the access key), for which day, region and service, over which headers, and the signature.
package struct SignedRequest: Sendable, Equatable {
    package var accessKeyId: String
    /// The credential scope's day, `yyyyMMdd`.
    package var scopeDate: String
    package var region: String
    package var service: String
    /// Lower-case header names, as the signer listed them.
    package var signedHeaders: [String]
    package var signature: String
    /// `X-Amz-Date`: `yyyyMMdd'T'HHmmss'Z'`.
    package var amzDate: String
    /// How long a presigned request stays valid (`X-Amz-Expires`); nil for a signed header.
    package var expiresSeconds: Int?

    package init(
        accessKeyId: String,
        scopeDate: String,
        region: String,
        service: String,
        signedHeaders: [String],
        signature: String,
        amzDate: String,
        expiresSeconds: Int? = nil
    ) {
        self.accessKeyId = accessKeyId
        self.scopeDate = scopeDate
        self.region = region
        self.service = service
        self.signedHeaders = signedHeaders
        self.signature = signature
        self.amzDate = amzDate
        self.expiresSeconds = expiresSeconds
    }

    package var isPresigned: Bool { expiresSeconds != nil }

    /// `DATE/REGION/SERVICE/aws4_request`.
    package var scope: String { "\(scopeDate)/\(region)/\(service)/aws4_request" }
}
