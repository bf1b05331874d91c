import Foundation
import SluiceLinux
import Testing

/// The one walker behind bucket listings and the watcher's scans.
struct DirectoryWalkerTests {
    @Test("Hidden names are skipped, folders are walked, symlinks count only as files inside the root")
    func walk() throws {
        let folder = try PosixTests.Folder()
        let root = folder.path + "/bucket"
        let files = FileManager.default
        try files.createDirectory(atPath: root + "/sub/.hidden", withIntermediateDirectories: true)
        _ = files.createFile(atPath: root + "/a.csv", contents: Data("1".utf8))
        _ = files.createFile(atPath: root + "/.dot", contents: Data())
        _ = files.createFile(atPath: root + "/sub/b.json", contents: Data("22".utf8))
        _ = files.createFile(atPath: root + "/sub/.hidden/c", contents: Data())
        _ = files.createFile(atPath: root + "/skip.tmp", contents: Data())
        _ = files.createFile(atPath: folder.path + "/outside", contents: Data())
        try files.createSymbolicLink(atPath: root + "/link", withDestinationPath: root + "/sub/b.json")
        try files.createSymbolicLink(atPath: root + "/away", withDestinationPath: folder.path + "/outside")
        try files.createSymbolicLink(atPath: root + "/loop", withDestinationPath: root)
        var entered: [String] = []
        let walker = DirectoryWalker(
            enterDirectory: { _, prefix in
                entered.append(prefix)
                return true
            },
            acceptsName: { !$0.hasSuffix(".tmp") }
        )
        var found: [DirectoryWalker.File] = []
        walker.walk(root: root, directory: root, relativePrefix: "", into: &found)
        found.sort { $0.relativePath < $1.relativePath }
        #expect(found.map(\.relativePath) == ["a.csv", "link", "sub/b.json"])
        #expect(found.map(\.isLink) == [false, true, false])
        #expect(found.map(\.status.size) == [1, 2, 2])
        #expect(found[1].path == root + "/link")
        #expect(found[1].resolvedPath == Posix.realPath(root + "/sub/b.json"))
        #expect(entered.sorted() == ["", "sub/"])
    }

    @Test("A folder left out by enterDirectory is not listed; an unreadable one is reported")
    func enterAndUnreadable() throws {
        let folder = try PosixTests.Folder()
        let files = FileManager.default
        try files.createDirectory(atPath: folder.path + "/no", withIntermediateDirectories: true)
        _ = files.createFile(atPath: folder.path + "/no/x", contents: Data())
        let walker = DirectoryWalker(enterDirectory: { _, prefix in prefix != "no/" }, acceptsName: { _ in true })
        var found: [DirectoryWalker.File] = []
        walker.walk(root: folder.path, directory: folder.path, relativePrefix: "", into: &found)
        #expect(found.isEmpty)
        var problems: [Int32] = []
        let reporting = DirectoryWalker(
            acceptsName: { _ in true },
            onUnreadable: { _, failure in problems.append(failure.code) }
        )
        reporting.walk(root: folder.path, directory: folder.path + "/gone", relativePrefix: "", into: &found)
        #expect(problems == [ENOENT])
    }
}
