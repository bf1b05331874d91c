import Foundation
import SluiceAWS
import SluiceEngine
import SluiceVocabulary

/// What the API does with a request: who is calling is checked before anything else (the Host, then the
/// signature: S3's before its body is read, the others' once their body is in), then the service answers.
struct APIRouter: Sendable {
    let credentials: APICredentials
    let handlers: [AWSService: any APIServiceHandler]
    let clock: WallClock
    let hosts: APIHostPolicy

    /// The largest body held in memory (a Lambda payload is at most 6 MB).
    static let bodyLimit = 8 << 20
    /// The largest single upload S3 takes (5 GiB).
    static let uploadLimit: Int64 = 5 << 30

    /// What becomes of a request once its head has been read.
    enum Admission {
        /// Answered at once; the body is not read.
        case refuse(AWSResponse)
        /// An S3 object upload, signature checked: the body goes to a spool file.
        case stream(SignedRequest)
        /// The body is read into memory; `verified` when the signature was already checked (S3).
        case collect(SignedRequest, AWSService, verified: Bool)
        /// A page of the dashboard, its JSON or /metrics: unsigned, the dashboard checking its own login.
        case web
    }

    func admit(_ request: AWSRequest, requestId: String) -> Admission {
        let guess = AWSService.guess(request)
        guard hosts.allows(request) else { return .refuse(error(hosts.refusal(request), guess, requestId)) }
        if DashboardRouter.takes(request) {
            guard request.header("content-length").flatMap(Int.init) ?? 0 <= DashboardRouter.bodyLimit else {
                return .refuse(DashboardResponse.error(413, "RequestTooLarge", "the body is too large"))
            }
            return .web
        }
        let signed: SignedRequest
        switch SignatureV4.parse(request) {
        case .failure(let failure):
            return .refuse(error(APIAuthentication.error(failure, service: guess), guess, requestId))
        case .success(let claims): signed = claims
        }
        guard let service = AWSService(rawValue: signed.service), handlers[service] != nil else {
            let unknown = AWSError("UnknownServiceException", "sluiced does not answer service '\(signed.service)'")
            return .refuse(error(unknown, guess, requestId))
        }
        guard let secret = credentials.secret(for: signed.accessKeyId) else {
            return .refuse(
                error(APIAuthentication.error(.unknownKey(signed.accessKeyId), service: service), service, requestId)
            )
        }
        let upload = service == .s3 && Self.isUpload(request)
        if let length = request.header("content-length").flatMap(Int64.init),
            length > (upload ? Self.uploadLimit : Int64(Self.bodyLimit))
        {
            return .refuse(error(Self.tooLarge(service), service, requestId))
        }
        guard service == .s3 else { return .collect(signed, service, verified: false) }
        let payloadHash =
            signed.isPresigned ? "UNSIGNED-PAYLOAD" : request.header("x-amz-content-sha256") ?? ""
        guard !payloadHash.isEmpty else {
            let missing = AWSError("InvalidRequest", "Missing required header for this request: x-amz-content-sha256")
            return .refuse(error(missing, service, requestId))
        }
        if let failure = SignatureV4.verify(request, signed, payloadHash: payloadHash, secret: secret, now: clock.now())
        {
            return .refuse(error(APIAuthentication.error(failure, service: service), service, requestId))
        }
        return upload ? .stream(signed) : .collect(signed, service, verified: true)
    }

    /// The answer to a request whose body has been read.
    func respond(
        _ request: AWSRequest,
        body: APIBody,
        signed: SignedRequest,
        service: AWSService,
        verified: Bool,
        requestId: String
    ) async -> AWSResponse {
        if !verified {
            guard let secret = credentials.secret(for: signed.accessKeyId) else {
                return error(
                    APIAuthentication.error(.unknownKey(signed.accessKeyId), service: service),
                    service,
                    requestId
                )
            }
            var hash = SHA256()
            hash.update(body.bytes)
            let payloadHash = Hex.lowercase(hash.finalize())
            if let failure = SignatureV4.verify(
                request,
                signed,
                payloadHash: payloadHash,
                secret: secret,
                now: clock.now()
            ) {
                return error(APIAuthentication.error(failure, service: service), service, requestId)
            }
        }
        if let mismatch = Self.payloadMismatch(request, body: body) {
            return error(mismatch, service, requestId)
        }
        guard let handler = handlers[service] else {
            return error(AWSError("UnknownServiceException", "no service \(service)"), service, requestId)
        }
        var response = await handler.respond(
            to: APICall(request: request, body: body, signed: signed, requestId: requestId)
        )
        if response.header("x-amzn-RequestId") == nil, response.header("x-amz-request-id") == nil {
            response.headers.append((service == .s3 ? "x-amz-request-id" : "x-amzn-RequestId", requestId))
        }
        return response
    }

    /// S3 checks that the body is the one `X-Amz-Content-SHA256` names (the signature covers the header, not the
    /// bytes).
    private static func payloadMismatch(_ request: AWSRequest, body: APIBody) -> AWSError? {
        guard let claimed = request.header("x-amz-content-sha256"), claimed.count == 64 else { return nil }
        let actual: String
        switch body {
        case .bytes(let bytes):
            var hash = SHA256()
            hash.update(bytes)
            actual = Hex.lowercase(hash.finalize())
        case .upload(let upload): actual = upload.sha256Hex
        }
        guard actual != claimed.lowercased() else { return nil }
        return AWSError(
            "XAmzContentSHA256Mismatch",
            "The provided 'x-amz-content-sha256' header does not match what was computed."
        )
    }

    /// An S3 PUT of an object or a part: `/BUCKET/KEY` path-style, or `/KEY` on `BUCKET.localhost`.
    static func isUpload(_ request: AWSRequest) -> Bool {
        guard request.method == "PUT" else { return false }
        let virtualHost = request.hostName?.lowercased().hasSuffix(".localhost") == true
        return request.pathSegments.count >= (virtualHost ? 1 : 2)
    }

    static func tooLarge(_ service: AWSService) -> AWSError {
        service == .s3
            ? AWSError("EntityTooLarge", "Your proposed upload exceeds the maximum allowed size", status: 400)
            : AWSError("RequestEntityTooLargeException", "Request must be smaller than \(bodyLimit) bytes", status: 413)
    }

    func error(_ error: AWSError, _ service: AWSService, _ requestId: String) -> AWSResponse {
        service.wireProtocol.response(for: error, requestId: requestId)
    }
}
