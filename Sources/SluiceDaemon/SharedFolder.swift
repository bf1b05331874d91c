import CSluiceLinux
import Foundation
import Glibc
import SluiceLinux

/// Bucket folders are shared with the members of sluiced's group: they drop files there as themselves. So a bucket
/// folder is group-writable and setgid (what is made inside belongs to the group), and carries a default POSIX ACL
/// giving the group rwx, so that a folder or file a member or root makes inside (a key prefix, an upload) is
/// writable and readable by the group whatever that user's umask. Others get nothing.
enum SharedFolder {
    /// Makes `path` (and missing parents) if needed, then gives it group rwx, setgid and the default ACL. Throws
    /// when the folder cannot be made; answers what of the rest could not be done (the folder still works).
    static func prepare(_ path: String) throws -> String? {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        var info = stat()
        guard stat(path, &info) == 0 else { return "cannot stat \(path): \(Posix.message(errno))" }
        var problems: [String] = []
        // Under systemd (UMask=0007, a setgid state folder) the folder is 2770 already. chmod only when it is not:
        // the unit's RestrictSUIDSGID= refuses any chmod that names the setgid bit, and one without it clears it.
        let wanted: mode_t = S_ISGID | 0o770
        if info.st_mode & 0o7777 != wanted, chmod(path, wanted) != 0 {
            problems.append("cannot make \(path) group-writable and setgid: \(Posix.message(errno))")
        }
        let acl = defaultACL
        let result = acl.withUnsafeBytes { setxattr(path, "system.posix_acl_default", $0.baseAddress, $0.count, 0) }
        // A file system without ACLs still has the mode and setgid; only umasks then decide.
        if result != 0, errno != ENOTSUP, errno != EOPNOTSUPP {
            problems.append("cannot set the default ACL of \(path): \(Posix.message(errno))")
        }
        return problems.isEmpty ? nil : problems.joined(separator: "; ")
    }

    /// The kernel's posix_acl_xattr form of `u::rwx g::rwx m::rwx o::---` (version 2; entries of tag, permissions
    /// and an id that these tags do not use).
    static let defaultACL: [UInt8] = {
        func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
        func entry(_ tag: UInt16, _ perm: UInt16) -> [UInt8] { le16(tag) + le16(perm) + [0xFF, 0xFF, 0xFF, 0xFF] }
        // ACL_USER_OBJ 0x01, ACL_GROUP_OBJ 0x04, ACL_MASK 0x10, ACL_OTHER 0x20.
        return [2, 0, 0, 0] + entry(0x01, 7) + entry(0x04, 7) + entry(0x10, 7) + entry(0x20, 0)
    }()
}
