/// IP address literals as event-ruler reads them (through Java's `InetAddress`).
///
/// Only text shaped like an address is considered (four dotted decimal runs, or hex digits and colons with at least
/// one colon); anything else is "nonstandard". IPv4 octets may not have leading zeros (Java refuses such ambiguous
/// literals), and an IPv4-mapped IPv6 address (`::ffff:a.b.c.d` in hex) reads as the IPv4 address, as Java does.
package enum IPAddress {
    /// Whether the text has the shape of an IPv4 or IPv6 literal (event-ruler's two regular expressions).
    package static func looksLikeAddress(_ text: Substring) -> Bool {
        looksLikeIPv4(text) || looksLikeIPv6(text)
    }

    /// The 4 or 16 bytes of an address literal, or nil when it is not one.
    package static func bytes(of text: Substring) -> [UInt8]? {
        if looksLikeIPv4(text) { return ipv4(text) }
        if looksLikeIPv6(text) { return ipv6(text) }
        return nil
    }

    private static func looksLikeIPv4(_ text: Substring) -> Bool {
        var runs = 0
        var digitsInRun = 0
        for byte in text.utf8 {
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                digitsInRun += 1
            } else if byte == UInt8(ascii: ".") {
                guard digitsInRun > 0 else { return false }
                runs += 1
                digitsInRun = 0
            } else {
                return false
            }
        }
        return runs == 3 && digitsInRun > 0
    }

    private static func looksLikeIPv6(_ text: Substring) -> Bool {
        var colon = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: ":"): colon = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
                UInt8(ascii: "A")...UInt8(ascii: "F"):
                continue
            default: return false
            }
        }
        return colon
    }

    private static func ipv4(_ text: Substring) -> [UInt8]? {
        var result: [UInt8] = []
        for part in text.split(separator: ".", omittingEmptySubsequences: false) {
            guard part.count <= 3, !(part.count > 1 && part.first == "0"), let value = Int(part), value <= 255 else {
                return nil
            }
            result.append(UInt8(value))
        }
        return result.count == 4 ? result : nil
    }

    private static func ipv6(_ text: Substring) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        var head: [UInt16] = []
        var tail: [UInt16] = []
        var sawGap = false
        var i = 0
        if utf8.starts(with: [UInt8(ascii: ":"), UInt8(ascii: ":")]) {
            sawGap = true
            i = 2
        } else if utf8.first == UInt8(ascii: ":") {
            return nil
        }
        while i < utf8.count {
            var value: UInt16 = 0
            var digits = 0
            while i < utf8.count, let digit = hexValue(utf8[i]) {
                guard digits < 4 else { return nil }
                value = value << 4 | UInt16(digit)
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            if sawGap { tail.append(value) } else { head.append(value) }
            guard i < utf8.count else { break }
            // Here utf8[i] is a colon (the shape check admits nothing else).
            i += 1
            if i < utf8.count, utf8[i] == UInt8(ascii: ":") {
                guard !sawGap else { return nil }
                sawGap = true
                i += 1
            } else if i == utf8.count {
                return nil
            }
        }
        let groups = head.count + tail.count
        if sawGap { guard groups < 8 else { return nil } } else { guard groups == 8 else { return nil } }
        let all = head + Array(repeating: 0, count: 8 - groups) + tail
        var bytes: [UInt8] = []
        for group in all { bytes += [UInt8(group >> 8), UInt8(group & 0xFF)] }
        if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF { return Array(bytes[12...]) }
        return bytes
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
