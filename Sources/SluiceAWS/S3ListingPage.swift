/// One page of an S3 listing (ListObjectsV2, ListObjects) over a bucket's keys: the keys under the prefix that come
/// after the marker, those sharing a part up to the delimiter rolled up into one common prefix, at most
/// `maxKeys` entries (keys and common prefixes together), and where the next page starts.
package struct S3ListingPage: Sendable, Equatable {
    /// The keys listed, in order.
    package var keys: [String] = []
    /// The common prefixes (each ends with the delimiter), in order.
    package var commonPrefixes: [String] = []
    /// More entries follow this page.
    package var isTruncated = false
    /// The last entry of a truncated page (a key or a common prefix): the next page starts after it.
    package var nextMarker: String?

    package init() {}

    /// The page of `sortedKeys` (in UTF-8 byte order, as S3 lists them) that starts after `after`.
    package init(sortedKeys: [String], prefix: String, delimiter: String?, after: String?, maxKeys: Int) {
        let prefixBytes = Array(prefix.utf8)
        let delimiterBytes = Array((delimiter ?? "").utf8)
        let afterBytes = after.map { Array($0.utf8) }
        var count = 0
        for key in sortedKeys {
            let keyBytes = Array(key.utf8)
            guard keyBytes.starts(with: prefixBytes) else { continue }
            if let afterBytes, !afterBytes.lexicographicallyPrecedes(keyBytes) { continue }
            var rolledUp: [UInt8]?
            if !delimiterBytes.isEmpty,
                let end = Self.end(of: delimiterBytes, in: keyBytes, from: prefixBytes.count)
            {
                let common = Array(keyBytes[..<end])
                // Already listed on this page, or on an earlier one the marker stands for.
                if commonPrefixes.last.map({ Array($0.utf8) }) == common { continue }
                if let afterBytes, afterBytes.starts(with: common) { continue }
                rolledUp = common
            }
            if count == maxKeys {
                isTruncated = maxKeys > 0
                break
            }
            count += 1
            if let rolledUp {
                let text = String(decoding: rolledUp, as: UTF8.self)
                commonPrefixes.append(text)
                nextMarker = text
            } else {
                keys.append(key)
                nextMarker = key
            }
        }
        if !isTruncated { nextMarker = nil }
    }

    /// The index just past the first `needle` in `bytes` at or after `start`.
    private static func end(of needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard bytes.count >= needle.count, start <= bytes.count - needle.count else { return nil }
        for i in start...(bytes.count - needle.count) where bytes[i..<i + needle.count].elementsEqual(needle) {
            return i + needle.count
        }
        return nil
    }

    /// The continuation token that stands for `marker`: opaque to clients, readable by `marker(fromToken:)`.
    package static func token(for marker: String) -> String {
        "k-" + PercentEncoding.encode(marker)
    }

    /// The marker a continuation token stands for; nil when the token is not one sluiced gave.
    package static func marker(fromToken token: String) -> String? {
        guard token.hasPrefix("k-") else { return nil }
        return PercentEncoding.decode(token.dropFirst(2))
    }
}
