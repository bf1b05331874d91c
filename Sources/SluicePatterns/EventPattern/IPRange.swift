/// An inclusive range of IP addresses: a `cidr` operand, or a single address written as a plain string value, which
/// event-ruler turns into a one-address range (so `"2001:db8::1"` also matches the address written out in full).
package struct IPRange: Hashable, Sendable {
    /// Lowest address, 4 bytes or 16.
    package let lower: [UInt8]
    /// Highest address, as long as `lower`.
    package let upper: [UInt8]

    /// Why a `cidr` operand is refused, with event-ruler's message.
    package struct SyntaxError: Error, Sendable {
        /// The reason, as AWS words it.
        package let message: String
    }

    /// The one-address range of an address literal, or nil when the text is not one.
    package init?(address text: String) {
        guard let bytes = IPAddress.bytes(of: text[...]) else { return nil }
        lower = bytes
        upper = bytes
    }

    /// Parses a CIDR block. As in event-ruler, the range starts at the address as written (host bits are not
    /// cleared) and runs to that address with every host bit set; a full-length mask is refused.
    package init(cidr text: String) throws(SyntaxError) {
        // Java's String.split drops trailing empty parts, so "10.0.0.0/" has one part, not two.
        var parts = text.split(separator: "/", omittingEmptySubsequences: false)
        while let last = parts.last, last.isEmpty { parts.removeLast() }
        guard parts.count == 2 else { throw SyntaxError(message: "Malformed CIDR, one '/' required") }
        guard let bits = Self.javaInteger(parts[1]) else {
            throw SyntaxError(message: "Malformed CIDR, mask bits must be an integer")
        }
        guard bits >= 0 else { throw SyntaxError(message: "Malformed CIDR, mask bits must not be negative") }
        let address = parts[0]
        guard IPAddress.looksLikeAddress(address) else {
            throw SyntaxError(message: "Nonstandard IP address: \(address)")
        }
        guard let bytes = IPAddress.bytes(of: address) else {
            throw SyntaxError(message: "Invalid IP address: \(address)")
        }
        if bytes.count == 4, bits > 31 { throw SyntaxError(message: "IPv4 mask bits must be < 32") }
        if bytes.count == 16, bits > 127 { throw SyntaxError(message: "IPv6 mask bits must be < 128") }
        var hostBits = bytes.count * 8 - bits
        var top = bytes
        for i in stride(from: top.count - 1, through: 0, by: -1) {
            if hostBits >= 8 {
                top[i] = 0xFF
            } else if hostBits > 0 {
                top[i] |= UInt8((1 << hostBits) - 1)
            }
            hostBits -= 8
        }
        lower = bytes
        upper = top
    }

    /// Whether the address (4 or 16 bytes) lies in the range; v4 and v6 never mix.
    package func contains(_ address: [UInt8]) -> Bool {
        address.count == lower.count && !address.lexicographicallyPrecedes(lower)
            && !upper.lexicographicallyPrecedes(address)
    }

    /// `Integer.parseInt`: an optional sign and ASCII digits, within 32 bits.
    private static func javaInteger(_ text: Substring) -> Int? {
        guard let value = Int32(text) else { return nil }
        return Int(value)
    }
}
