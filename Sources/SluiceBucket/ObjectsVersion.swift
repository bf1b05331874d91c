import SluiceLinux
import SluiceVocabulary

/// What a map run's reader reads, said so that it can be compared after a restart (`ItemSource.version`): a run
/// resumed skips the items it had read, which is right only over the same content.
enum ObjectsVersion {
    /// One object: its size, modification time and inode (a rewrite in place changes the first two, a replacement
    /// by rename the third).
    static func of(_ status: FileStatus) -> String {
        "size \(status.size), modified \(status.modifiedNanoseconds) ns, inode \(status.inode)"
    }

    /// Objects read one after another (a prefix's listing, a manifest's data files): how many, and an MD5 over each
    /// one's key and version, in reading order; an object gone counts as such. A listing that gained or lost an
    /// object, or an object that changed, gives another fingerprint.
    static func of(_ objects: [(key: String, status: FileStatus?)]) -> String {
        var hash = MD5()
        for (key, status) in objects {
            let line = key + "\t" + (status.map(of) ?? "missing") + "\n"
            Array(line.utf8).withUnsafeBytes { hash.update($0) }
        }
        return "\(objects.count) objects, fingerprint \(hash.finalizeHex())"
    }
}
