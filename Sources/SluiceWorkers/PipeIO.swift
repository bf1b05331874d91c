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
        var chunk = [UInt8](repeating: 0, count: 65_536)
        var sawData = false
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                sawData = true
                let room = max(0, limit - buffer.count)
                if room >= n {
                    buffer.append(contentsOf: chunk[0..<n])
                } else {
                    buffer.append(contentsOf: chunk[0..<room])
                    overflow += n - room
                }
                continue
            }
            if n == 0 { return .endOfFile }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK { return sawData ? .data : .wouldBlock }
            return .endOfFile
        }
    }

    /// Writes as much of `pending` as the pipe takes; returns false when the reader has gone (EPIPE).
    static func write(_ fd: Int32, _ pending: inout ArraySlice<UInt8>) -> Bool {
        while !pending.isEmpty {
            let n = pending.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                pending = pending.dropFirst(n)
                continue
            }
            if n < 0, errno == EINTR { continue }
            if n < 0, errno == EAGAIN || errno == EWOULDBLOCK { return true }
            return false
        }
        return true
    }

    /// Splits complete lines off the front of `buffer`.
    static func takeLines(_ buffer: inout [UInt8]) -> [String] {
        var lines: [String] = []
        var start = 0
        for i in buffer.indices where buffer[i] == 0x0A {
            var end = i
            if end > start, buffer[end - 1] == 0x0D { end -= 1 }
            lines.append(String(decoding: buffer[start..<end], as: UTF8.self))
            start = i + 1
        }
        if start > 0 { buffer.removeFirst(start) }
        return lines
    }
}
