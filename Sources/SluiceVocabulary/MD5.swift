/// MD5 (RFC 1321), streamed: `States.Hash` digests a string with it, and the buckets make S3 ETags with it (the
/// ETag of an object uploaded in one part is the hex MD5 of its content).
///
/// Written here because the pure modules may not link a crypto library, Linux Foundation has no CryptoKit, and the
/// package takes no crypto dependency for one hash that is not used for security.
package struct MD5 {
    private var state: (UInt32, UInt32, UInt32, UInt32) = (0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476)
    private var pending: [UInt8] = []
    private var length: UInt64 = 0

    package init() {}

    /// The 16-byte digest of `message` in one go.
    package static func digest(_ message: [UInt8]) -> [UInt8] {
        var md5 = MD5()
        message.withUnsafeBytes { md5.update($0) }
        return md5.finalize()
    }

    package mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        length &+= UInt64(bytes.count)
        var offset = 0
        if !pending.isEmpty {
            let take = min(64 - pending.count, bytes.count)
            pending.append(contentsOf: bytes[0..<take])
            offset = take
            guard pending.count == 64 else { return }
            pending.withUnsafeBytes { compress($0.baseAddress!) }
            pending.removeAll(keepingCapacity: true)
        }
        while bytes.count - offset >= 64 {
            compress(bytes.baseAddress! + offset)
            offset += 64
        }
        if offset < bytes.count { pending.append(contentsOf: bytes[offset...]) }
    }

    /// The 16-byte digest. The hash is spent afterwards.
    package mutating func finalize() -> [UInt8] {
        let bitLength = length &* 8
        var tail: [UInt8] = [0x80]
        while (pending.count + tail.count) % 64 != 56 { tail.append(0) }
        for i in 0..<8 { tail.append(UInt8(truncatingIfNeeded: bitLength >> (8 * UInt64(i)))) }
        let savedLength = length
        tail.withUnsafeBytes { update($0) }
        length = savedLength
        var out: [UInt8] = []
        out.reserveCapacity(16)
        for word in [state.0, state.1, state.2, state.3] {
            for i in 0..<4 { out.append(UInt8(truncatingIfNeeded: word >> (8 * UInt32(i)))) }
        }
        return out
    }

    /// The digest as 32 lowercase hex digits.
    package mutating func finalizeHex() -> String {
        Hex.lowercase(finalize())
    }

    private mutating func compress(_ block: UnsafeRawPointer) {
        // A stack buffer: one heap allocation per 64-byte block would dominate the cost.
        state = withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 16) { m in
            for i in 0..<16 {
                m[i] = UInt32(littleEndian: block.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self))
            }
            return Self.rounds(state, m)
        }
    }

    /// The 64 steps of RFC 1321 written out, each with its constant, message word and shift: a loop over tables
    /// with a switch per step hashed at under 200 MB/s, and the watcher hashes every object to make its ETag.
    private static func rounds(
        _ state: (UInt32, UInt32, UInt32, UInt32),
        _ m: UnsafeMutableBufferPointer<UInt32>
    ) -> (UInt32, UInt32, UInt32, UInt32) {
        var (a, b, c, d) = state
        a = b &+ Self.rotate(a &+ Self.F(b, c, d) &+ 0xd76a_a478 &+ m[0], 7)
        d = a &+ Self.rotate(d &+ Self.F(a, b, c) &+ 0xe8c7_b756 &+ m[1], 12)
        c = d &+ Self.rotate(c &+ Self.F(d, a, b) &+ 0x2420_70db &+ m[2], 17)
        b = c &+ Self.rotate(b &+ Self.F(c, d, a) &+ 0xc1bd_ceee &+ m[3], 22)
        a = b &+ Self.rotate(a &+ Self.F(b, c, d) &+ 0xf57c_0faf &+ m[4], 7)
        d = a &+ Self.rotate(d &+ Self.F(a, b, c) &+ 0x4787_c62a &+ m[5], 12)
        c = d &+ Self.rotate(c &+ Self.F(d, a, b) &+ 0xa830_4613 &+ m[6], 17)
        b = c &+ Self.rotate(b &+ Self.F(c, d, a) &+ 0xfd46_9501 &+ m[7], 22)
        a = b &+ Self.rotate(a &+ Self.F(b, c, d) &+ 0x6980_98d8 &+ m[8], 7)
        d = a &+ Self.rotate(d &+ Self.F(a, b, c) &+ 0x8b44_f7af &+ m[9], 12)
        c = d &+ Self.rotate(c &+ Self.F(d, a, b) &+ 0xffff_5bb1 &+ m[10], 17)
        b = c &+ Self.rotate(b &+ Self.F(c, d, a) &+ 0x895c_d7be &+ m[11], 22)
        a = b &+ Self.rotate(a &+ Self.F(b, c, d) &+ 0x6b90_1122 &+ m[12], 7)
        d = a &+ Self.rotate(d &+ Self.F(a, b, c) &+ 0xfd98_7193 &+ m[13], 12)
        c = d &+ Self.rotate(c &+ Self.F(d, a, b) &+ 0xa679_438e &+ m[14], 17)
        b = c &+ Self.rotate(b &+ Self.F(c, d, a) &+ 0x49b4_0821 &+ m[15], 22)
        a = b &+ Self.rotate(a &+ Self.G(b, c, d) &+ 0xf61e_2562 &+ m[1], 5)
        d = a &+ Self.rotate(d &+ Self.G(a, b, c) &+ 0xc040_b340 &+ m[6], 9)
        c = d &+ Self.rotate(c &+ Self.G(d, a, b) &+ 0x265e_5a51 &+ m[11], 14)
        b = c &+ Self.rotate(b &+ Self.G(c, d, a) &+ 0xe9b6_c7aa &+ m[0], 20)
        a = b &+ Self.rotate(a &+ Self.G(b, c, d) &+ 0xd62f_105d &+ m[5], 5)
        d = a &+ Self.rotate(d &+ Self.G(a, b, c) &+ 0x0244_1453 &+ m[10], 9)
        c = d &+ Self.rotate(c &+ Self.G(d, a, b) &+ 0xd8a1_e681 &+ m[15], 14)
        b = c &+ Self.rotate(b &+ Self.G(c, d, a) &+ 0xe7d3_fbc8 &+ m[4], 20)
        a = b &+ Self.rotate(a &+ Self.G(b, c, d) &+ 0x21e1_cde6 &+ m[9], 5)
        d = a &+ Self.rotate(d &+ Self.G(a, b, c) &+ 0xc337_07d6 &+ m[14], 9)
        c = d &+ Self.rotate(c &+ Self.G(d, a, b) &+ 0xf4d5_0d87 &+ m[3], 14)
        b = c &+ Self.rotate(b &+ Self.G(c, d, a) &+ 0x455a_14ed &+ m[8], 20)
        a = b &+ Self.rotate(a &+ Self.G(b, c, d) &+ 0xa9e3_e905 &+ m[13], 5)
        d = a &+ Self.rotate(d &+ Self.G(a, b, c) &+ 0xfcef_a3f8 &+ m[2], 9)
        c = d &+ Self.rotate(c &+ Self.G(d, a, b) &+ 0x676f_02d9 &+ m[7], 14)
        b = c &+ Self.rotate(b &+ Self.G(c, d, a) &+ 0x8d2a_4c8a &+ m[12], 20)
        a = b &+ Self.rotate(a &+ Self.H(b, c, d) &+ 0xfffa_3942 &+ m[5], 4)
        d = a &+ Self.rotate(d &+ Self.H(a, b, c) &+ 0x8771_f681 &+ m[8], 11)
        c = d &+ Self.rotate(c &+ Self.H(d, a, b) &+ 0x6d9d_6122 &+ m[11], 16)
        b = c &+ Self.rotate(b &+ Self.H(c, d, a) &+ 0xfde5_380c &+ m[14], 23)
        a = b &+ Self.rotate(a &+ Self.H(b, c, d) &+ 0xa4be_ea44 &+ m[1], 4)
        d = a &+ Self.rotate(d &+ Self.H(a, b, c) &+ 0x4bde_cfa9 &+ m[4], 11)
        c = d &+ Self.rotate(c &+ Self.H(d, a, b) &+ 0xf6bb_4b60 &+ m[7], 16)
        b = c &+ Self.rotate(b &+ Self.H(c, d, a) &+ 0xbebf_bc70 &+ m[10], 23)
        a = b &+ Self.rotate(a &+ Self.H(b, c, d) &+ 0x289b_7ec6 &+ m[13], 4)
        d = a &+ Self.rotate(d &+ Self.H(a, b, c) &+ 0xeaa1_27fa &+ m[0], 11)
        c = d &+ Self.rotate(c &+ Self.H(d, a, b) &+ 0xd4ef_3085 &+ m[3], 16)
        b = c &+ Self.rotate(b &+ Self.H(c, d, a) &+ 0x0488_1d05 &+ m[6], 23)
        a = b &+ Self.rotate(a &+ Self.H(b, c, d) &+ 0xd9d4_d039 &+ m[9], 4)
        d = a &+ Self.rotate(d &+ Self.H(a, b, c) &+ 0xe6db_99e5 &+ m[12], 11)
        c = d &+ Self.rotate(c &+ Self.H(d, a, b) &+ 0x1fa2_7cf8 &+ m[15], 16)
        b = c &+ Self.rotate(b &+ Self.H(c, d, a) &+ 0xc4ac_5665 &+ m[2], 23)
        a = b &+ Self.rotate(a &+ Self.I(b, c, d) &+ 0xf429_2244 &+ m[0], 6)
        d = a &+ Self.rotate(d &+ Self.I(a, b, c) &+ 0x432a_ff97 &+ m[7], 10)
        c = d &+ Self.rotate(c &+ Self.I(d, a, b) &+ 0xab94_23a7 &+ m[14], 15)
        b = c &+ Self.rotate(b &+ Self.I(c, d, a) &+ 0xfc93_a039 &+ m[5], 21)
        a = b &+ Self.rotate(a &+ Self.I(b, c, d) &+ 0x655b_59c3 &+ m[12], 6)
        d = a &+ Self.rotate(d &+ Self.I(a, b, c) &+ 0x8f0c_cc92 &+ m[3], 10)
        c = d &+ Self.rotate(c &+ Self.I(d, a, b) &+ 0xffef_f47d &+ m[10], 15)
        b = c &+ Self.rotate(b &+ Self.I(c, d, a) &+ 0x8584_5dd1 &+ m[1], 21)
        a = b &+ Self.rotate(a &+ Self.I(b, c, d) &+ 0x6fa8_7e4f &+ m[8], 6)
        d = a &+ Self.rotate(d &+ Self.I(a, b, c) &+ 0xfe2c_e6e0 &+ m[15], 10)
        c = d &+ Self.rotate(c &+ Self.I(d, a, b) &+ 0xa301_4314 &+ m[6], 15)
        b = c &+ Self.rotate(b &+ Self.I(c, d, a) &+ 0x4e08_11a1 &+ m[13], 21)
        a = b &+ Self.rotate(a &+ Self.I(b, c, d) &+ 0xf753_7e82 &+ m[4], 6)
        d = a &+ Self.rotate(d &+ Self.I(a, b, c) &+ 0xbd3a_f235 &+ m[11], 10)
        c = d &+ Self.rotate(c &+ Self.I(d, a, b) &+ 0x2ad7_d2bb &+ m[2], 15)
        b = c &+ Self.rotate(b &+ Self.I(c, d, a) &+ 0xeb86_d391 &+ m[9], 21)
        return (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d)
    }

    // F and G as selections written with one operation less than RFC 1321's (the same values): each step's chain
    // of dependent operations is what bounds the speed. Masking shifts (`&<<`) need no check of the shift count.
    @inline(__always) private static func F(_ x: UInt32, _ y: UInt32, _ z: UInt32) -> UInt32 { z ^ (x & (y ^ z)) }
    @inline(__always) private static func G(_ x: UInt32, _ y: UInt32, _ z: UInt32) -> UInt32 { y ^ (z & (x ^ y)) }
    @inline(__always) private static func H(_ x: UInt32, _ y: UInt32, _ z: UInt32) -> UInt32 { x ^ y ^ z }
    @inline(__always) private static func I(_ x: UInt32, _ y: UInt32, _ z: UInt32) -> UInt32 { y ^ (x | ~z) }
    @inline(__always) private static func rotate(_ x: UInt32, _ s: UInt32) -> UInt32 { (x &<< s) | (x &>> (32 - s)) }
}
