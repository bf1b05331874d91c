import Foundation
import Logging
import SluiceJSON
import SluiceWorkers

/// The test kit: what several test targets share. A temporary functions folder with scripts written by the test, and a host over it.
package struct FunctionFixture {
    package let directory: String

    package init() throws {
        directory = NSTemporaryDirectory() + "sluice-functions-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// Writes an executable script and the function file that runs it.
    /// Without a Timeout in `settings` the function gets 120 s, not Lambda's 3 s: at the start of a test run hundreds
    /// of tests start at once on two cores and a script can wait seconds for a CPU; timed out, its worker would be
    /// replaced and the test's counts of workers and results would be the machine's, not the code's.
    package func function(_ name: String, script: String, _ settings: String = "") throws {
        let path = directory + "/" + name + ".sh"
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
        let timed =
            settings.contains("\"Timeout\"") ? settings : (settings.isEmpty ? "" : settings + ", ") + #""Timeout": 120"#
        let extra = ", " + timed
        try #"{"Command": ["./\#(name).sh"]\#(extra)}"#.write(
            toFile: directory + "/" + name + ".json",
            atomically: true,
            encoding: .utf8
        )
    }

    package func host(maxWorkers: Int = 8) -> FunctionHost {
        FunctionHost(
            directory: directory,
            maxWorkers: maxWorkers,
            logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() },
            grace: 0.5
        )
    }

    package func file(_ name: String) -> String { directory + "/" + name }

    package func remove() { try? FileManager.default.removeItem(atPath: directory) }
}

/// Whether a process is gone (or a zombie of someone else's, which no longer runs).
package func processIsGone(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
    guard let close = stat.lastIndex(of: ")") else { return true }
    let state = stat[stat.index(close, offsetBy: 2)]
    return state == "Z" || state == "X"
}

/// Our own children that are zombies (exited, never reaped).
package func zombieChildren() -> [Int32] {
    let me = getpid()
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap { Int32($0) }.filter { pid in
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        let fields = stat[stat.index(close, offsetBy: 2)...].split(separator: " ")
        return fields.count > 1 && fields[0] == "Z" && Int32(fields[1]) == me
    }
}
