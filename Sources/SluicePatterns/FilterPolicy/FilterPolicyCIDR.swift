/// A `cidr` condition: the addresses from the one written (not masked) up to the top of its block.
struct FilterPolicyCIDR: Sendable, Equatable {
    let low: [UInt8]
    let high: [UInt8]

    /// Reads `address/bits` with AWS's checks and messages, in AWS's order.
    init(_ text: String) throws(FilterPolicyCompileError) {
        let parts = Self.javaSplit(text)
        guard parts.count == 2 else { throw .invalidArgument("Malformed CIDR, one '/' required") }
        guard let bits = Self.javaParseInt(parts[1]) else {
            throw .invalidArgument("Malformed CIDR, mask bits must be an integer")
        }
        guard bits >= 0 else { throw .invalidArgument("Malformed CIDR, mask bits must not be negative") }
        let address: [UInt8]
        switch FilterPolicyIPAddress.parse(parts[0]) {
        case .address(let bytes): address = bytes
        case .invalid: throw .invalidArgument("Invalid IP address: \(parts[0])")
        case .notAnAddress: throw .invalidArgument("Nonstandard IP address: \(parts[0])")
        }
        // AWS refuses /32 and /128 (a single address is written without a mask).
        if address.count == 4, bits > 31 { throw .invalidArgument("IPv4 mask bits must be < 32") }
        if address.count == 16, bits > 127 { throw .invalidArgument("IPv6 mask bits must be < 128") }
        var high = address
        var hostBits = address.count * 8 - bits
        for i in high.indices.reversed() where hostBits > 0 {
            high[i] |= hostBits >= 8 ? 0xFF : UInt8((1 << hostBits) - 1)
            hostBits -= 8
        }
        self.low = address
        self.high = high
    }

    func contains(_ address: [UInt8]) -> Bool {
        address.count == low.count && !address.lexicographicallyPrecedes(low)
            && !high.lexicographicallyPrecedes(address)
    }

    /// Java's `split("/")`: trailing empty pieces are dropped.
    private static func javaSplit(_ text: String) -> [String] {
        var parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        while let last = parts.last, last.isEmpty, parts.count > 1 { parts.removeLast() }
        if parts == [""] && text.contains("/") { return [] }
        return parts
    }

    /// Java's `Integer.parseInt`: an optional sign, then decimal digits, within 32 bits.
    private static func javaParseInt(_ text: String) -> Int? {
        var digits = Substring(text)
        var negative = false
        if let sign = digits.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            let magnitude = Int64(digits)
        else { return nil }
        let value = negative ? -magnitude : magnitude
        guard value >= Int64(Int32.min), value <= Int64(Int32.max) else { return nil }
        return Int(value)
    }
}
