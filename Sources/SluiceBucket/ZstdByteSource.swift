import CZstd

/// Decompresses Zstandard content as it is read; concatenated frames follow one another.
final class ZstdByteSource: ByteSource {
    private let input: any ByteSource
    private let location: ObjectLocation
    private let stream: OpaquePointer
    private let inputBuffer: UnsafeMutableRawBufferPointer
    private var pending = ZSTD_inBuffer(src: nil, size: 0, pos: 0)
    private var inputEnded = false
    // ZSTD_decompressStream returns 0 exactly when a frame is complete; anything else at the end means truncation.
    private var frameComplete = true

    init(input: any ByteSource, location: ObjectLocation) throws(ItemReaderError) {
        self.input = input
        self.location = location
        guard let stream = ZSTD_createDStream() else { throw location.error("zstd could not start decompressing") }
        self.stream = stream
        inputBuffer = .allocate(byteCount: 256 * 1024, alignment: 16)
        ZSTD_initDStream(stream)
    }

    deinit {
        ZSTD_freeDStream(stream)
        inputBuffer.deallocate()
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ItemReaderError) -> Int {
        guard let out = buffer.baseAddress, buffer.count > 0 else { return 0 }
        var output = ZSTD_outBuffer(dst: out, size: buffer.count, pos: 0)
        while output.pos == 0 {
            if pending.pos == pending.size && !inputEnded {
                let n = try input.read(into: inputBuffer)
                if n == 0 {
                    inputEnded = true
                } else {
                    pending = ZSTD_inBuffer(src: inputBuffer.baseAddress, size: n, pos: 0)
                }
            }
            let consumedBefore = pending.pos
            // Called even without new input: the decoder may still hold output that did not fit last time.
            let hint = ZSTD_decompressStream(stream, &output, &pending)
            if ZSTD_isError(hint) != 0 {
                throw location.error("the zstd content is corrupt (\(String(cString: ZSTD_getErrorName(hint))))")
            }
            let progressed = output.pos > 0 || pending.pos != consumedBefore
            if progressed { frameComplete = hint == 0 }
            if !progressed && inputEnded {
                guard frameComplete else {
                    throw location.error("the zstd content ends before its frame does (the file is truncated)")
                }
                break
            }
        }
        return output.pos
    }
}
