import SluiceAWS
import Testing

/// The checksums of uploads as the SDKs send them: CRC-32 in base64, from a header or a trailer.
@Suite struct UploadChecksumTests {
    static func crc(_ text: String) -> String {
        var crc = CRC32()
        Array(text.utf8).withUnsafeBytes { crc.update($0) }
        return crc.base64
    }

    @Test func crc32IsZlibs() {
        #expect(Self.crc("") == "AAAAAA==")
        #expect(Self.crc("hello world") == "DUoRhQ==")
        #expect(Self.crc("123456789") == "y/Q5Jg==")
        #expect(Base64.encode(Array("ab".utf8)) == "YWI=")
        #expect(Base64.encode(Array("abcd".utf8)) == "YWJjZA==")
    }

    @Test func claimsComeFromHeadersOrTrailers() {
        let request = AWSRequest(
            method: "PUT",
            target: "/b/k",
            headers: [("x-amz-checksum-sha256", "abc="), ("x-amz-trailer", "x-amz-checksum-crc32")]
        )
        #expect(UploadChecksum.wantsCRC32(request))
        let claimed = UploadChecksum.claimed(request, trailers: [("x-amz-checksum-crc32", "DUoRhQ==")])
        #expect(claimed.map(\.algorithm) == ["crc32", "sha256"])
        #expect(claimed.map(\.value) == ["DUoRhQ==", "abc="])
        #expect(!UploadChecksum.wantsCRC32(AWSRequest(method: "PUT", target: "/b/k", headers: [])))
    }
}
