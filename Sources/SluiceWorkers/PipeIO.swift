import SluiceLinux

#if canImport(Glibc)
    import Glibc
#endif

/// Non-blocking reads and writes on pipe ends, for the poll loops that drive workers.
enum PipeIO {
    enum ReadResult {
        case data
        case wouldBlock
        case endOfFile
    }

    /// Reads what is available into `buffer`, keeping at most `limit` bytes (the rest is drained and counted in
    /// `overflow`, so a runaway writer can neither block nor exhaust memory).
    static func read(_ fd: Int32, into buffer: inout [UInt8], limit: Int, overflow: inout Int) -> ReadResult {
        // Uninitialized: zeroing a 64 KiB array for every read showed in sluiced's profile (a read per answer).
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 65_536) { chunk in
            var sawData = false
            while true {
                let result = Posix.retryingNonBlocking("read") { Glibc.read(fd, chunk.baseAddress, chunk.count) }
                guard case .success(let read) = result else { return .endOfFile }
                guard let n = read else { return sawData ? .data : .wouldBlock }
                if n > 0 {
                    sawData = true
                    let room = max(0, limit - buffer.count)
                    buffer.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[0..<min(n, room)]))
                    if room < n { overflow += n - room }
                    continue
                }
                return .endOfFile
            }
        }
    }

    /// Writes as much of `pending` as the pipe takes; returns false when the reader has gone (EPIPE).
    static func write(_ fd: Int32, _ pending: inout ArraySlice<UInt8>) -> Bool {
        while !pending.isEmpty {
            let result = pending.withUnsafeBytes { bytes in
                Posix.retryingNonBlocking("write") { Glibc.write(fd, bytes.baseAddress, bytes.count) }
            }
            guard case .success(let written) = result else { return false }
            guard let n = written else { return true }
            guard n > 0 else { return false }
            pending = pending.dropFirst(n)
        }
        return true
    }

    /// Splits complete lines off the front of `buffer`, as their bytes (a CR before the LF dropped): a worker's
    /// answers, parsed from bytes, gain nothing from a String on the way (a copy and a UTF-8 check of each).
    static func takeLineBytes(_ buffer: inout [UInt8]) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var start = 0
        buffer.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return }
            // memchr, not a byte loop: an answer is a batch's results on one line (~20 KB for 500 rows).
            while start < bytes.count, let found = memchr(base + start, 0x0A, bytes.count - start) {
                let i = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                var end = i
                if end > start, bytes[end - 1] == 0x0D { end -= 1 }
                lines.append(Array(UnsafeBufferPointer(rebasing: bytes[start..<end])))
                start = i + 1
            }
        }
        if start > 0 { buffer.removeFirst(start) }
        return lines
    }

    /// Splits complete lines off the front of `buffer`, as text (invalid UTF-8 repaired).
    static func takeLines(_ buffer: inout [UInt8]) -> [String] {
        takeLineBytes(&buffer).map { String(decoding: $0, as: UTF8.self) }
    }
}
