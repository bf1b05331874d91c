import Foundation
import Glibc
import SluiceStore

/// Whether this user may use sluiced's store, and if not, what to do about it: the store belongs to sluiced's
/// user and group, and the group's members are who may drive sluiced.
enum StoreAccess {
    /// Throws the reason this user cannot read (or write) the store at `path`: not permitted, or no store yet.
    static func check(_ path: String, writing: Bool) throws {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == EACCES { throw CLIError.exit(notPermitted(path, group: groupOfFolder(path))) }
            throw CLIError.exit(StoreMissing(path: path).description)
        }
        if access(path, writing ? R_OK | W_OK : R_OK) != 0 {
            throw CLIError.exit(notPermitted(path, group: group(of: info.st_gid)))
        }
    }

    /// Throws when a folder of sluiced's exists but this user may not read it (a missing one is simply empty).
    static func checkFolder(_ path: String) throws {
        var info = stat()
        if stat(path, &info) != 0 {
            guard errno == EACCES else { return }
            throw CLIError.exit(notPermitted(path, group: groupOfFolder(path)))
        }
        if access(path, R_OK | X_OK) != 0 { throw CLIError.exit(notPermitted(path, group: group(of: info.st_gid))) }
    }

    static func notPermitted(_ path: String, group: String?) -> String {
        let name = group ?? "sluice"
        return "not permitted: \(path) is sluiced's; add yourself to group \(name) "
            + "(sudo usermod -aG \(name) $USER, then log in again)"
    }

    private static func groupOfFolder(_ path: String) -> String? {
        var folder = (path as NSString).deletingLastPathComponent
        var info = stat()
        // The nearest folder this user can see; its group is sluiced's.
        while !folder.isEmpty, folder != "/" {
            if stat(folder, &info) == 0 { return group(of: info.st_gid) }
            folder = (folder as NSString).deletingLastPathComponent
        }
        return nil
    }

    private static func group(of gid: gid_t) -> String? {
        guard let entry = getgrgid(gid), let name = entry.pointee.gr_name else { return nil }
        return String(cString: name)
    }
}
