#if canImport(Glibc)
    import Glibc
#endif

/// The user a function's workers run as (its file's `User`), looked up when the file loads: ids and the groups
/// the user is in, so that the spawn needs no look-up (it runs in a child that may not call into NSS).
package struct RunAs: Sendable, Hashable {
    package var name: String
    package var uid: uid_t
    package var gid: gid_t
    /// Supplementary groups, the primary one included.
    package var groups: [gid_t]

    /// The user named `name`, or what is wrong: no such user, or root (functions never run as root).
    package static func lookup(_ name: String) -> Result<RunAs, LookupError> {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16_384)
        guard getpwnam_r(name, &entry, &buffer, buffer.count, &result) == 0, result != nil else {
            return .failure(LookupError(message: "no user named '\(name)' on this machine"))
        }
        guard entry.pw_uid != 0 else { return .failure(LookupError(message: "functions never run as root")) }
        var count: Int32 = 64
        var groups = [gid_t](repeating: 0, count: Int(count))
        while getgrouplist(name, entry.pw_gid, &groups, &count) < 0 {
            groups = [gid_t](repeating: 0, count: Int(count) * 2)
            count = Int32(groups.count)
        }
        return .success(
            RunAs(name: name, uid: entry.pw_uid, gid: entry.pw_gid, groups: Array(groups.prefix(Int(count))))
        )
    }

    package struct LookupError: Error, Sendable {
        package var message: String
    }

    /// Why this process cannot start workers as this user, if it cannot: the user is not in `group`, or switching
    /// users needs CAP_SETUID and CAP_SETGID, which this process lacks.
    package func problem(group: gid_t?) -> String? {
        guard uid != geteuid() else { return nil }
        if let group, !groups.contains(group) {
            let name = getgrgid(group).flatMap { $0.pointee.gr_name.map { String(cString: $0) } } ?? "\(group)"
            return "user '\(self.name)' is not a member of group \(name), sluiced's: workers run only as its members"
        }
        guard Self.canSwitchUsers() else {
            return "running workers as '\(name)' needs CAP_SETUID and CAP_SETGID, which this process lacks "
                + "(for sluiced: AmbientCapabilities=CAP_SETUID CAP_SETGID in a drop-in, see the README)"
        }
        return nil
    }

    /// Whether this process holds CAP_SETUID (7) and CAP_SETGID (6) in its effective set.
    static func canSwitchUsers() -> Bool {
        guard let file = fopen("/proc/self/status", "r") else { return false }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 512)
        while fgets(&line, Int32(line.count), file) != nil {
            let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            guard text.hasPrefix("CapEff:") else { continue }
            let hex = text.dropFirst(7).trimmingPrefix { $0 == " " || $0 == "\t" }.prefix { $0.isHexDigit }
            guard let bits = UInt64(hex, radix: 16) else { return false }
            return bits & (1 << 6) != 0 && bits & (1 << 7) != 0
        }
        return false
    }
}
