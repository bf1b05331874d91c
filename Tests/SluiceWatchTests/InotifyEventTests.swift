import Testing

@testable import SluiceWatch

struct InotifyEventTests {
    /// One `struct inotify_event` as the kernel lays it out: four native-endian 32-bit fields, then the name padded
    /// with NULs to `length` bytes.
    private func record(wd: Int32, mask: UInt32, cookie: UInt32, name: String, length: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        withUnsafeBytes(of: wd) { bytes += $0 }
        withUnsafeBytes(of: mask) { bytes += $0 }
        withUnsafeBytes(of: cookie) { bytes += $0 }
        withUnsafeBytes(of: UInt32(length)) { bytes += $0 }
        let name = Array(name.utf8)
        return bytes + name + [UInt8](repeating: 0, count: length - name.count)
    }

    @Test("decodes consecutive events, strips the name padding and drops a truncated tail")
    func decode() {
        var buffer = record(wd: 3, mask: 0x80, cookie: 42, name: "a b\nc.csv", length: 16)
        buffer += record(wd: 1, mask: 0x4000_0100, cookie: 0, name: "", length: 0)
        buffer += record(wd: 7, mask: 0x8, cookie: 0, name: "truncated", length: 16).dropLast(4)

        let events = buffer.withUnsafeBytes { Inotify.Event.decode($0) }

        #expect(
            events == [
                Inotify.Event(watchDescriptor: 3, mask: .movedTo, cookie: 42, nameBytes: Array("a b\nc.csv".utf8)),
                Inotify.Event(watchDescriptor: 1, mask: [.create, .isDirectory]),
            ]
        )
        #expect(events[0].name == "a b\nc.csv")
        #expect(events[1].name == nil)
    }

    @Test("a name that is not UTF-8 has no text (it cannot be an S3 key)")
    func invalidName() {
        let event = Inotify.Event(watchDescriptor: 1, mask: .closeWrite, nameBytes: [0x66, 0xff, 0x6f])
        #expect(event.name == nil)
    }
}
