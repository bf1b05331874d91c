import SluiceAWS
import SluiceVocabulary
import Testing

/// AWS Signature Version 4 against the examples AWS publishes, and the ways a request is refused.
@Suite struct SignatureV4Tests {
    static let emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// AWS's signature test suite, "get-vanilla".
    @Test func vanillaGetMatchesAWSExample() throws {
        let request = AWSRequest(
            method: "GET",
            target: "/",
            headers: [
                ("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z"),
                (
                    "Authorization",
                    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
                ),
            ]
        )
        let signed = try SignatureV4.parse(request).get()
        #expect(signed.accessKeyId == "AKIDEXAMPLE")
        #expect(signed.service == "service")
        let failure = SignatureV4.verify(
            request,
            signed,
            payloadHash: Self.emptyHash,
            secret: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            now: try #require(SignatureV4.timestamp("20150830T124000Z"))
        )
        #expect(failure == nil)
    }

    /// S3's documented example: GET Object with a Range header (S3 signs its path as sent).
    @Test func s3GetObjectMatchesAWSExample() throws {
        let request = AWSRequest(
            method: "GET",
            target: "/test.txt",
            headers: [
                ("Host", "examplebucket.s3.amazonaws.com"), ("Range", "bytes=0-9"),
                ("x-amz-content-sha256", Self.emptyHash), ("x-amz-date", "20130524T000000Z"),
                (
                    "Authorization",
                    "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"
                ),
            ]
        )
        let signed = try SignatureV4.parse(request).get()
        let failure = SignatureV4.verify(
            request,
            signed,
            payloadHash: Self.emptyHash,
            secret: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            now: try #require(SignatureV4.timestamp("20130524T000500Z"))
        )
        #expect(failure == nil)
    }

    @Test func wrongSecretIsAMismatch() throws {
        let (request, signed) = try Self.signedRequest(secret: "right")
        let failure = SignatureV4.verify(
            request,
            signed,
            payloadHash: Self.emptyHash,
            secret: "wrong",
            now: try #require(SignatureV4.timestamp(signed.amzDate))
        )
        #expect(failure == .mismatch)
    }

    @Test func aChangedHeaderIsAMismatch() throws {
        var (request, signed) = try Self.signedRequest(secret: "s")
        request.headers[0].value = "evil.example:4599"
        let failure = SignatureV4.verify(
            request,
            signed,
            payloadHash: Self.emptyHash,
            secret: "s",
            now: try #require(SignatureV4.timestamp(signed.amzDate))
        )
        #expect(failure == .mismatch)
    }

    /// A captured request replayed more than 15 minutes later is refused, with AWS's words.
    @Test func aReplayOutsideTheSkewHasExpired() throws {
        let (request, signed) = try Self.signedRequest(secret: "s")
        let later = try #require(SignatureV4.timestamp(signed.amzDate)).adding(seconds: 16 * 60)
        let failure = SignatureV4.verify(request, signed, payloadHash: Self.emptyHash, secret: "s", now: later)
        guard case .expired(let words)? = failure else {
            Issue.record("expected expired, got \(String(describing: failure))")
            return
        }
        #expect(words.hasPrefix("Signature expired: 20261206T120000Z is now earlier than"))
    }

    @Test func unsignedAndMalformedAreSaidApart() {
        let unsigned = AWSRequest(method: "POST", target: "/", headers: [("Host", "127.0.0.1:4599")])
        #expect(throws: SignatureFailure.missing) { try SignatureV4.parse(unsigned).get() }
        let malformed = AWSRequest(
            method: "POST",
            target: "/",
            headers: [("Host", "h"), ("X-Amz-Date", "20261206T120000Z"), ("Authorization", "AWS4-HMAC-SHA256 x=y")]
        )
        #expect(throws: SignatureFailure.self) { try SignatureV4.parse(malformed).get() }
    }

    /// The services but S3 sign the path percent-encoded again: a Lambda function ARN's colons are `%253A`.
    @Test func nonS3PathsAreEncodedTwice() throws {
        let (request, signed) = try Self.signedRequest(
            secret: "s",
            target: "/2015-03-31/functions/arn%3Aaws%3Alambda%3Alocal%3A0%3Afunction%3Ascore/invocations",
            service: "lambda"
        )
        let canonical = SignatureV4.canonicalRequest(request, signed, payloadHash: Self.emptyHash)
        #expect(canonical.contains("/2015-03-31/functions/arn%253Aaws%253Alambda"))
    }

    @Test func hmacMatchesRFC4231Case2() {
        let mac = HMAC.sha256(key: Array("Jefe".utf8), message: "what do ya want for nothing?")
        #expect(Hex.lowercase(mac) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func sha256StreamedEqualsOneGo() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        var streamed = SHA256()
        for chunk in stride(from: 0, to: bytes.count, by: 37) {
            streamed.update(Array(bytes[chunk..<min(chunk + 37, bytes.count)]))
        }
        #expect(streamed.finalize() == SHA256.digest(bytes))
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    /// A request signed the way a client signs it, for the refusals above.
    static func signedRequest(
        secret: String,
        target: String = "/",
        service: String = "states"
    ) throws -> (AWSRequest, SignedRequest) {
        var request = AWSRequest(
            method: "POST",
            target: target,
            headers: [("Host", "127.0.0.1:4599"), ("X-Amz-Date", "20261206T120000Z")]
        )
        let claims = SignedRequest(
            accessKeyId: "AKIDSLUICE",
            scopeDate: "20261206",
            region: "local",
            service: service,
            signedHeaders: ["host", "x-amz-date"],
            signature: "",
            amzDate: "20261206T120000Z",
            expiresSeconds: nil
        )
        let signature = SignatureV4.signature(request, claims, payloadHash: emptyHash, secret: secret)
        request.headers.append(
            (
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIDSLUICE/20261206/local/\(service)/aws4_request, SignedHeaders=host;x-amz-date, Signature=\(signature)"
            )
        )
        return (request, try SignatureV4.parse(request).get())
    }
}
