import SluiceAWS
import SluiceJSON
import SluiceLinux

/// What S3 keeps with an object besides its bytes: the standard headers a client set on upload (Content-Type,
/// Content-Encoding, ...) and its user metadata (`x-amz-meta-*`), answered again by GetObject and HeadObject. Kept
/// in one extended attribute of the object's file, so it moves with the file's single rename into place; a file
/// dropped by hand has none and is `binary/octet-stream`, as S3's default.
struct ObjectMetadata: Sendable {
    static let attribute = "user.sluice.s3"
    private static let standard: [String: String] = [
        "content-type": "Content-Type", "content-encoding": "Content-Encoding",
        "content-disposition": "Content-Disposition", "content-language": "Content-Language",
        "cache-control": "Cache-Control", "expires": "Expires",
    ]

    var headers: [(name: String, value: String)]

    init(headers: [(name: String, value: String)]) {
        self.headers = headers
    }

    /// The metadata an upload's request sets (aws-chunked, a transfer detail, is not the object's encoding).
    init(request: AWSRequest) {
        headers = request.headers.compactMap { header in
            let name = header.name.lowercased()
            if name.hasPrefix("x-amz-meta-") { return (name, header.value) }
            guard let standard = Self.standard[name] else { return nil }
            if name == "content-encoding" {
                let kept = header.value.split(separator: ",").map { $0.trimmingPrefix(" ") }.filter {
                    $0 != "aws-chunked"
                }
                return kept.isEmpty ? nil : (standard, kept.joined(separator: ","))
            }
            return (standard, header.value)
        }
    }

    var isEmpty: Bool { headers.isEmpty }

    /// The Content-Type to answer with.
    var contentType: String { headers.first { $0.name == "Content-Type" }?.value ?? "binary/octet-stream" }

    /// The headers of a GetObject or HeadObject answer other than Content-Type.
    var otherHeaders: [(name: String, value: String)] { headers.filter { $0.name != "Content-Type" } }

    var json: JSONValue { .array(headers.map { .array([.string($0.name), .string($0.value)]) }) }

    init?(json: JSONValue?) {
        guard case .array(let pairs)? = json else { return nil }
        headers = pairs.compactMap { pair in
            guard case .array(let parts) = pair, parts.count == 2, let name = parts[0].stringValue,
                let value = parts[1].stringValue
            else { return nil }
            return (name, value)
        }
    }

    /// The metadata of the file at `path` (empty when it has none).
    static func read(_ path: String) -> ObjectMetadata {
        guard let bytes = Posix.attribute(path, attribute), let value = try? JSONParser.parse(bytes: bytes) else {
            return ObjectMetadata(headers: [])
        }
        return ObjectMetadata(json: value) ?? ObjectMetadata(headers: [])
    }

    /// Writes the metadata to the file at `path` before it is placed; best effort, as a file system without
    /// user attributes still stores the object.
    func write(to path: String) {
        guard !isEmpty else { return }
        _ = Posix.setAttribute(path, Self.attribute, Array(json.serialized().utf8))
    }
}
