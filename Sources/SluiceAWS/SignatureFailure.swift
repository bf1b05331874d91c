/// Why a request's signature is not accepted. Each service answers each kind with its own error code
/// (`APIAuthentication` maps them), never with a result.
package enum SignatureFailure: Error, Sendable, Equatable {
    /// No `Authorization` header and no presigned query.
    case missing
    /// An `Authorization` header or presigned query that cannot be read; the words say what is wrong.
    case malformed(String)
    /// A well-formed signature by an access key sluiced does not know.
    case unknownKey(String)
    /// The signature is not the one the request and the key's secret give.
    case mismatch
    /// The request was signed too long before (or after) now, or a presigned one has expired; the words say when.
    case expired(String)
}
