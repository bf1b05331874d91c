import SluiceVocabulary
import Testing

@Suite("MD5, streamed (S3 ETags) and whole (States.Hash)")
struct MD5Tests {
    @Test("RFC 1321 test vectors, fed whole and in uneven pieces")
    func vectors() {
        let cases = [
            ("", "d41d8cd98f00b204e9800998ecf8427e"),
            ("a", "0cc175b9c0f1b6a831c399e269772661"),
            ("abc", "900150983cd24fb0d6963f7d28e17f72"),
            ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
            ("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"),
            (
                "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
                "57edf4a22be3c955ac49da2e2107b67a"
            ),
        ]
        for (text, digest) in cases {
            var whole = MD5()
            Array(text.utf8).withUnsafeBytes { whole.update($0) }
            #expect(whole.finalizeHex() == digest)
            var pieces = MD5()
            let bytes = Array(text.utf8)
            var start = 0
            var step = 1
            while start < bytes.count {
                let end = min(bytes.count, start + step)
                bytes[start..<end].withUnsafeBytes { pieces.update($0) }
                start = end
                step += 7
            }
            #expect(pieces.finalizeHex() == digest)
        }
    }
}
