import Glibc

extension Inotify {
    /// The bits of an inotify mask: what happened (in events) or what to report (when adding a watch).
    package struct Mask: OptionSet, Hashable, Sendable {
        package var rawValue: UInt32

        package init(rawValue: UInt32) {
            self.rawValue = rawValue
        }

        // Glibc imports most of these as Int32 and IN_ONESHOT as UInt32; the kernel ABI is a 32-bit unsigned mask.
        /// A file opened for writing was closed.
        package static let closeWrite = Mask(rawValue: UInt32(IN_CLOSE_WRITE))
        /// A file or folder was created in the watched folder.
        package static let create = Mask(rawValue: UInt32(IN_CREATE))
        /// A file or folder was deleted from the watched folder.
        package static let delete = Mask(rawValue: UInt32(IN_DELETE))
        /// The watched folder itself was deleted.
        package static let deleteSelf = Mask(rawValue: UInt32(IN_DELETE_SELF))
        /// A file was modified.
        package static let modify = Mask(rawValue: UInt32(IN_MODIFY))
        /// The watched folder itself was moved.
        package static let moveSelf = Mask(rawValue: UInt32(IN_MOVE_SELF))
        /// A name was moved out of the watched folder (the first half of a rename).
        package static let movedFrom = Mask(rawValue: UInt32(IN_MOVED_FROM))
        /// A name was moved into the watched folder (the second half of a rename).
        package static let movedTo = Mask(rawValue: UInt32(IN_MOVED_TO))

        /// When adding a watch: do not follow a symlink at the watched path.
        package static let dontFollow = Mask(rawValue: UInt32(IN_DONT_FOLLOW))
        /// When adding a watch: no events for names after they were unlinked from the folder.
        package static let excludeUnlinked = Mask(rawValue: UInt32(IN_EXCL_UNLINK))
        /// When adding a watch: fail unless the path is a folder.
        package static let onlyDirectory = Mask(rawValue: UInt32(IN_ONLYDIR))

        /// In an event: the watch was removed (explicitly, or because its folder went away).
        package static let ignored = Mask(rawValue: UInt32(IN_IGNORED))
        /// In an event: the name is a folder.
        package static let isDirectory = Mask(rawValue: UInt32(IN_ISDIR))
        /// In an event: the kernel queue overflowed and events were lost.
        package static let queueOverflow = Mask(rawValue: UInt32(IN_Q_OVERFLOW))
        /// In an event: the file system holding the watched folder was unmounted.
        package static let unmount = Mask(rawValue: UInt32(IN_UNMOUNT))
    }

    /// One decoded `struct inotify_event`.
    package struct Event: Hashable, Sendable {
        /// The watch the event is for; -1 for a queue overflow.
        package var watchDescriptor: Int32
        /// What happened.
        package var mask: Mask
        /// Pairs the two halves of a rename (`movedFrom` and `movedTo` carry the same cookie).
        package var cookie: UInt32
        /// The name inside the watched folder, as the file system stores it; empty for events on the folder itself.
        package var nameBytes: [UInt8]

        /// An event, as the kernel would report it.
        package init(watchDescriptor: Int32, mask: Mask, cookie: UInt32 = 0, nameBytes: [UInt8] = []) {
            self.watchDescriptor = watchDescriptor
            self.mask = mask
            self.cookie = cookie
            self.nameBytes = nameBytes
        }

        /// The name as text; nil when there is none or it is not valid UTF-8 (it cannot be an S3 key then).
        package var name: String? {
            nameBytes.isEmpty ? nil : String(validating: nameBytes, as: UTF8.self)
        }
    }
}

extension Inotify.Event {
    /// The fixed part of `struct inotify_event`: wd, mask, cookie and len, four 32-bit fields.
    static let headerSize = 16

    /// Decodes every event in bytes returned by one `read(2)` of an inotify descriptor.
    ///
    /// The kernel only returns whole events, so a truncated one means a kernel or caller bug; it is dropped rather
    /// than trusted.
    static func decode(_ bytes: UnsafeRawBufferPointer) -> [Inotify.Event] {
        var events: [Inotify.Event] = []
        var offset = 0
        while bytes.count - offset >= headerSize {
            let wd = bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self)
            let mask = bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
            let cookie = bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self)
            let length = Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
            let nameStart = offset + headerSize
            guard bytes.count - nameStart >= length else { break }
            // The name is NUL-terminated and padded with more NULs to an alignment boundary.
            var name = Array(bytes[nameStart..<(nameStart + length)])
            if let end = name.firstIndex(of: 0) { name.removeSubrange(end...) }
            events.append(
                Inotify.Event(watchDescriptor: wd, mask: Inotify.Mask(rawValue: mask), cookie: cookie, nameBytes: name)
            )
            offset = nameStart + length
        }
        return events
    }
}
