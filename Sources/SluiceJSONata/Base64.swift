/// Base64 for $base64encode / $base64decode (the standard alphabet, with padding).
enum Base64 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let b0 = Int(bytes[i])
            let b1 = i + 1 < bytes.count ? Int(bytes[i + 1]) : 0
            let b2 = i + 2 < bytes.count ? Int(bytes[i + 2]) : 0
            out.append(alphabet[b0 >> 2])
            out.append(alphabet[((b0 & 3) << 4) | (b1 >> 4)])
            out.append(i + 1 < bytes.count ? alphabet[((b1 & 15) << 2) | (b2 >> 6)] : UInt8(ascii: "="))
            out.append(i + 2 < bytes.count ? alphabet[b2 & 63] : UInt8(ascii: "="))
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ s: String) -> [UInt8] {
        var values: [Int] = []
        for c in s.utf8 {
            if let i = alphabet.firstIndex(of: c) { values.append(i) }
        }
        var out: [UInt8] = []
        var i = 0
        while i + 1 < values.count {
            let v0 = values[i]
            let v1 = values[i + 1]
            out.append(UInt8((v0 << 2 | v1 >> 4) & 255))
            if i + 2 < values.count {
                let v2 = values[i + 2]
                out.append(UInt8(((v1 & 15) << 4 | v2 >> 2) & 255))
                if i + 3 < values.count { out.append(UInt8(((v2 & 3) << 6 | values[i + 3]) & 255)) }
            }
            i += 4
        }
        return out
    }
}
