import SluiceAWS
import Testing

/// GetObject's Range header as S3 reads it.
@Suite struct ByteRangeTests {
    @Test func readsTheThreeForms() {
        #expect(ByteRange.parse("bytes=0-4", size: 10) == .part(offset: 0, count: 5))
        #expect(ByteRange.parse("bytes=3-", size: 10) == .part(offset: 3, count: 7))
        #expect(ByteRange.parse("bytes=-4", size: 10) == .part(offset: 6, count: 4))
        #expect(ByteRange.parse("bytes=8-100", size: 10) == .part(offset: 8, count: 2))
        #expect(ByteRange.parse("bytes=-100", size: 10) == .part(offset: 0, count: 10))
        #expect(ByteRange.contentRange(offset: 6, count: 4, size: 10) == "bytes 6-9/10")
    }

    @Test func rangesPastTheEndAreUnsatisfiable() {
        #expect(ByteRange.parse("bytes=10-", size: 10) == .unsatisfiable)
        #expect(ByteRange.parse("bytes=20-30", size: 10) == .unsatisfiable)
        #expect(ByteRange.parse("bytes=-0", size: 10) == .unsatisfiable)
        #expect(ByteRange.parse("bytes=0-", size: 0) == .unsatisfiable)
    }

    @Test(arguments: [nil, "bytes=5-2", "bytes=0-1,3-4", "items=0-1", "bytes=a-b", "bytes=x"])
    func ignoresWhatS3Ignores(_ header: String?) {
        #expect(ByteRange.parse(header, size: 10) == .whole)
    }
}
