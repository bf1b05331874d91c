import SluiceAWS
import Testing

/// A completed multipart upload's ETag, as S3 and the SDKs compute it.
@Suite struct MultipartETagTests {
    @Test func isTheMD5OfThePartDigestsAndTheirCount() {
        // Parts "a" * 10 and "b": hashlib.md5(bytes.fromhex(md5_a) + bytes.fromhex(md5_b)).
        let etag = MultipartETag.of(partMD5s: ["e09c80c42fda55f9d992e59ca6b3307d", "92EB5FFEE6AE2FEC3AD71C777531578F"])
        #expect(etag == "\"3192ca8a7eba2efb8c52f8e48729e5f1-2\"")
        #expect(MultipartETag.of(partMD5s: ["abc"]) == nil)
    }
}
