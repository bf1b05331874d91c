import SluiceAWS
import SluiceLinux

/// A response body read from a file in 1 MiB pieces, so that a large object never sits in memory whole.
enum FileBodyReader {
    static let chunkSize = 1 << 20

    static func stream(_ file: BodyFile, _ send: ([UInt8]) async throws -> Void) async throws {
        let fd: Int32
        switch Posix.openForReading(file.path) {
        case .success(let opened): fd = opened
        case .failure(let errno): throw APISpoolError(description: "cannot open \(file.path): \(errno)")
        }
        defer { Posix.closeFile(fd) }
        var offset = file.offset
        var left = file.count
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        while left > 0 {
            let want = Int(min(Int64(chunkSize), left))
            let got = buffer.withUnsafeMutableBytes {
                Posix.readAt(fd, into: $0.baseAddress!, count: want, offset: Int(offset))
            }
            guard got > 0 else { throw APISpoolError(description: "\(file.path) ended early at byte \(offset)") }
            try await send(Array(buffer[0..<got]))
            offset += Int64(got)
            left -= Int64(got)
        }
    }
}
