import Foundation

/// A loopback TCP port for a test's sluiced to listen on across a restart (agents come back to the address they
/// were given). Taken below the system's ephemeral range (32768 up): between the two starts, nothing binding port 0
/// beside it (the other suites' sluiced) can be given the same one.
enum FixedPort {
    static func pick() -> Int {
        let taken = portsInUse()
        for _ in 0..<200 {
            let port = Int.random(in: 20_000..<32_000)
            if !taken.contains(port) { return port }
        }
        return 31_999
    }

    /// Every local TCP port the kernel lists (listening, connected or closing), from /proc/net/tcp and tcp6. Read
    /// from the kernel's tables rather than tried with bind(2): building a sockaddr_in in this target sometimes
    /// fails to compile, its fields attributed to a module of SwiftNIO's the target does not import.
    static func portsInUse() -> Set<Int> {
        var ports: Set<Int> = []
        for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
            guard let text = try? String(contentsOfFile: table, encoding: .utf8) else { continue }
            // "  0: 0100007F:4E20 00000000:0000 0A ...": the second column is the local address, its port in hex.
            for line in text.split(separator: "\n").dropFirst() {
                let columns = line.split(separator: " ")
                guard columns.count > 1, let colon = columns[1].lastIndex(of: ":"),
                    let port = Int(columns[1][columns[1].index(after: colon)...], radix: 16)
                else { continue }
                ports.insert(port)
            }
        }
        return ports
    }
}
