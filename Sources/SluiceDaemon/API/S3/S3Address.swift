import SluiceAWS
import SluiceCore

/// The bucket and key a request names: `/BUCKET/KEY` (path style, what botocore sends to an endpoint URL) or `/KEY`
/// on host `BUCKET.localhost` (virtual-hosted style). The key is taken from the raw path, so `a//b` and a trailing
/// `/` survive as S3 keeps them.
struct S3Address: Sendable, Equatable {
    var bucket: String?
    var key: String?

    init(bucket: String?, key: String?) {
        self.bucket = bucket
        self.key = key
    }

    init(_ request: AWSRequest) {
        var path = Substring(request.rawPath)
        if path.hasPrefix("/") { path = path.dropFirst() }
        if let host = request.hostName?.lowercased(), host.hasSuffix(".localhost") {
            bucket = String(host.dropLast(".localhost".count))
            key = path.isEmpty ? nil : Self.decoded(path)
            return
        }
        guard !path.isEmpty else { return }
        guard let slash = path.firstIndex(of: "/") else {
            bucket = Self.decoded(path)
            return
        }
        bucket = Self.decoded(path[..<slash])
        let rest = path[path.index(after: slash)...]
        key = rest.isEmpty ? nil : Self.decoded(rest)
    }

    private static func decoded(_ text: Substring) -> String {
        PercentEncoding.decode(text) ?? String(text)
    }

    /// Why sluice cannot keep an object under `key` as a file of its bucket folder, or nil when it can: the key
    /// names a path below the bucket, each folder name an ordinary one, and the file a name the watcher takes for an
    /// object (not hidden, not .tmp/.part/.partial/~).
    static func problem(withKey key: String) -> String? {
        guard !key.isEmpty else { return "an object key cannot be empty" }
        guard key.utf8.count <= 1024 else { return "an object key is at most 1024 bytes" }
        guard !key.hasPrefix("/"), !key.utf8.contains(0) else { return "a key cannot start with / or hold a NUL" }
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        for part in parts {
            if part.isEmpty || part == "." || part == ".." {
                return "a key's folders cannot be empty, \".\" or \"..\" (they are folders of the bucket)"
            }
            if part.hasPrefix(".") { return "names starting with \".\" are hidden in a bucket folder" }
            if part.utf8.count > 255 { return "each part of a key between slashes is at most 255 bytes" }
        }
        guard ObjectName.isObject(String(parts.last!)) else {
            return "names ending in .tmp, .part, .partial or ~ are never objects in a bucket folder"
        }
        return nil
    }
}
