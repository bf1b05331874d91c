/// S3's rules for general purpose bucket names.
package enum BucketName {
    /// What is wrong with `name` as a bucket name; nil when nothing is.
    package static func problem(_ name: String) -> String? {
        let bytes = Array(name.utf8)
        guard (3...63).contains(bytes.count) else { return "a bucket name has 3 to 63 characters" }
        func allowed(_ b: UInt8) -> Bool {
            (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2E || b == 0x2D
        }
        func alphanumeric(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) }
        guard bytes.allSatisfy(allowed) else {
            return "a bucket name has only lowercase letters, digits, dots (.) and hyphens (-)"
        }
        guard let first = bytes.first, let last = bytes.last, alphanumeric(first), alphanumeric(last) else {
            return "a bucket name begins and ends with a letter or digit"
        }
        if name.contains("..") { return "a bucket name has no two dots in a row" }
        let octets = name.split(separator: ".", omittingEmptySubsequences: false)
        if octets.count == 4, octets.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) {
            return "a bucket name is not an IP address"
        }
        for prefix in ["xn--", "sthree-", "amzn-s3-demo-"] where name.hasPrefix(prefix) {
            return "a bucket name does not begin with '\(prefix)'"
        }
        for suffix in ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"] where name.hasSuffix(suffix) {
            return "a bucket name does not end with '\(suffix)'"
        }
        return nil
    }
}
