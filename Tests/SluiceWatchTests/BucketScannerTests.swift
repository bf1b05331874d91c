import Foundation
import SluiceWatch
import Testing

struct BucketScannerTests {
    @Test("lists every object of every bucket, sorted by bucket and key bytes, as the bucket store would")
    func scan() throws {
        let fixture = try WatchFixture()
        try fixture.write("inbox/b.csv", "bb")
        try fixture.write("inbox/a/deep/c.csv", "c")
        try fixture.write("inbox/Z.csv", "")
        try fixture.write("inbox/naïve café.csv", "x")
        try fixture.write("results/manifest.json", "{}")
        try fixture.write("inbox/.hidden", "no")
        try fixture.write("inbox/.git/config", "no")
        try fixture.write("inbox/upload.tmp", "no")
        try fixture.write("inbox/upload.part", "no")
        try fixture.write("inbox/editor~", "no")
        try fixture.write(".trash/x.csv", "no")
        try fixture.write("loose-file.csv", "no")
        try fixture.symlink("inbox/link.csv", to: "b.csv")
        try fixture.symlink("inbox/outside.csv", to: "/etc/hostname")
        try fixture.symlink("inbox/folder-link", to: fixture.path("results"))

        let objects = try BucketScanner.scan(bucketsDirectory: fixture.buckets)

        #expect(
            objects.map { "\($0.bucket)/\($0.key)" } == [
                "inbox/Z.csv", "inbox/a/deep/c.csv", "inbox/b.csv", "inbox/link.csv", "inbox/naïve café.csv",
                "results/manifest.json",
            ]
        )
        let b = try #require(objects.first { $0.key == "b.csv" })
        let link = try #require(objects.first { $0.key == "link.csv" })
        // A symlink is described by the file it leads to.
        #expect(b.size == 2 && link.size == 2 && link.inode == b.inode)
        #expect(b.modifiedNanoseconds > 0)
    }

    @Test("a bucket may itself be a symlink to a folder")
    func symlinkedBucket() throws {
        let fixture = try WatchFixture()
        try fixture.write("../../../../elsewhere/data.csv", "1")
        try fixture.symlink("linked", to: fixture.root + "/elsewhere")

        let objects = try BucketScanner.scan(bucketsDirectory: fixture.buckets)

        #expect(objects.map { "\($0.bucket)/\($0.key)" } == ["linked/data.csv"])
    }

    @Test("a missing buckets folder is an error")
    func missing() {
        #expect(throws: WatchError.notADirectory("/nonexistent")) {
            try BucketScanner.scan(bucketsDirectory: "/nonexistent")
        }
    }
}
