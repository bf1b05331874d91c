import Foundation
import SluiceAWS
import SluiceJSON
import SluiceLinux

/// Multipart uploads in progress, each a hidden folder `.multipart/UPLOAD_ID` under var/lib/sluice/uploads (on
/// the buckets' file system, where the parts are spooled): `upload.json` says which bucket and key it is for, and
/// each part is a file `part-NNNNN-MD5` renamed there from its spool, its MD5 in the name so Complete can check the
/// ETags and compute the object's without reading the parts again.
struct MultipartUploads: Sendable {
    let folder: String

    struct Upload {
        var id: String
        var bucket: String
        var key: String
        var initiated: String
        var metadata = ObjectMetadata(headers: [])
    }

    struct Part {
        var number: Int
        var md5: String
        var path: String
        var status: FileStatus
    }

    private var root: String { folder + "/.multipart" }

    private func directory(_ id: String) -> String { root + "/" + id }

    /// A new upload for `key` of `bucket`.
    func create(bucket: String, key: String, metadata: ObjectMetadata) throws(AWSError) -> Upload {
        let id = UUID().uuidString.lowercased()
        var record = JSONObject()
        record["Bucket"] = .string(bucket)
        record["Key"] = .string(key)
        let initiated = UTCTime.iso8601(seconds: UTCTime.nowSeconds(), milliseconds: 0)
        record["Initiated"] = .string(initiated)
        record["Metadata"] = metadata.json
        do {
            try AtomicFile.write(Array(JSONValue.object(record).serialized().utf8), to: directory(id) + "/upload.json")
        } catch {
            throw S3Errors.internalError("cannot record the upload: \(error)")
        }
        return Upload(id: id, bucket: bucket, key: key, initiated: initiated, metadata: metadata)
    }

    /// The upload `id` if it is one for `key` of `bucket`, else NoSuchUpload.
    func upload(_ id: String, bucket: String, key: String) throws(AWSError) -> Upload {
        guard let upload = upload(id), upload.bucket == bucket, upload.key == key else { throw S3Errors.noSuchUpload }
        return upload
    }

    func upload(_ id: String) -> Upload? {
        // Only names this type made: a UUID cannot climb out of the uploads folder.
        guard id.count == 36, id.utf8.allSatisfy({ $0 == UInt8(ascii: "-") || Self.isHexDigit($0) }),
            let data = FileManager.default.contents(atPath: directory(id) + "/upload.json"),
            let record = try? JSONParser.parse(bytes: Array(data)),
            let bucket = record["Bucket"]?.stringValue, let key = record["Key"]?.stringValue
        else { return nil }
        return Upload(
            id: id,
            bucket: bucket,
            key: key,
            initiated: record["Initiated"]?.stringValue ?? "",
            metadata: ObjectMetadata(json: record["Metadata"]) ?? ObjectMetadata(headers: [])
        )
    }

    /// Every upload of `bucket`, oldest first.
    func uploads(of bucket: String) -> [Upload] {
        guard case .success(let names) = Posix.directoryEntries(root) else { return [] }
        return names.compactMap { upload($0) }.filter { $0.bucket == bucket }
            .sorted { ($0.initiated, $0.key) < ($1.initiated, $1.key) }
    }

    /// Puts the spooled file `spool` in as part `number` (replacing an earlier upload of that part).
    func addPart(_ upload: Upload, number: Int, spool: String, md5: String) throws(AWSError) {
        let earlier = parts(of: upload).filter { $0.number == number }
        let name = "part-" + Self.padded(number) + "-" + md5
        if case .failure(let failure) = Posix.rename(spool, to: directory(upload.id) + "/" + name) {
            throw S3Errors.internalError("cannot keep part \(number): \(failure.message)")
        }
        for part in earlier where !part.path.hasSuffix("/" + name) { Posix.removeQuietly(part.path) }
    }

    /// The parts uploaded so far, by number.
    func parts(of upload: Upload) -> [Part] {
        let folder = directory(upload.id)
        guard case .success(let names) = Posix.directoryEntries(folder) else { return [] }
        return names.compactMap { name -> Part? in
            let fields = name.split(separator: "-")
            guard fields.count == 3, fields[0] == "part", let number = Int(fields[1]),
                let status = Posix.status(folder + "/" + name)
            else { return nil }
            return Part(number: number, md5: String(fields[2]), path: folder + "/" + name, status: status)
        }.sorted { $0.number < $1.number }
    }

    /// Removes the upload's folder and everything in it.
    func remove(_ upload: Upload) {
        let folder = directory(upload.id)
        if case .success(let names) = Posix.directoryEntries(folder) {
            for name in names { Posix.removeQuietly(folder + "/" + name) }
        }
        _ = Posix.removeDirectory(folder)
    }

    private static func padded(_ number: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, 5 - digits.count)) + digits
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }
}
