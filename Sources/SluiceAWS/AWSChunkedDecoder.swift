import SluiceVocabulary

/// Why an `aws-chunked` body could not be decoded (S3 answers InvalidRequest, or SignatureDoesNotMatch for a chunk
/// whose signature is not the one its data gives).
package struct AWSChunkedError: Error, Sendable, Equatable, CustomStringConvertible {
    package var description: String
    package var isSignatureMismatch = false
}

/// Takes the framing off an `aws-chunked` body as it arrives, so the object is stored as the client's bytes and
/// never with the frames inside it (boto3#4435).
///
/// The body is chunks, `HEX-SIZE[;chunk-signature=SIG]\r\n DATA \r\n`, ending with a chunk of size 0, then, when
/// the client sends trailing checksums (`STREAMING-UNSIGNED-PAYLOAD-TRAILER`), `name:value\r\n` lines and an empty
/// line. The decoder holds no more than one header line: data passes straight through to `emit`. With
/// `signatures` set (a `STREAMING-AWS4-HMAC-SHA256-PAYLOAD` upload) each chunk's signature is checked as the chunk
/// ends; the trailers are kept for the caller.
package struct AWSChunkedDecoder: Sendable {
    /// The longest chunk header or trailer line accepted, so a body without line ends cannot grow the decoder.
    package static let maximumLineLength = 4096

    private enum State: Sendable {
        case header
        case data(remaining: Int)
        case dataEnd(seen: Int)
        case trailers
        case done
    }

    private var state = State.header
    private var line: [UInt8] = []
    /// The decoded bytes so far.
    package private(set) var decodedCount: Int64 = 0
    /// The trailing headers (`x-amz-checksum-crc32`, ...), names lower-cased.
    package private(set) var trailers: [(name: String, value: String)] = []
    /// The signature chain to check chunks against; nil for unsigned chunks.
    package var signatures: AWSChunkSignatures?
    private var chunkSignature: String?
    private var chunkHash = SHA256()

    package init(signatures: AWSChunkSignatures? = nil) {
        self.signatures = signatures
    }

    /// Whether the final chunk has come (its trailers included, when the body ended after their last line).
    package var isComplete: Bool {
        switch state {
        case .done: true
        // A client may end the body after the last trailer without the closing empty line.
        case .trailers: line.isEmpty
        default: false
        }
    }

    /// Decodes `bytes`, handing each run of object bytes to `emit` in order.
    package mutating func feed(
        _ bytes: UnsafeRawBufferPointer,
        _ emit: (UnsafeRawBufferPointer) -> Void
    ) throws(AWSChunkedError) {
        var i = 0
        while i < bytes.count {
            switch state {
            case .header, .trailers:
                let byte = bytes[i]
                i += 1
                if byte == UInt8(ascii: "\n") {
                    try endLine()
                } else {
                    guard line.count < Self.maximumLineLength else {
                        throw AWSChunkedError(description: "an aws-chunked header line is too long")
                    }
                    line.append(byte)
                }
            case .data(let remaining):
                let count = min(remaining, bytes.count - i)
                let piece = UnsafeRawBufferPointer(rebasing: bytes[i..<i + count])
                if signatures != nil { chunkHash.update(piece) }
                emit(piece)
                decodedCount += Int64(count)
                i += count
                if remaining == count {
                    try checkSignature()
                    state = .dataEnd(seen: 0)
                } else {
                    state = .data(remaining: remaining - count)
                }
            case .dataEnd(let seen):
                let expected = seen == 0 ? UInt8(ascii: "\r") : UInt8(ascii: "\n")
                guard bytes[i] == expected else {
                    throw AWSChunkedError(description: "an aws-chunked chunk is longer than its size says")
                }
                i += 1
                state = seen == 0 ? .dataEnd(seen: 1) : .header
            case .done:
                guard bytes[i] == UInt8(ascii: "\r") || bytes[i] == UInt8(ascii: "\n") else {
                    throw AWSChunkedError(description: "bytes after the end of an aws-chunked body")
                }
                i += 1
            }
        }
    }

    private mutating func endLine() throws(AWSChunkedError) {
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        defer { line.removeAll(keepingCapacity: true) }
        if case .trailers = state {
            guard !line.isEmpty else {
                state = .done
                return
            }
            let text = String(decoding: line, as: UTF8.self)
            guard let colon = text.firstIndex(of: ":") else {
                throw AWSChunkedError(description: "an aws-chunked trailer is not name:value")
            }
            let value = text[text.index(after: colon)...].drop { $0 == " " }
            trailers.append((String(text[..<colon]).lowercased(), String(value)))
            return
        }
        let sizeText = line.prefix { $0 != UInt8(ascii: ";") }
        guard !sizeText.isEmpty, sizeText.count <= 16,
            let size = Int(String(decoding: sizeText, as: UTF8.self), radix: 16), size >= 0
        else {
            throw AWSChunkedError(description: "an aws-chunked chunk does not start with its size in hex")
        }
        chunkSignature = Self.signature(in: line)
        if size == 0 {
            try checkSignature()
            state = .trailers
        } else {
            state = .data(remaining: size)
        }
    }

    /// The chunk that just ended checked against the chain (nothing to check for unsigned chunks).
    private mutating func checkSignature() throws(AWSChunkedError) {
        guard var chain = signatures else { return }
        defer { chunkHash = SHA256() }
        guard chain.accept(dataHash: chunkHash.finalize(), claimed: chunkSignature) else {
            throw AWSChunkedError(
                description: "The chunk signature we calculated does not match the signature you provided",
                isSignatureMismatch: true
            )
        }
        signatures = chain
    }

    /// The `chunk-signature=` extension of a chunk header line.
    private static func signature(in line: [UInt8]) -> String? {
        let text = String(decoding: line, as: UTF8.self)
        for part in text.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0].trimmingPrefix(" ") == "chunk-signature" { return String(pair[1]) }
        }
        return nil
    }
}
