import CZlib

/// Inflates gzip (or zlib) content as it is read, member after member, as `gzip -d` does for concatenated files.
final class GzipByteSource: ByteSource {
    private let input: any ByteSource
    private let location: ObjectLocation
    // zlib keeps a pointer back to the stream and refuses calls through another address, so it lives on the heap.
    private let stream: UnsafeMutablePointer<z_stream>
    private let inputBuffer: UnsafeMutableRawBufferPointer
    private var inputEnded = false
    private var memberEnded = false

    init(input: any ByteSource, location: ObjectLocation) throws(ItemReaderError) {
        self.input = input
        self.location = location
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        inputBuffer = .allocate(byteCount: 256 * 1024, alignment: 16)
        guard sluice_inflate_init_auto(stream) == Z_OK else {
            stream.deallocate()
            inputBuffer.deallocate()
            throw location.error("zlib could not start inflating")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
        inputBuffer.deallocate()
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ItemReaderError) -> Int {
        guard let out = buffer.baseAddress, buffer.count > 0 else { return 0 }
        stream.pointee.next_out = out.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = uInt(min(buffer.count, Int(UInt32.max)))
        let requested = Int(stream.pointee.avail_out)
        while Int(stream.pointee.avail_out) == requested {
            if stream.pointee.avail_in == 0 && !inputEnded {
                let n = try input.read(into: inputBuffer)
                if n == 0 {
                    inputEnded = true
                } else {
                    stream.pointee.next_in = inputBuffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
                    stream.pointee.avail_in = uInt(n)
                }
            }
            if memberEnded {
                guard stream.pointee.avail_in > 0 else { break }
                // More bytes after a complete member start the next member.
                guard inflateReset(stream) == Z_OK else { throw location.error("zlib could not restart inflating") }
                memberEnded = false
            }
            let inBefore = stream.pointee.avail_in
            // Called even without new input: zlib may still hold output that did not fit last time.
            let status = inflate(stream, Z_NO_FLUSH)
            switch status {
            case Z_STREAM_END:
                memberEnded = true
            case Z_OK, Z_BUF_ERROR:
                let stalled = stream.pointee.avail_in == inBefore && Int(stream.pointee.avail_out) == requested
                if stalled && inputEnded {
                    throw location.error("the gzip content ends before its end marker (the file is truncated)")
                }
            default:
                let detail = stream.pointee.msg.map { String(cString: $0) } ?? "error \(status)"
                throw location.error("the gzip content is corrupt (\(detail))")
            }
        }
        let produced = requested - Int(stream.pointee.avail_out)
        return produced
    }
}
