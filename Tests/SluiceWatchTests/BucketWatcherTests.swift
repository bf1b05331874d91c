import Foundation
import SluiceJSON
import SluiceWatch
import Testing

@Suite(.timeLimit(.minutes(3)))
struct BucketWatcherTests {
    @Test("a file written in place is one Object Created with its size and MD5 etag")
    func plainWrite() async throws {
        let fixture = try WatchFixture()
        try fixture.makeFolder("inbox")
        let recorder = try fixture.watch()

        try fixture.write("inbox/hello.txt", "hello\n")

        let events = try await recorder.events(count: 1)
        #expect(events.map(\.summary) == ["created inbox/hello.txt"])
        let event = try #require(events.first)
        #expect(event.reason == .putObject)
        #expect(event.size == 6)
        // The etag AWS's own example event shows is the MD5 of "hello\n".
        #expect(event.etag == "b1946ac92492d2347c6235b4d2611184")
        #expect(event.event["detail"]?["object"]?["etag"] == "b1946ac92492d2347c6235b4d2611184")
        #expect(event.event["resources"] == ["arn:aws:s3:::inbox"])
        try await recorder.stop()
        #expect(recorder.problems.all.isEmpty)
    }

    @Test("a file renamed into place is one PutObject, and its temporary name is never reported")
    func atomicRename() async throws {
        let fixture = try WatchFixture()
        try fixture.makeFolder("inbox/companies")
        let recorder = try fixture.watch()

        try fixture.write("inbox/companies/2026.csv.tmp", "name,score\nacme,1\n")
        try fixture.rename("inbox/companies/2026.csv.tmp", "inbox/companies/2026.csv")

        let events = try await recorder.events(count: 1)
        #expect(events.map(\.summary) == ["created inbox/companies/2026.csv"])
        #expect(events.first?.reason == .putObject)
        #expect(events.first?.size == 18)
        try await recorder.stop()
    }

    @Test("a file renamed into place while a descriptor is still open on it, closed later: one PutObject")
    func closedAfterRename() async throws {
        let fixture = try WatchFixture()
        try fixture.makeFolder("inbox")
        let recorder = try fixture.watch()

        // Written outside the buckets, renamed in, closed last: as when a process started between the writer's open
        // and its close inherits the descriptor and ends after the rename.
        let staged = fixture.root + "/late.csv"
        let descriptor = open(staged, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        try #require(descriptor >= 0)
        #expect(write(descriptor, "id\n1\n", 5) == 5)
        #expect(rename(staged, fixture.path("inbox/late.csv")) == 0)
        let first = try await recorder.events(count: 1)
        #expect(first.map(\.summary) == ["created inbox/late.csv"])
        close(descriptor)
        let all = try await recorder.events(count: 1)
        #expect(all.map(\.summary) == ["created inbox/late.csv"])
        try await recorder.stop()
    }

    @Test("folders created after the watch started are watched, including files written before their watch")
    func nestedPrefixes() async throws {
        let fixture = try WatchFixture()
        try fixture.makeFolder("inbox")
        let recorder = try fixture.watch()

        // mkdir -p and an immediate write: the file usually lands before the watcher has seen the folders, so only
        // the listing of the new folder finds it; if the watch was quicker, the close reports it. Either way: once.
        try fixture.makeFolder("inbox/a/b/c")
        try fixture.write("inbox/a/b/c/early.csv", "1\n")
        let first = try await recorder.events(count: 1)
        #expect(first.map(\.summary) == ["created inbox/a/b/c/early.csv"])

        // The new folders are watched from now on.
        try fixture.write("inbox/a/b/c/late.csv", "2\n")
        try fixture.write("inbox/a/top.csv", "3\n")
        // Files in two folders: each reported once, in whichever order the two folders' events are read.
        let all = try await recorder.events(count: 3)
        #expect(all.first?.summary == "created inbox/a/b/c/early.csv")
        #expect(
            all.map(\.summary).sorted() == [
                "created inbox/a/b/c/early.csv", "created inbox/a/b/c/late.csv", "created inbox/a/top.csv",
            ]
        )
        try await recorder.stop()
    }

    @Test("a file its writer holds open past the settle delay is one object, reported whole once it is closed")
    func pausingWriter() async throws {
        let fixture = try WatchFixture()
        // sluiced starting (catch-up from no known objects) while an upload is being written: the listing finds the
        // half-written file; its writer then pauses four settle delays before it writes the rest and closes.
        try fixture.makeFolder("inbox/slow")
        let fd = open(fixture.path("inbox/slow/upload.csv"), O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
        try #require(fd >= 0)
        let parts = ["id,name\n1,first\n", "2,second\n"]
        #expect(write(fd, parts[0], parts[0].utf8.count) == parts[0].utf8.count)
        let recorder = try fixture.watch(known: [])
        try await Task.sleep(for: .seconds(1))
        #expect(write(fd, parts[1], parts[1].utf8.count) == parts[1].utf8.count)
        close(fd)
        // A second file beside it, written after the close. Which of the two settles first is not promised: a slow
        // watcher (ThreadSanitizer) can read the upload's close after the marker's and let it settle again. Each is
        // reported once, the upload whole; the fixture's own quiet marker then waits out any late duplicate.
        try fixture.write("inbox/slow/zz-marker.csv", "")
        let events = try await recorder.events(count: 2)
        #expect(
            events.map(\.summary).sorted() == ["created inbox/slow/upload.csv", "created inbox/slow/zz-marker.csv"]
        )
        #expect(events.first { $0.key == "slow/upload.csv" }?.size == parts.joined().utf8.count)
        try await recorder.stop()
    }

    @Test("a deep tree copied in at once reports every file exactly once")
    func copiedTree() async throws {
        let fixture = try WatchFixture()
        try fixture.makeFolder("inbox")
        let recorder = try fixture.watch()

        var expected: [String] = []
        for folder in ["x", "x/y", "x/y/z"] {
            for index in 0..<5 {
                try fixture.write("inbox/\(folder)/part-\(index).json", "{\"i\":\(index)}")
                expected.append("created inbox/\(folder)/part-\(index).json")
            }
        }

        let events = try await recorder.events(count: expected.count)
        #expect(events.map(\.summary).sorted() == expected.sorted())
        try await recorder.stop()
    }

    @Test("keys with spaces, accents, emoji and newlines come through unchanged")
    func unusualNames() async throws {
        let fixture = try WatchFixture()
        try fixture.makeFolder("inbox")
        let recorder = try fixture.watch()
        let key = "dir with space/naïve café ✓ 📦\nsecond line.csv"

        try fixture.write("inbox/" + key, "x")

        let events = try await recorder.events(count: 1)
        #expect(events.map(\.key) == [key])
        #expect(events.first?.event["detail"]?["object"]?["key"] == .string(key))
        try await recorder.stop()
    }

    @Test("precomposed and decomposed spellings of a name are two objects")
    func canonicallyEquivalentNames() async throws {
        let fixture = try WatchFixture()
        try fixture.makeFolder("inbox")
        let recorder = try fixture.watch()
        let precomposed = "caf\u{E9}.txt"
        let decomposed = "cafe\u{301}.txt"

        try fixture.write("inbox/" + precomposed, "1")
        try fixture.write("inbox/" + decomposed, "22")
        _ = try await recorder.events(count: 2, thenQuietFor: .zero)
        try fixture.delete("inbox/" + precomposed)

        let events = try await recorder.events(count: 3)
        #expect(events.map(\.kind) == [.created, .created, .deleted])
        #expect(events.map { Array($0.key.utf8) } == [precomposed, decomposed, precomposed].map { Array($0.utf8) })
        #expect(events.map(\.size) == [1, 2, nil])
        try await recorder.stop()
    }

    @Test("a deleted object is one Object Deleted with no size or etag")
    func delete() async throws {
        let fixture = try WatchFixture()
        try fixture.write("inbox/old.csv", "old")
        let recorder = try fixture.watch()

        try fixture.delete("inbox/old.csv")

        let events = try await recorder.events(count: 1)
        #expect(events.map(\.summary) == ["deleted inbox/old.csv"])
        let event = try #require(events.first)
        #expect(event.reason == .deleteObject)
        #expect(event.size == nil && event.etag == nil)
        #expect(event.event["detail"]?["object"]?["size"] == nil)
        #expect(event.event["detail"]?["deletion-type"] == "Permanently Deleted")
        try await recorder.stop()
    }

    @Test("a folder removed with everything in it reports each object deleted")
    func deleteFolder() async throws {
        let fixture = try WatchFixture()
        try fixture.write("inbox/batch/a.csv", "a")
        try fixture.write("inbox/batch/deeper/b.csv", "b")
        let recorder = try fixture.watch()

        try fixture.delete("inbox/batch")

        let events = try await recorder.events(count: 2)
        #expect(events.map(\.summary).sorted() == ["deleted inbox/batch/a.csv", "deleted inbox/batch/deeper/b.csv"])
        try await recorder.stop()
    }

    @Test("a new bucket folder is watched at once")
    func newBucket() async throws {
        let fixture = try WatchFixture()
        let recorder = try fixture.watch()

        try fixture.makeFolder("results")
        try fixture.write("results/run-1/manifest.json", "{}")

        let events = try await recorder.events(count: 1)
        #expect(events.map(\.summary) == ["created results/run-1/manifest.json"])
        #expect(events.first?.event["resources"] == ["arn:aws:s3:::results"])
        try fixture.write("results/later.json", "[]")
        #expect(try await recorder.events(count: 2).map(\.summary).last == "created results/later.json")
        try await recorder.stop()
    }

    @Test("hidden and temporary names, and files in hidden folders or outside buckets, are never objects")
    func ignoredNames() async throws {
        let fixture = try WatchFixture()
        try fixture.makeFolder("inbox")
        let recorder = try fixture.watch()

        for name in [".hidden", "upload.tmp", "big.part", "copy.partial", "notes.txt~", ".staging/inner/file.csv"] {
            try fixture.write("inbox/" + name, "ignored")
        }
        try fixture.write("not-in-a-bucket.csv", "ignored")
        try fixture.write(".trash/file.csv", "ignored")
        try fixture.delete("inbox/upload.tmp")
        try fixture.write("inbox/real.csv", "kept")

        let events = try await recorder.events(count: 1)
        #expect(events.map(\.summary) == ["created inbox/real.csv"])
        try await recorder.stop()
    }

    @Test("a folder renamed into place reports its files at once")
    func folderRenamedIntoPlace() async throws {
        let fixture = try WatchFixture()
        try fixture.makeFolder("inbox")
        let recorder = try fixture.watch()

        try fixture.write("inbox/.staging/one.csv", "1")
        try fixture.write("inbox/.staging/sub/two.csv", "2")
        try fixture.rename("inbox/.staging", "inbox/batch-7")

        let events = try await recorder.events(count: 2)
        #expect(events.map(\.summary) == ["created inbox/batch-7/one.csv", "created inbox/batch-7/sub/two.csv"])
        #expect(events.allSatisfy { $0.reason == .putObject })
        try await recorder.stop()
    }

    @Test("renaming an object is a copy to the new key and a delete of the old one")
    func renameObject() async throws {
        let fixture = try WatchFixture()
        try fixture.write("inbox/a.csv", "a")
        try fixture.write("inbox/dir/b.csv", "b")
        let recorder = try fixture.watch()

        try fixture.rename("inbox/a.csv", "inbox/renamed.csv")
        let first = try await recorder.events(count: 2)
        #expect(first.map(\.summary) == ["deleted inbox/a.csv", "created inbox/renamed.csv"])
        #expect(first.last?.reason == .copyObject)

        try fixture.rename("inbox/dir", "inbox/moved")
        let all = try await recorder.events(count: 4)
        #expect(Array(all.map(\.summary).dropFirst(2)) == ["deleted inbox/dir/b.csv", "created inbox/moved/b.csv"])
        #expect(all.last?.reason == .copyObject)

        // The moved folder is watched under its new name, and its old watch is gone.
        try fixture.write("inbox/moved/c.csv", "c")
        #expect(try await recorder.events(count: 5).last?.summary == "created inbox/moved/c.csv")
        try await recorder.stop()
    }

    @Test("a symlink to an object in the bucket is a copy; one leading out of the bucket is ignored")
    func symlinks() async throws {
        let fixture = try WatchFixture()
        try fixture.write("inbox/data.csv", "1,2,3\n")
        try fixture.write("secret/key.pem", "private")
        let recorder = try fixture.watch()

        try fixture.symlink("inbox/escape.pem", to: fixture.path("secret/key.pem"))
        try fixture.symlink("inbox/outside.txt", to: "/etc/hostname")
        try fixture.symlink("inbox/alias.csv", to: "data.csv")

        let events = try await recorder.events(count: 1)
        #expect(events.map(\.summary) == ["created inbox/alias.csv"])
        #expect(events.first?.reason == .copyObject)
        #expect(events.first?.size == 6)
        try await recorder.stop()
    }

    @Test("a key of S3's 1,024 bytes is an object; one byte more is not, and is said")
    func longestKeys() async throws {
        let fixture = try WatchFixture()
        try fixture.makeFolder("inbox")
        let recorder = try fixture.watch()
        let folders = ["p", "q", "r", "s"].map { String(repeating: $0, count: 250) }.joined(separator: "/")
        let longest = folders + "/" + String(repeating: "t", count: 20)
        #expect(longest.utf8.count == 1_024)
        try fixture.write("inbox/" + longest, "1\n")
        try fixture.write("inbox/" + longest + "u", "2\n")
        let events = try await recorder.events(count: 1)
        #expect(events.map(\.key) == [longest])
        #expect(
            recorder.problems.all.map(\.description) == [
                fixture.path("inbox/" + longest + "u")
                    + " is not an object: its key is 1025 bytes, longer than S3's 1024"
            ]
        )
        try await recorder.stop()
    }

    @Test("a hard link to an object is a copy")
    func hardLink() async throws {
        let fixture = try WatchFixture()
        try fixture.write("inbox/original.csv", "1,2\n")
        let recorder = try fixture.watch()

        try FileManager.default.linkItem(
            atPath: fixture.path("inbox/original.csv"),
            toPath: fixture.path("inbox/copy.csv")
        )

        let events = try await recorder.events(count: 1)
        #expect(events.map(\.summary) == ["created inbox/copy.csv"])
        #expect(events.first?.reason == .copyObject)
        try await recorder.stop()
    }

    @Test("a file gone before it could be read was never an object")
    func shortLived() async throws {
        let fixture = try WatchFixture()
        try fixture.makeFolder("inbox")
        let recorder = try fixture.watch()

        for index in 0..<20 {
            try fixture.write("inbox/flash-\(index).csv", "x")
            try fixture.delete("inbox/flash-\(index).csv")
        }
        try fixture.write("inbox/kept.csv", "kept")

        // Each flash file is either reported created and then deleted, or not at all: never left dangling.
        let events = try await recorder.events(count: 1)
        #expect(events.last?.summary == "created inbox/kept.csv")
        let flashes = events.filter { $0.key.hasPrefix("flash-") }
        for key in Set(flashes.map(\.key)) {
            #expect(flashes.filter { $0.key == key }.map(\.kind) == [.created, .deleted])
        }
        try await recorder.stop()
    }

    @Test("a bucket removed or moved out of the buckets folder reports its objects deleted")
    func bucketGone() async throws {
        let fixture = try WatchFixture()
        try fixture.write("doomed/a.csv", "a")
        try fixture.write("doomed/sub/b.csv", "b")
        try fixture.write("moving/c.csv", "c")
        let recorder = try fixture.watch()

        try fixture.delete("doomed")
        try fixture.rename("moving", "../outside-the-buckets")

        let events = try await recorder.events(count: 3)
        #expect(
            events.map(\.summary) == ["deleted doomed/a.csv", "deleted doomed/sub/b.csv", "deleted moving/c.csv"]
                || events.map(\.summary) == [
                    "deleted doomed/sub/b.csv", "deleted doomed/a.csv", "deleted moving/c.csv",
                ]
        )
        // The moved folder's watch is gone: writing there reports nothing under the old bucket name.
        try fixture.write("../outside-the-buckets/d.csv", "d")
        #expect(try await recorder.events(count: 3).count == 3)
        try await recorder.stop()
    }

    @Test("after a queue overflow a rescan reports what changed, and only that")
    func overflowRescan() async throws {
        let fixture = try WatchFixture()
        try fixture.write("inbox/unchanged.csv", "same")
        try fixture.write("inbox/removed.csv", "gone soon")
        try fixture.write("inbox/rewritten.csv", "v1")
        let recorder = try fixture.watch()

        // Give the watcher a moment to be waiting, so the changes below queue up as kernel events...
        try await Task.sleep(for: .milliseconds(100))
        try fixture.write("inbox/new/arrived.csv", "new")
        try fixture.delete("inbox/removed.csv")
        try fixture.write("inbox/rewritten.csv", "v2 longer")
        // ...which the simulated overflow then throws away, as the kernel does when its queue is full.
        recorder.watcher.simulateQueueOverflow()

        let events = try await recorder.events(count: 3)
        // The changes may be seen before the overflow is; what matters is that each is reported exactly once.
        #expect(
            events.map(\.summary).sorted() == [
                "created inbox/new/arrived.csv", "created inbox/rewritten.csv", "deleted inbox/removed.csv",
            ]
        )
        #expect(events.first { $0.key == "rewritten.csv" }?.size == 9)
        try await recorder.stop()
    }

    @Test("a rescan with nothing changed reports nothing")
    func quietRescan() async throws {
        let fixture = try WatchFixture()
        try fixture.write("inbox/a.csv", "a")
        try fixture.write("inbox/sub/b.csv", "b")
        let recorder = try fixture.watch()

        recorder.watcher.rescan()
        try fixture.write("inbox/sub/c.csv", "c")

        let events = try await recorder.events(count: 1)
        #expect(events.map(\.summary) == ["created inbox/sub/c.csv"])
        try await recorder.stop()
    }

    @Test("catch-up: objects new or changed since the known state are created, missing ones deleted")
    func catchUp() async throws {
        let fixture = try WatchFixture()
        try fixture.write("inbox/same.csv", "same")
        try fixture.write("inbox/changed.csv", "changed")
        try fixture.write("inbox/new.csv", "new")
        var known = try BucketScanner.scan(bucketsDirectory: fixture.buckets).filter { $0.key != "new.csv" }
        known = known.map { state in
            var state = state
            if state.key == "changed.csv" { state.size = 1 }
            return state
        }
        known.append(ObjectState(bucket: "inbox", key: "gone.csv", size: 3, modifiedNanoseconds: 0, inode: 1))

        let recorder = try fixture.watch(known: known)

        #expect(recorder.watcher.initialObjects.map(\.key) == ["changed.csv", "new.csv", "same.csv"])
        let events = try await recorder.events(count: 3)
        #expect(
            events.map(\.summary) == ["deleted inbox/gone.csv", "created inbox/changed.csv", "created inbox/new.csv"]
        )
        try await recorder.stop()
    }

    @Test("an object overwritten in place is reported again, even with the same size")
    func overwrite() async throws {
        let fixture = try WatchFixture()
        try fixture.makeFolder("inbox")
        let recorder = try fixture.watch()

        try fixture.write("inbox/state.json", "aaaa")
        _ = try await recorder.events(count: 1, thenQuietFor: .zero)
        try fixture.write("inbox/state.json", "bbbb")

        let events = try await recorder.events(count: 2)
        #expect(events.map(\.etag) == [md5Hex(Array("aaaa".utf8)), md5Hex(Array("bbbb".utf8))])
        #expect(events[0].sequencer < events[1].sequencer)
        try await recorder.stop()
    }

    @Test("a file larger than the read buffer is hashed in pieces to the right etag")
    func largeFile() async throws {
        let fixture = try WatchFixture()
        try fixture.makeFolder("inbox")
        let recorder = try fixture.watch()
        let bytes = (0..<(3 * 1024 * 1024 + 12345)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 11) }

        try fixture.write("inbox/big.bin", bytes: bytes)

        let events = try await recorder.events(count: 1)
        #expect(events.first?.size == bytes.count)
        #expect(events.first?.etag == md5Hex(bytes))
        try await recorder.stop()
    }

    @Test("the sequence ends when its task is cancelled")
    func cancellation() async throws {
        let fixture = try WatchFixture()
        let watcher = try BucketWatcher(bucketsDirectory: fixture.buckets, factory: ObjectEventFactory())
        let task = Task {
            var count = 0
            for try await _ in watcher.events() { count += 1 }
            return count
        }
        try await Task.sleep(for: .milliseconds(50))
        task.cancel()
        #expect(try await task.value == 0)
    }

    @Test("a missing buckets folder is an error that names it")
    func missingFolder() throws {
        let error = #expect(throws: WatchError.self) {
            try BucketWatcher(bucketsDirectory: "/nonexistent/sluice/buckets", factory: ObjectEventFactory())
        }
        #expect(error?.description == "/nonexistent/sluice/buckets is not a folder")
    }
}
