/// encodeURI / encodeURIComponent / decodeURI / decodeURIComponent, for the $encodeUrl family.
enum URLCoding {
    static let componentSafe = Set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()".unicodeScalars
    )
    static let uriSafe = componentSafe.union(Set(";,/?:@&=+$#".unicodeScalars))

    static func encode(_ s: String, keep: Set<Unicode.Scalar>) -> String {
        var out = ""
        let hex = Array("0123456789ABCDEF")
        for u in s.unicodeScalars {
            if keep.contains(u) {
                out.unicodeScalars.append(u)
            } else {
                for b in String(u).utf8 {
                    out.append("%")
                    out.append(hex[Int(b >> 4)])
                    out.append(hex[Int(b & 15)])
                }
            }
        }
        return out
    }

    /// Nil for a malformed escape or invalid UTF-8 (URIError in JavaScript).
    static func decode(_ s: String, reserved: Set<Unicode.Scalar>) -> String? {
        let chars = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < chars.count {
            guard chars[i] == "%" else {
                out.append(chars[i])
                i += 1
                continue
            }
            var bytes: [UInt8] = []
            var j = i
            repeat {
                guard j + 2 < chars.count,
                    let b = UInt8(String(String.UnicodeScalarView([chars[j + 1], chars[j + 2]])), radix: 16)
                else { return nil }
                bytes.append(b)
                j += 3
            } while j < chars.count && chars[j] == "%" && bytes.first! >= 0x80 && !complete(bytes)
            if bytes.count == 1, bytes[0] < 0x80 {
                let u = Unicode.Scalar(bytes[0])
                if reserved.contains(u) {
                    out.append(contentsOf: chars[i..<j])
                } else {
                    out.append(u)
                }
                i = j
                continue
            }
            guard complete(bytes), let decoded = String(validating: bytes, as: UTF8.self) else { return nil }
            out.append(contentsOf: decoded.unicodeScalars)
            i = j
        }
        return String(out)
    }

    private static func complete(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first else { return false }
        let need: Int
        if first < 0x80 {
            need = 1
        } else if first >> 5 == 0b110 {
            need = 2
        } else if first >> 4 == 0b1110 {
            need = 3
        } else if first >> 3 == 0b11110 {
            need = 4
        } else {
            return true
        }
        return bytes.count >= need
    }
}
