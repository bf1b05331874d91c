import Foundation
import SluiceJSON
import SluiceLinux

/// Where one map run's results go: s3://BUCKET/PREFIX/MAP_RUN_UUID/, and the folder that holds those keys.
struct ResultDestination: Sendable, Hashable {
    var bucket: String
    /// PREFIX/MAP_RUN_UUID/, the start of every key written (AWS adds the "/" after a prefix that lacks one).
    var keyPrefix: String
    /// The folder holding the keys under `keyPrefix`, created by `prepare`.
    var directory: String

    /// The key of a file written for this map run.
    func key(_ name: String) -> String { keyPrefix + name }

    /// The path of a file written for this map run.
    func path(_ name: String) -> String { directory + "/" + name }

    /// A fresh hidden path to write `name` under until it is complete. Names starting with "." are never objects,
    /// so the bucket watcher and ItemReaders ignore it; the random part keeps a leftover from a killed run of the
    /// same map run from blocking the exclusive create.
    func temporaryPath(for name: String) -> String {
        path(".\(name).\(String(UInt64.random(in: .min ... .max), radix: 16)).tmp")
    }

    /// Reads Bucket and Prefix from the evaluated Parameters and the UUID from the map run ARN, refusing anything
    /// that cannot be a folder inside the bucket.
    init(bucketsDirectory: String, parameters: JSONValue, mapRunArn: String) throws(ResultWriterError) {
        guard let object = parameters.objectValue else {
            throw .invalid("Parameters must be an object with Bucket and Prefix, not \(parameters.serialized())")
        }
        guard let bucketValue = object["Bucket"] else { throw .invalid("Parameters.Bucket is missing") }
        guard let bucket = bucketValue.stringValue else {
            throw .invalid("Parameters.Bucket must be a string, not \(bucketValue.serialized())")
        }
        var prefix = ""
        if let value = object["Prefix"] {
            guard let text = value.stringValue else {
                throw .invalid("Parameters.Prefix must be a string, not \(value.serialized())")
            }
            prefix = text
        }
        // arn:aws:states:REGION:ACCOUNT:mapRun:STATE_MACHINE/LABEL:UUID; AWS names the folder after the UUID.
        let uuid = mapRunArn.split(separator: ":", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        guard Self.isFolderName(uuid) else {
            throw .invalid("the map run ARN \(ResultWriterError.quoted(mapRunArn)) does not end in a usable UUID")
        }
        guard !bucket.isEmpty, !bucket.hasPrefix("."), !bucket.contains("/"), !bucket.utf8.contains(0) else {
            throw .noSuchBucket(bucket)
        }

        if !prefix.isEmpty, !prefix.hasSuffix("/") { prefix += "/" }
        let folders = prefix.split(separator: "/", omittingEmptySubsequences: false).dropLast().map(String.init)
        for folder in folders where !Self.isFolderName(folder) {
            throw .invalid(
                "Parameters.Prefix \(ResultWriterError.quoted(prefix)) cannot be a folder in a bucket: empty names, "
                    + "\".\", \"..\" and names starting with \".\" are refused"
            )
        }
        self.bucket = bucket
        keyPrefix = prefix + uuid + "/"
        directory = bucketsDirectory + "/" + bucket + "/" + keyPrefix.dropLast()
    }

    /// Creates the folders below the bucket; the bucket folder itself must already exist, as an S3 bucket must.
    func prepare(bucketsDirectory: String) throws(ResultWriterError) {
        let bucketDirectory = bucketsDirectory + "/" + bucket
        guard let bucketRoot = Posix.realPath(bucketDirectory), (Posix.status(bucketRoot)?.isDirectory == true)
        else { throw .noSuchBucket(bucket) }
        var path = bucketDirectory
        var key = ""
        for folder in keyPrefix.split(separator: "/") {
            path += "/" + folder
            key += folder + "/"
            if case .failure(let failure) = Posix.makeDirectory(path) {
                throw .io(bucket: bucket, key: key, path: path, failure)
            }
        }
        // A symlinked prefix folder could point anywhere; results must land inside the bucket they are reported in.
        guard let real = Posix.realPath(directory), real.utf8.starts(with: (bucketRoot + "/").utf8) else {
            throw .invalid("the folder for s3://\(bucket)/\(keyPrefix) leads outside the bucket")
        }
        // The map run's folder is its own (its UUID is in the name): temporary files found here were left by a
        // writer that died with its sluiced; the resumed run writes its files anew.
        let names = (try? FileManager.default.contentsOfDirectory(atPath: real)) ?? []
        for name in names where name.hasPrefix(".") && name.hasSuffix(".tmp") {
            Posix.removeQuietly(real + "/" + name)
        }
    }

    private static func isFolderName(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix(".") && !name.contains("/") && !name.utf8.contains(0)
    }
}
