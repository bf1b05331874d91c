import Foundation
import SluiceJSON

/// The parts of sluiced.json the command line needs (region and account for ARNs, the worker budget).
package struct Settings {
    package var region = "local"
    package var account = "000000000000"
    package var maxWorkers = 8

    /// `path` under `root` (DESIGN.md: --root prefixes every folder).
    package static func path(_ root: String, _ path: String) -> String {
        root == "/" ? "/" + path : (root.hasSuffix("/") ? root + path : root + "/" + path)
    }

    /// Reads ROOT/etc/sluice/sluiced.json when it exists; defaults otherwise.
    package static func load(root: String) -> Settings {
        var settings = Settings()
        let file = path(root, "etc/sluice/sluiced.json")
        guard let data = FileManager.default.contents(atPath: file),
            case .object(let o)? = try? JSONParser.parse(bytes: Array(data))
        else { return settings }
        if case .string(let r)? = o["Region"] { settings.region = r }
        if case .string(let a)? = o["Account"] { settings.account = a }
        if case .int(let n)? = o["MaxWorkers"], n > 0 { settings.maxWorkers = n }
        return settings
    }
}
