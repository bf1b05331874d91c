import Foundation
import SluiceBucket
import SluiceJSON
import Testing

/// A buckets folder in a fresh temporary directory, with helpers to write objects and read them back as items.
final class BucketFixture {
    let root: URL
    let store: BucketStore

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-bucket-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        store = BucketStore(bucketsDirectory: root.path)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    /// Writes an object (creating the bucket and folders) and returns its file.
    @discardableResult
    func put(_ bucket: String, _ key: String, _ text: String) throws -> URL {
        try put(bucket, key, bytes: Array(text.utf8))
    }

    @discardableResult
    func put(_ bucket: String, _ key: String, bytes: [UInt8]) throws -> URL {
        let url = root.appendingPathComponent(bucket).appendingPathComponent(key)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(),
            withIntermediateDirectories: true
        )
        try Data(bytes).write(to: url)
        return url
    }

    func makeBucket(_ bucket: String) throws {
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent(bucket),
            withIntermediateDirectories: true
        )
    }

    /// Opens a getObject reader over `bucket`/`key` with the given ReaderConfig (JSON text).
    func open(_ bucket: String, _ key: String, config: String) throws -> any ItemSource {
        try ItemReaders.open(
            ItemReaderRequest(
                resource: "arn:aws:states:::s3:getObject",
                parameters: ["Bucket": .string(bucket), "Key": .string(key)],
                readerConfig: try Self.object(config)
            ),
            buckets: store
        )
    }

    /// Opens a listObjectsV2 reader over `bucket` and `prefix`.
    func list(_ bucket: String, prefix: String?, config: String = "{}") throws -> any ItemSource {
        var parameters: JSONValue = ["Bucket": .string(bucket)]
        if let prefix, case .object(var o) = parameters {
            o["Prefix"] = .string(prefix)
            parameters = .object(o)
        }
        return try ItemReaders.open(
            ItemReaderRequest(
                resource: "arn:aws:states:::s3:listObjectsV2",
                parameters: parameters,
                readerConfig: try Self.object(config)
            ),
            buckets: store
        )
    }

    /// Every item of `bucket`/`key`, read in batches of `batch`.
    func items(_ bucket: String, _ key: String, config: String, batch: Int = 7) throws -> [JSONValue] {
        try Self.drain(try open(bucket, key, config: config), batch: batch)
    }

    /// The ItemReaderError that opening or reading produces, or nil when everything reads.
    func failure(_ bucket: String, _ key: String, config: String) -> ItemReaderError? {
        do {
            _ = try items(bucket, key, config: config)
            return nil
        } catch let error as ItemReaderError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    static func drain(_ source: any ItemSource, batch: Int = 7) throws -> [JSONValue] {
        var all: [JSONValue] = []
        while true {
            let items = try source.next(batch)
            #expect(items.count <= batch)
            if items.isEmpty { break }
            all.append(contentsOf: items)
        }
        #expect(try source.next(batch).isEmpty)
        return all
    }

    static func object(_ text: String) throws -> JSONObject {
        guard case .object(let o) = try JSONParser.parse(text) else { throw FixtureError.notAnObject(text) }
        return o
    }

    static func json(_ text: String) throws -> JSONValue {
        try JSONParser.parse(text)
    }

    enum FixtureError: Error {
        case notAnObject(String)
    }
}
