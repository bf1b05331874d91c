import SluiceVocabulary

/// AWS Signature Version 4, checked as AWS checks it: the canonical request rebuilt from what was sent, the
/// string to sign, the signing key derived from the secret, compared with the signature the client sent.
///
/// S3 signs its path as sent; the other services sign it percent-encoded once more (AWS's "double encoding").
/// A request whose time is more than 15 minutes from now is refused, so a captured request cannot be replayed
/// later.
package enum SignatureV4 {
    package static let algorithm = "AWS4-HMAC-SHA256"
    /// AWS's allowed clock skew.
    package static let allowedSkewSeconds: Int64 = 15 * 60
    /// The longest a presigned URL may be valid (seven days).
    package static let maximumExpirySeconds = 604_800

    /// The signature's claims, from the `Authorization` header or the presigned query.
    package static func parse(_ request: AWSRequest) -> Result<SignedRequest, SignatureFailure> {
        if let authorization = request.header("authorization") {
            return parseHeader(authorization, amzDate: request.header("x-amz-date"))
        }
        if request.query("X-Amz-Signature") != nil || request.query("X-Amz-Credential") != nil {
            return parsePresigned(request)
        }
        return .failure(.missing)
    }

    /// Whether `signed` is `request`'s signature with `secret`, at `now`. `payloadHash` is what the canonical
    /// request's last line holds: `X-Amz-Content-SHA256` as sent for S3, `UNSIGNED-PAYLOAD` for a presigned URL,
    /// the body's SHA-256 for the others.
    package static func verify(
        _ request: AWSRequest,
        _ signed: SignedRequest,
        payloadHash: String,
        secret: String,
        now: Timestamp
    ) -> SignatureFailure? {
        guard let time = timestamp(signed.amzDate) else {
            return .malformed("X-Amz-Date is not yyyyMMdd'T'HHmmss'Z': '\(signed.amzDate)'")
        }
        guard signed.amzDate.hasPrefix(signed.scopeDate) else {
            return .malformed(
                "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '\(signed.scopeDate)' != '\(signed.amzDate.prefix(8))'"
            )
        }
        if let failure = timeFailure(signed, time: time, now: now) { return failure }
        let expected = signature(request, signed, payloadHash: payloadHash, secret: secret)
        return ConstantTime.equal(expected, signed.signature) ? nil : .mismatch
    }

    /// The signature `request` should carry for `signed`'s claims (the tests and `sluice` sign with it too).
    package static func signature(
        _ request: AWSRequest,
        _ signed: SignedRequest,
        payloadHash: String,
        secret: String
    ) -> String {
        let canonical = canonicalRequest(request, signed, payloadHash: payloadHash)
        let stringToSign = [algorithm, signed.amzDate, signed.scope, SHA256.hex(canonical)].joined(separator: "\n")
        return Hex.lowercase(HMAC.sha256(key: signingKey(secret: secret, signed), message: stringToSign))
    }

    /// The key derived from `secret` for `signed`'s day, region and service: the request's signature is made with
    /// it, and so is each chunk's of a streaming upload.
    package static func signingKey(secret: String, _ signed: SignedRequest) -> [UInt8] {
        var key = HMAC.sha256(key: Array("AWS4\(secret)".utf8), message: signed.scopeDate)
        for part in [signed.region, signed.service, "aws4_request"] { key = HMAC.sha256(key: key, message: part) }
        return key
    }

    /// The canonical request: method, path, query, the signed headers, their names, the payload's hash.
    package static func canonicalRequest(_ request: AWSRequest, _ signed: SignedRequest, payloadHash: String) -> String
    {
        let rawPath = request.rawPath.isEmpty ? "/" : request.rawPath
        let path = signed.service == "s3" ? rawPath : PercentEncoding.encode(rawPath, keepingSlash: true)
        var pairs: [(name: String, value: String)] = []
        for item in request.queryItems where !(signed.isPresigned && item.name == "X-Amz-Signature") {
            pairs.append((PercentEncoding.encode(item.name), PercentEncoding.encode(item.value)))
        }
        pairs.sort { a, b in a.name == b.name ? a.value < b.value : a.name < b.name }
        let query = pairs.map { pair in pair.name + "=" + pair.value }.joined(separator: "&")
        let headers = signed.signedHeaders.map { name in
            let values = request.headers.filter { $0.name.lowercased() == name }.map { trimmed($0.value) }
            return "\(name):\(values.joined(separator: ","))\n"
        }
        return [
            request.method, path, query, headers.joined(), signed.signedHeaders.joined(separator: ";"), payloadHash,
        ].joined(separator: "\n")
    }

    /// `X-Amz-Date`'s basic ISO 8601 form as a time.
    package static func timestamp(_ amzDate: String) -> Timestamp? {
        let b = Array(amzDate.utf8)
        guard b.count == 16, b[8] == UInt8(ascii: "T"), b[15] == UInt8(ascii: "Z") else { return nil }
        let s = String(decoding: b, as: UTF8.self)
        func part(_ from: Int, _ count: Int) -> Substring {
            let start = s.index(s.startIndex, offsetBy: from)
            return s[start..<s.index(start, offsetBy: count)]
        }
        return Timestamp.parse(
            "\(part(0, 4))-\(part(4, 2))-\(part(6, 2))T\(part(9, 2)):\(part(11, 2)):\(part(13, 2))Z"
        )
    }

    /// `time` as `X-Amz-Date` writes it.
    package static func amzDate(_ time: Timestamp) -> String {
        String(time.iso8601().prefix(19).filter { $0 != "-" && $0 != ":" }) + "Z"
    }

    private static func timeFailure(_ signed: SignedRequest, time: Timestamp, now: Timestamp) -> SignatureFailure? {
        if let expires = signed.expiresSeconds {
            guard time.epochSeconds - allowedSkewSeconds <= now.epochSeconds else {
                return .expired("Request is not valid yet: signed at \(signed.amzDate)")
            }
            guard now.epochSeconds <= time.epochSeconds + Int64(expires) else {
                return .expired("Request has expired: signed at \(signed.amzDate), valid for \(expires) seconds")
            }
            return nil
        }
        guard abs(time.epochSeconds - now.epochSeconds) <= allowedSkewSeconds else {
            let nowText = amzDate(now)
            let bound =
                time < now
                ? "earlier than \(amzDate(now.adding(seconds: -Int(allowedSkewSeconds)))) (\(nowText) - 15 min.)"
                : "later than \(amzDate(now.adding(seconds: Int(allowedSkewSeconds)))) (\(nowText) + 15 min.)"
            return .expired("Signature expired: \(signed.amzDate) is now \(bound)")
        }
        return nil
    }

    /// A header value as SigV4 signs it: trimmed, inner runs of spaces made one.
    private static func trimmed(_ value: String) -> String {
        value.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            .trimmingCharacters(in: "\t")
    }

    /// `AWS4-HMAC-SHA256 Credential=KEY/DATE/REGION/SERVICE/aws4_request, SignedHeaders=a;b, Signature=HEX`.
    private static func parseHeader(_ header: String, amzDate: String?) -> Result<SignedRequest, SignatureFailure> {
        guard header.hasPrefix(algorithm + " ") else {
            return .failure(.malformed("Authorization header requires the \(algorithm) algorithm"))
        }
        var fields: [String: String] = [:]
        for part in header.dropFirst(algorithm.count + 1).split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            fields[String(pair[0]).trimmingCharacters(in: " ")] = String(pair[1]).trimmingCharacters(in: " ")
        }
        guard let credential = fields["Credential"], let headers = fields["SignedHeaders"],
            let signature = fields["Signature"]
        else {
            return .failure(
                .malformed("Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters")
            )
        }
        guard let amzDate else { return .failure(.malformed("Authorization header requires an X-Amz-Date header")) }
        return claims(credential: credential, signedHeaders: headers, signature: signature, amzDate: amzDate)
    }

    private static func parsePresigned(_ request: AWSRequest) -> Result<SignedRequest, SignatureFailure> {
        guard request.query("X-Amz-Algorithm") == algorithm, let credential = request.query("X-Amz-Credential"),
            let headers = request.query("X-Amz-SignedHeaders"), let signature = request.query("X-Amz-Signature"),
            let amzDate = request.query("X-Amz-Date"), let expiresText = request.query("X-Amz-Expires"),
            let expires = Int(expiresText), (1...maximumExpirySeconds).contains(expires)
        else {
            return .failure(
                .malformed(
                    "a presigned request needs X-Amz-Algorithm \(algorithm), X-Amz-Credential, X-Amz-Date, X-Amz-Expires (1 to 604800), X-Amz-SignedHeaders and X-Amz-Signature"
                )
            )
        }
        return claims(credential: credential, signedHeaders: headers, signature: signature, amzDate: amzDate)
            .map {
                var signed = $0
                signed.expiresSeconds = expires
                return signed
            }
    }

    private static func claims(
        credential: String,
        signedHeaders: String,
        signature: String,
        amzDate: String
    ) -> Result<SignedRequest, SignatureFailure> {
        let scope = credential.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard scope.count == 5, scope[4] == "aws4_request", !scope[0].isEmpty, scope[1].count == 8 else {
            return .failure(
                .malformed("Credential should be KEY/yyyyMMdd/REGION/SERVICE/aws4_request, not '\(credential)'")
            )
        }
        let names = signedHeaders.split(separator: ";").map { $0.lowercased() }
        guard names.contains("host") else { return .failure(.malformed("the Host header must be signed")) }
        return .success(
            SignedRequest(
                accessKeyId: scope[0],
                scopeDate: scope[1],
                region: scope[2],
                service: scope[3],
                signedHeaders: names,
                signature: signature,
                amzDate: amzDate,
                expiresSeconds: nil
            )
        )
    }
}

extension String {
    /// The string without `characters` at either end.
    fileprivate func trimmingCharacters(in characters: String) -> String {
        let set = Set(characters)
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
