import Foundation
import SluiceBucket
import SluiceJSON
import Testing

@Suite("Buckets as folders: keys, listings, refusals")
struct BucketStoreTests {
    @Test("root / maps to /var/lib/sluice/buckets and --root prefixes it")
    func roots() {
        #expect(BucketStore(root: "/").bucketsDirectory == "/var/lib/sluice/buckets")
        #expect(BucketStore(root: "/tmp/x").bucketsDirectory == "/tmp/x/var/lib/sluice/buckets")
        #expect(BucketStore(root: "/tmp/x/").bucketsDirectory == "/tmp/x/var/lib/sluice/buckets")
    }

    @Test("listObjectsV2 order is UTF-8 byte order of whole keys, across folders")
    func order() throws {
        let f = try BucketFixture()
        // "a/..." sorts before "a0" ("/" is 0x2F, "0" is 0x30) although a folder walk would meet "a0" first.
        for key in ["a/b", "a-b", "a.b", "B", "a0", "é", "z/y/x", "a/a/a"] { try f.put("b", key, key) }
        let keys = try f.store.listObjects(bucket: "b", prefix: "").map(\.key)
        #expect(keys == ["B", "a-b", "a.b", "a/a/a", "a/b", "a0", "z/y/x", "é"])
    }

    @Test("prefixes match key text, not folders; hidden and temporary files are never objects")
    func prefixesAndHiddenFiles() throws {
        let f = try BucketFixture()
        for key in [
            "folder/x", "folder10/y", "folk", "other", "folder/.hidden", "folder/up.part", "folder/n.tmp",
            "folder/p.partial", "folder/e~", ".git/config", "folder/.cache/z",
        ] {
            try f.put("b", key, "x")
        }
        #expect(try f.store.listObjects(bucket: "b", prefix: "fol").map(\.key) == ["folder/x", "folder10/y", "folk"])
        #expect(try f.store.listObjects(bucket: "b", prefix: "folder/").map(\.key) == ["folder/x"])
        #expect(try f.store.listObjects(bucket: "b", prefix: "nothing").isEmpty)
    }

    @Test("summaries: quoted MD5 ETag, size, S3's timestamp forms, STANDARD")
    func summary() throws {
        let f = try BucketFixture()
        let url = try f.put("b", "dir/hello.txt", "hello")
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: 1_668_699_881.25)],
            ofItemAtPath: url.path
        )
        let summary = try #require(try f.store.listObjects(bucket: "b", prefix: "").first)
        #expect(summary.key == "dir/hello.txt")
        #expect(summary.size == 5)
        #expect(summary.etag == "\"5d41402abc4b2a76b9719d911017c592\"")
        #expect(summary.lastModified == "2022-11-17T15:44:41.250Z")
        #expect(summary.lastModifiedEpochSeconds == 1_668_699_881)
        #expect(summary.storageClass == "STANDARD")
    }

    @Test("listObjectsV2 items have the documented shape")
    func listingItems() throws {
        let f = try BucketFixture()
        let url = try f.put("b", "processData/images/n.jpg", "")
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: 1_668_699_881)],
            ofItemAtPath: url.path
        )
        try f.put("b", "processData/a.json", "[]")
        try f.put("b", "elsewhere", "x")
        let items = try BucketFixture.drain(try f.list("b", prefix: "processData"))
        #expect(items.count == 2)
        let expected = try BucketFixture.json(
            #"""
            {"Etag": "\"d41d8cd98f00b204e9800998ecf8427e\"", "Key": "processData/images/n.jpg",
             "LastModified": 1668699881, "Size": 0, "StorageClass": "STANDARD"}
            """#
        )
        #expect(items[1] == expected)
        #expect(items[1].objectValue?.keys == ["Etag", "Key", "LastModified", "Size", "StorageClass"])
        #expect(items[0]["Key"] == "processData/a.json")
        #expect(try BucketFixture.drain(try f.list("b", prefix: nil)).count == 3)
    }

    @Test("a missing bucket is NoSuchBucket, a missing object NoSuchKey")
    func missing() throws {
        let f = try BucketFixture()
        try f.makeBucket("b")
        let noBucket = try #require(f.failure("nope", "x.csv", config: #"{"InputType": "CSV"}"#))
        #expect(noBucket.cause.contains("NoSuchBucket"))
        #expect(noBucket.cause.contains("nope"))
        let noKey = try #require(f.failure("b", "x.csv", config: #"{"InputType": "CSV"}"#))
        #expect(noKey.cause.contains("NoSuchKey"))
        #expect(noKey.cause.contains("x.csv"))
        #expect(throws: ItemReaderError.self) { try f.store.listObjects(bucket: "nope", prefix: "") }
        #expect(throws: ItemReaderError.self) { try f.store.listObjects(bucket: "..", prefix: "") }
    }

    @Test("keys that would leave the bucket are refused; hidden names are not objects")
    func escapes() throws {
        let f = try BucketFixture()
        try f.put("b", "ok.txt", "x")
        try f.put("other", "secret.txt", "secret")
        try f.put("b", ".hidden", "x")
        try f.put("b", "upload.part", "x")
        for key in ["../other/secret.txt", "/etc/passwd", "a/../../other/secret.txt", "./ok.txt", "a//b", ""] {
            #expect(throws: ItemReaderError.self, "\(key)") { try f.store.objectPath(bucket: "b", key: key) }
        }
        for key in [".hidden", "upload.part", "dir"] {
            let error = #expect(throws: ItemReaderError.self) { try f.store.objectPath(bucket: "b", key: key) }
            #expect(error?.cause.contains("NoSuchKey") == true)
        }
        #expect(try f.store.objectPath(bucket: "b", key: "ok.txt").hasSuffix("/b/ok.txt"))
    }

    @Test("a symlink out of the bucket is refused and not listed; one inside reads as its target")
    func symlinks() throws {
        let f = try BucketFixture()
        let secret = try f.put("other", "secret.txt", "secret")
        let inside = try f.put("b", "real.txt", "inside")
        let fm = FileManager.default
        try fm.createSymbolicLink(
            atPath: f.root.appendingPathComponent("b/link-out").path,
            withDestinationPath: secret.path
        )
        try fm.createSymbolicLink(
            atPath: f.root.appendingPathComponent("b/link-in").path,
            withDestinationPath: inside.path
        )
        let error = #expect(throws: ItemReaderError.self) { try f.store.objectPath(bucket: "b", key: "link-out") }
        #expect(error?.cause.contains("outside the bucket") == true)
        #expect(try f.store.objectPath(bucket: "b", key: "link-in").hasSuffix("/b/real.txt"))
        let listed = try f.store.listObjects(bucket: "b", prefix: "")
        #expect(listed.map(\.key) == ["link-in", "real.txt"])
        #expect(listed[0].etag == listed[1].etag)
    }
}
