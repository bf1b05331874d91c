import CSluiceLinux

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Posix {
    /// Sets the extended attribute `name` of the file at `path` (what S3 keeps beside an object's bytes: its
    /// Content-Type and user metadata travel with the file through renames).
    package static func setAttribute(_ path: String, _ name: String, _ value: [UInt8]) -> Result<Void, Errno> {
        let status = value.withUnsafeBytes { setxattr(path, name, $0.baseAddress, $0.count, 0) }
        return status == 0 ? .success(()) : .failure(Errno(code: errno, operation: "setxattr"))
    }

    /// The extended attribute `name` of the file at `path`; nil when it has none (or the file system keeps none).
    package static func attribute(_ path: String, _ name: String) -> [UInt8]? {
        let size = getxattr(path, name, nil, 0)
        guard size >= 0 else { return nil }
        var value = [UInt8](repeating: 0, count: size)
        let read = value.withUnsafeMutableBytes { getxattr(path, name, $0.baseAddress, $0.count) }
        guard read >= 0 else { return nil }
        return Array(value.prefix(read))
    }
}
