/// CRC-32 (IEEE 802.3, the zlib one): what the SDKs send by default as `x-amz-checksum-crc32` with an upload,
/// base64 of its four bytes, big-endian.
package struct CRC32: Sendable {
    private static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    private var state: UInt32 = 0xFFFF_FFFF

    package init() {}

    package mutating func update(_ bytes: UnsafeRawBufferPointer) {
        var crc = state
        Self.table.withUnsafeBufferPointer { table in
            for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        }
        state = crc
    }

    package var value: UInt32 { state ^ 0xFFFF_FFFF }

    /// The value as the `x-amz-checksum-crc32` header carries it.
    package var base64: String {
        let v = value
        return Base64.encode([UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)])
    }
}
