/// S3's bucket naming rules (general purpose buckets): 3 to 63 characters, lower-case letters, digits, dots and
/// hyphens, starting and ending with a letter or digit, no two dots in a row, not an IP address.
enum BucketName {
    static func isValid(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (3...63).contains(bytes.count) else { return false }
        func isLetterOrDigit(_ b: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b)
        }
        guard isLetterOrDigit(bytes.first!), isLetterOrDigit(bytes.last!) else { return false }
        for (i, b) in bytes.enumerated() {
            guard isLetterOrDigit(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") else { return false }
            if b == UInt8(ascii: "."), i > 0, bytes[i - 1] == UInt8(ascii: ".") { return false }
        }
        let parts = name.split(separator: ".")
        return !(parts.count == 4 && parts.allSatisfy { UInt8($0) != nil })
    }

    /// A name that can be a bucket's folder at all (buckets made by hand may break S3's rules): not hidden, no
    /// slash, no NUL.
    static func isFolderName(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix(".") && !name.contains("/") && !name.utf8.contains(0)
    }
}
