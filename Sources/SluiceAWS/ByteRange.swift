/// A GetObject `Range` header against an object's size, as S3 reads it (RFC 9110's single byte range).
package enum ByteRange: Sendable, Equatable {
    /// No range, or one S3 ignores (malformed, several ranges): the whole object, 200.
    case whole
    /// The bytes `offset ..< offset + count`: 206 with `Content-Range`.
    case part(offset: Int64, count: Int64)
    /// A well-formed range that starts past the end (or a zero-length suffix): 416 InvalidRange.
    case unsatisfiable

    /// `bytes=a-b`, `bytes=a-` or `bytes=-n` over an object of `size` bytes.
    package static func parse(_ header: String?, size: Int64) -> ByteRange {
        guard let header else { return .whole }
        let text = header.trimmingSpaces
        guard text.hasPrefix("bytes="), !text.contains(",") else { return .whole }
        let spec = text.dropFirst(6)
        guard let dash = spec.firstIndex(of: "-") else { return .whole }
        let first = spec[..<dash].trimmingSpaces
        let last = spec[spec.index(after: dash)...].trimmingSpaces
        if first.isEmpty {
            guard let suffix = Int64(last), suffix >= 0 else { return .whole }
            guard suffix > 0, size > 0 else { return .unsatisfiable }
            let count = min(suffix, size)
            return .part(offset: size - count, count: count)
        }
        guard let start = Int64(first), start >= 0 else { return .whole }
        var end = size - 1
        if !last.isEmpty {
            guard let given = Int64(last), given >= start else { return .whole }
            end = min(given, size - 1)
        }
        guard start < size else { return .unsatisfiable }
        return .part(offset: start, count: end - start + 1)
    }

    /// `Content-Range` of a part: `bytes a-b/size`.
    package static func contentRange(offset: Int64, count: Int64, size: Int64) -> String {
        "bytes \(offset)-\(offset + count - 1)/\(size)"
    }
}

extension StringProtocol {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
