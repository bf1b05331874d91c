import Foundation
import SluiceLinux
import Testing

/// The system-call primitives every module shares, on a fresh temporary folder.
struct PosixTests {
    /// A temporary folder, removed when the test ends.
    final class Folder {
        let path: String

        init() throws {
            path =
                FileManager.default.temporaryDirectory.appendingPathComponent("sluice-linux-\(UUID().uuidString)")
                .path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }

        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    @Test("A failing call answers its errno, named after the operation")
    func failureNamesTheCall() {
        let result = Posix.retrying("close") { close(-1) }
        #expect(result == .failure(Posix.Errno(code: EBADF, operation: "close")))
        #expect(Posix.Errno(code: ENOSPC).message == String(cString: strerror(ENOSPC)))
        #expect(Posix.retrying("getpid") { getpid() } == .success(getpid()))
    }

    @Test("A non-blocking read with nothing to read answers nil, not a failure")
    func nonBlockingWouldBlock() throws {
        var ends: [Int32] = [-1, -1]
        try #require(pipe(&ends) == 0)
        defer {
            close(ends[0])
            close(ends[1])
        }
        _ = fcntl(ends[0], F_SETFL, fcntl(ends[0], F_GETFL) | O_NONBLOCK)
        var byte: UInt8 = 0
        #expect(Posix.retryingNonBlocking("read") { read(ends[0], &byte, 1) } == .success(nil))
    }

    @Test("createExclusive refuses a taken name; writeAll, sync and rename put the bytes in place")
    func writeAndRename() throws {
        let folder = try Folder()
        let temporary = folder.path + "/.x.tmp"
        let fd = try Posix.createExclusive(temporary).get()
        #expect(Posix.createExclusive(temporary) == .failure(Posix.Errno(code: EEXIST, operation: "create")))
        let bytes = Array("hello\n".utf8)
        #expect(bytes.withUnsafeBytes { Posix.writeAll(fd, $0) }.failed == nil)
        #expect(Posix.sync(fd).failed == nil)
        #expect(Posix.close(fd).failed == nil)
        #expect(Posix.rename(temporary, to: folder.path + "/x").failed == nil)
        #expect(try String(contentsOfFile: folder.path + "/x", encoding: .utf8) == "hello\n")
        #expect(Posix.status(temporary) == nil)
    }

    @Test("makeDirectories makes the missing folders; a file in the way is ENOTDIR")
    func directories() throws {
        let folder = try Folder()
        #expect(Posix.makeDirectories(folder.path + "/a/b/c").failed == nil)
        #expect(Posix.status(folder.path + "/a/b/c")?.isDirectory == true)
        #expect(Posix.makeDirectory(folder.path + "/a").failed == nil)
        _ = FileManager.default.createFile(atPath: folder.path + "/f", contents: Data())
        #expect(Posix.makeDirectory(folder.path + "/f").failed == Posix.Errno(code: ENOTDIR, operation: "mkdir"))
    }

    @Test("AtomicFile replaces a file whole, leaving no temporary file behind")
    func atomicFile() throws {
        let folder = try Folder()
        let path = folder.path + "/d/e/file.json"
        try AtomicFile.write(Array("1".utf8), to: path)
        try AtomicFile.write(Array("22".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "22")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/d/e") == ["file.json"])
    }

    @Test("isInside compares bytes and whole names")
    func inside() {
        #expect(Posix.isInside("/r/b", root: "/r/b"))
        #expect(Posix.isInside("/r/b/x", root: "/r/b"))
        #expect(!Posix.isInside("/r/bx", root: "/r/b"))
        #expect(!Posix.isInside("/r/caf\u{E9}", root: "/r/cafe\u{301}"))
    }

    @Test("Directory entries leave out . and .. and names that are not UTF-8")
    func entries() throws {
        let folder = try Folder()
        _ = FileManager.default.createFile(atPath: folder.path + "/ok", contents: Data())
        let invalid: [UInt8] = Array((folder.path + "/").utf8) + [0x66, 0xFF, 0]
        let fd = invalid.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) }
        }
        try #require(fd >= 0)
        close(fd)
        #expect(try Posix.directoryEntries(folder.path).get() == ["ok"])
        #expect(Posix.directoryEntries(folder.path + "/missing").failed?.code == ENOENT)
    }
}

extension Result {
    /// The failure, or nil on success.
    var failed: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}
