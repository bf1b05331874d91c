import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A loopback TCP port for a test's sluiced to listen on across a restart (agents come back to the address they
/// were given). Taken below the system's ephemeral range (32768 up): between the two starts, nothing binding port 0
/// beside it (the other suites' sluiced) can be given the same one.
enum FixedPort {
    static func pick() -> Int {
        for _ in 0..<200 {
            let port = Int.random(in: 20_000..<32_000)
            if isFree(port) { return port }
        }
        return 31_999
    }

    static func isFree(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let length = socklen_t(MemoryLayout<sockaddr_in>.size)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 }
        }
    }
}
