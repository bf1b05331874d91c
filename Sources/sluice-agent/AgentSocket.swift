import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// One TCP connection to sluiced, blocking: one thread reads lines, any thread sends whole lines.
final class AgentSocket: Sendable {
    private let fd: Int32
    private let sending = Mutex(())
    private let buffer = Mutex<[UInt8]>([])

    private init(fd: Int32) { self.fd = fd }

    deinit { close(fd) }

    /// Connects to HOST:PORT (the host a name or an address); nil when nothing answers.
    static func connect(host: String, port: String) -> AgentSocket? {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, port, &hints, &list) == 0, let first = list else { return nil }
        defer { freeaddrinfo(list) }
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let info = entry {
            entry = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            guard fd >= 0 else { continue }
            if Glibc.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 {
                var one: Int32 = 1
                _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                return AgentSocket(fd: fd)
            }
            close(fd)
        }
        return nil
    }

    /// Sends one whole line; false once the connection is gone.
    @discardableResult
    func send(_ line: [UInt8]) -> Bool {
        sending.withLock { _ in
            var offset = 0
            while offset < line.count {
                let n = line.withUnsafeBytes {
                    Glibc.send(fd, $0.baseAddress! + offset, line.count - offset, Int32(MSG_NOSIGNAL))
                }
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { return false }
                offset += n
            }
            return true
        }
    }

    /// The next line without its newline; nil at the end of the connection. One reader at a time.
    func readLine() -> [UInt8]? {
        var pending = buffer.withLock { buffer in
            defer { buffer = [] }
            return buffer
        }
        var searched = 0
        while true {
            if let newline = pending[searched...].firstIndex(of: 0x0A) {
                let line = Array(pending[..<newline])
                let rest = Array(pending[(newline + 1)...])
                buffer.withLock { $0 = rest }
                return line
            }
            searched = pending.count
            var chunk = [UInt8](repeating: 0, count: 64 * 1024)
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return nil }
            pending.append(contentsOf: chunk[..<n])
        }
    }

    /// Ends the connection both ways: the reader sees its end, senders fail.
    func shutdown() { _ = Glibc.shutdown(fd, Int32(SHUT_RDWR)) }
}
