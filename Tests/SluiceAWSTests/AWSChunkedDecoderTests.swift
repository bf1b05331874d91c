import SluiceAWS
import Testing

/// aws-chunked bodies as the SDKs frame them, decoded whatever way the network splits them.
@Suite struct AWSChunkedDecoderTests {
    static let unsignedTrailer =
        "5\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n"
    static let signed =
        "3;chunk-signature=ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648\r\nabc\r\n"
        + "0;chunk-signature=b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9\r\n\r\n"

    static func decode(_ body: String, splitEvery step: Int) throws -> (String, AWSChunkedDecoder) {
        var decoder = AWSChunkedDecoder()
        var out: [UInt8] = []
        let bytes = Array(body.utf8)
        var start = 0
        while start < bytes.count {
            let piece = Array(bytes[start..<min(bytes.count, start + step)])
            try piece.withUnsafeBytes { raw in
                try decoder.feed(raw) { out += $0 }
            }
            start += step
        }
        return (String(decoding: out, as: UTF8.self), decoder)
    }

    @Test(arguments: [1, 2, 3, 7, 1000])
    func decodesTrailingChecksumBodies(splitEvery step: Int) throws {
        let (text, decoder) = try Self.decode(Self.unsignedTrailer, splitEvery: step)
        #expect(text == "hello world")
        #expect(decoder.isComplete)
        #expect(decoder.decodedCount == 11)
        #expect(decoder.trailers.map(\.name) == ["x-amz-checksum-crc32"])
        #expect(decoder.trailers.map(\.value) == ["DUoRhQ=="])
    }

    @Test(arguments: [1, 5, 1000])
    func decodesSignedChunks(splitEvery step: Int) throws {
        let (text, decoder) = try Self.decode(Self.signed, splitEvery: step)
        #expect(text == "abc")
        #expect(decoder.isComplete)
        #expect(decoder.trailers.isEmpty)
    }

    @Test func aBodyCutShortIsIncomplete() throws {
        let (text, decoder) = try Self.decode("5\r\nhel", splitEvery: 100)
        #expect(text == "hel")
        #expect(!decoder.isComplete)
    }

    @Test(arguments: ["zz\r\nabc\r\n", "3\r\nabcd\r\n0\r\n\r\n", "0\r\n\r\nmore", "0\r\nno colon\r\n\r\n"])
    func refusesBrokenFraming(_ body: String) {
        #expect(throws: AWSChunkedError.self) { try Self.decode(body, splitEvery: 100) }
    }

    @Test func refusesEndlessHeaderLines() {
        #expect(throws: AWSChunkedError.self) {
            try Self.decode(String(repeating: "1", count: 5000), splitEvery: 1000)
        }
    }
}

/// Chunk signatures of a streaming upload, against the example of AWS's "Signature Calculations for the
/// Authorization Header: Transferring Payload in Multiple Chunks".
@Suite struct AWSChunkSignaturesTests {
    static let signed = SignedRequest(
        accessKeyId: "AKIAIOSFODNN7EXAMPLE",
        scopeDate: "20130524",
        region: "us-east-1",
        service: "s3",
        signedHeaders: ["host"],
        signature: "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9",
        amzDate: "20130524T000000Z"
    )
    static let signatures = [
        "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
        "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497",
        "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9",
    ]

    static func body(_ signatures: [String]) -> [UInt8] {
        let first =
            Array("10000;chunk-signature=\(signatures[0])\r\n".utf8) + Array(repeating: UInt8(ascii: "a"), count: 65536)
        let second =
            Array("\r\n400;chunk-signature=\(signatures[1])\r\n".utf8)
            + Array(repeating: UInt8(ascii: "a"), count: 1024)
        return first + second + Array("\r\n0;chunk-signature=\(signatures[2])\r\n\r\n".utf8)
    }

    static func decoder() -> AWSChunkedDecoder {
        let key = SignatureV4.signingKey(secret: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", signed)
        return AWSChunkedDecoder(signatures: AWSChunkSignatures(key: key, signed: signed))
    }

    @Test func acceptsAWSExampleChain() throws {
        var decoder = Self.decoder()
        var count = 0
        try Self.body(Self.signatures).withUnsafeBytes { raw in try decoder.feed(raw) { count += $0.count } }
        #expect(count == 66560)
        #expect(decoder.isComplete)
    }

    @Test func refusesAChunkSignedForOtherData() {
        var broken = Self.signatures
        broken.swapAt(0, 1)
        var decoder = Self.decoder()
        #expect(throws: AWSChunkedError.self) {
            try Self.body(broken).withUnsafeBytes { raw in try decoder.feed(raw) { _ in } }
        }
    }
}
