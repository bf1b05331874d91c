/// IP address literals as AWS's filter engine recognises them, in policies and in message values.
///
/// Only two shapes count as addresses: four dot-separated decimal numbers, and hex digits with at least one colon
/// (so no embedded IPv4 in IPv6 and no zone). A string of either shape that does not parse is an *invalid* address;
/// any other string is *not an address* at all. The difference shows in CIDR error messages.
enum FilterPolicyIPAddress {
    enum Parsed: Equatable {
        case notAnAddress
        case invalid
        /// 4 bytes for IPv4 (also IPv4-mapped IPv6), 16 for IPv6.
        case address([UInt8])
    }

    static func parse(_ text: String) -> Parsed {
        let bytes = Array(text.utf8)
        if hasIPv4Shape(bytes) { return ipv4(bytes).map(Parsed.address) ?? .invalid }
        if hasIPv6Shape(bytes) { return ipv6(bytes).map(Parsed.address) ?? .invalid }
        return .notAnAddress
    }

    /// The address bytes of `text`, or nil when it is not a valid address literal.
    static func bytes(_ text: String) -> [UInt8]? {
        if case .address(let bytes) = parse(text) { return bytes }
        return nil
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    private static func hexValue(_ b: UInt8) -> UInt16? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt16(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt16(b - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt16(b - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// `[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+`
    private static func hasIPv4Shape(_ bytes: [UInt8]) -> Bool {
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(isDigit) }
    }

    /// `[0-9a-fA-F:]*:[0-9a-fA-F:]*`
    private static func hasIPv6Shape(_ bytes: [UInt8]) -> Bool {
        bytes.contains(UInt8(ascii: ":")) && bytes.allSatisfy { $0 == UInt8(ascii: ":") || hexValue($0) != nil }
    }

    private static func ipv4(_ bytes: [UInt8]) -> [UInt8]? {
        var result: [UInt8] = []
        for part in bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
            // Leading zeros are decimal, as Java's address parser reads them.
            var value = 0
            for digit in part {
                value = value * 10 + Int(digit - UInt8(ascii: "0"))
                if value > 255 { return nil }
            }
            result.append(UInt8(value))
        }
        return result
    }

    private static func ipv6(_ bytes: [UInt8]) -> [UInt8]? {
        let text = String(decoding: bytes, as: UTF8.self)
        let halves = text.split(separator: "::", omittingEmptySubsequences: false)
        guard halves.count <= 2 else { return nil }
        guard let head = groups(halves[0]) else { return nil }
        var words = head
        if halves.count == 2 {
            guard let tail = groups(halves[1]), head.count + tail.count <= 7 else { return nil }
            words += Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        } else if words.count != 8 {
            return nil
        }
        var result: [UInt8] = []
        for word in words { result += [UInt8(word >> 8), UInt8(word & 0xFF)] }
        // Java hands back an IPv4 address for ::ffff:a.b.c.d written in hex, and AWS compares that form.
        if result[0..<10].allSatisfy({ $0 == 0 }), result[10] == 0xFF, result[11] == 0xFF {
            return Array(result[12...])
        }
        return result
    }

    /// Colon-separated groups of one to four hex digits; an empty text has none.
    private static func groups(_ text: Substring) -> [UInt16]? {
        if text.isEmpty { return [] }
        var words: [UInt16] = []
        for group in text.split(separator: ":", omittingEmptySubsequences: false) {
            guard (1...4).contains(group.utf8.count) else { return nil }
            var word: UInt16 = 0
            for b in group.utf8 {
                guard let digit = hexValue(b) else { return nil }
                word = word << 4 | digit
            }
            words.append(word)
        }
        return words
    }
}
