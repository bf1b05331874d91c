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

/// The fields of /proc/PID/stat after the command's name (state, ppid, pgrp, ...); nil once the pid is gone.
package func processStat(_ pid: Int32) -> [Substring]? {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
        let close = stat.lastIndex(of: ")")
    else { return nil }
    return stat[stat.index(close, offsetBy: 2)...].split(separator: " ")
}

/// Whether a process is gone (or a zombie of someone else's, which no longer runs).
package func processIsGone(_ pid: Int32) -> Bool {
    guard let state = processStat(pid)?.first else { return true }
    return state == "Z" || state == "X"
}

/// The processes, of any state, whose field `field` of /proc/PID/stat (1 the parent, 2 the process group) is `id`.
private func processes(where field: Int, is id: Int32, state: Substring? = nil) -> [Int32] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap { Int32($0) }.filter { pid in
        guard let fields = processStat(pid), fields.count > field, Int32(fields[field]) == id else { return false }
        return state.map { fields[0] == $0 } ?? true
    }
}

/// Our own children that are zombies (exited, never reaped).
package func zombieChildren() -> [Int32] {
    processes(where: 1, is: getpid(), state: "Z")
}

/// The processes in process group `pgid`, zombies included.
package func processGroupMembers(_ pgid: Int32) -> [Int32] {
    processes(where: 2, is: pgid)
}
