import SluiceAWS

/// The checksums an upload claims (headers, or aws-chunked trailers) against the bytes spooled: a body that does
/// not match is BadDigest and never reaches its bucket. Algorithms sluice does not compute (CRC32C, CRC64NVME,
/// SHA-1) are taken on trust, as the SHA-256 that the signature covers already guards the body in transit.
extension S3API {
    static func checkChecksums(_ call: APICall) throws(AWSError) {
        guard case .upload(let upload) = call.body else { return }
        for (algorithm, claimed) in UploadChecksum.claimed(call.request, trailers: upload.trailers) {
            let actual: String?
            switch algorithm {
            case "crc32": actual = upload.crc32?.base64
            case "sha256": actual = Base64.encode(upload.sha256Digest)
            default: actual = nil
            }
            guard let actual, actual != claimed else { continue }
            throw AWSError(
                "BadDigest",
                "The \(algorithm.uppercased()) you specified did not match the calculated checksum."
            )
        }
    }
}
