/// The checksums a client sends with an upload (S3's "additional checksums"): in a header
/// (`x-amz-checksum-crc32: base64`) or, for an aws-chunked body, as a trailer of the same name.
package enum UploadChecksum {
    /// The algorithms S3 knows, by the suffix of their header name.
    package static let algorithms = ["crc32", "crc32c", "crc64nvme", "sha1", "sha256"]

    /// The checksums claimed for the body, `(algorithm, base64 value)`, from the headers and then the trailers.
    package static func claimed(_ request: AWSRequest, trailers: [(name: String, value: String)]) -> [(
        algorithm: String, value: String
    )] {
        var found: [(algorithm: String, value: String)] = []
        for algorithm in algorithms {
            let name = "x-amz-checksum-" + algorithm
            if let value = request.header(name) ?? trailers.first(where: { $0.name == name })?.value {
                found.append((algorithm, value.trimmingSpaces))
            }
        }
        return found
    }

    /// Whether the client will claim a CRC-32 of the body, so the spool computes one as the bytes arrive.
    package static func wantsCRC32(_ request: AWSRequest) -> Bool {
        request.header("x-amz-checksum-crc32") != nil
            || request.header("x-amz-trailer")?.lowercased().contains("x-amz-checksum-crc32") == true
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
