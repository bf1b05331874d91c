/// Which file names can be objects (DESIGN.md): names starting with a dot or ending in .tmp, .part, .partial or ~
/// are an upload in progress or an editor's work, never objects. The watcher and the bucket store both ask here.
package enum ObjectName {
    package static func isObject(_ name: String) -> Bool {
        guard !name.isEmpty, !name.hasPrefix(".") else { return false }
        for suffix in [".tmp", ".part", ".partial", "~"] where name.hasSuffix(suffix) { return false }
        return true
    }
}
