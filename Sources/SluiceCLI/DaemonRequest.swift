import Foundation
import SluiceEngine
import SluiceJSON
import SluiceStore

/// Sends a request to the running sluiced through sluice.db and waits for its answer (AWS's response, or an
/// error `{"__type", "message"}`, which becomes exit status 2 with the message).
enum DaemonRequest {
    static func send(_ kind: String, _ body: JSONValue, root: String) throws -> JSONValue {
        let store = try MapRunDocument.openStore(root: root, writing: true)
        let id = try store.requestControl(kind: kind, body: body.serialized())
        let started = Date()
        var deadline = started.addingTimeInterval(5)
        var taken = false
        while true {
            if let text = try store.takeControlAnswer(id) {
                let answer = (try? JSONParser.parse(text)) ?? .null
                if let type = answer["__type"]?.stringValue {
                    throw CLIError.exit("\(type): \(answer["message"]?.stringValue ?? "")")
                }
                return answer
            }
            if Date() >= deadline {
                if taken { throw CLIError.exit("sluiced took the \(kind) request but did not answer within a minute") }
                // A sluiced that holds the root's lock is running but busy: it is given up to a minute.
                if !taken, Self.daemonRunning(root: root), Date() < started.addingTimeInterval(60) {
                    deadline = Date().addingTimeInterval(1)
                    Thread.sleep(forTimeInterval: 0.05)
                    continue
                }
                if try store.withdrawControl(id) {
                    throw CLIError.exit(
                        Self.daemonRunning(root: root)
                            ? "sluiced did not take the \(kind) request within a minute (it is running, but busy)"
                            : "sluiced did not take the \(kind) request within 5 s (is it running?)"
                    )
                }
                // Taken: the answer is on its way, from a sluiced that may be busy (a minute, as for taking it).
                taken = true
                deadline = Date().addingTimeInterval(60)
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// Whether a sluiced runs on `root`: the kernel lists a flock on its lock file (/proc/locks). Trying the lock
    /// itself would hold it for a moment, and a sluiced starting in that moment would find it taken.
    static func daemonRunning(root: String) -> Bool {
        var status = stat()
        guard stat(SluicePaths(root: root).runtime + "/sluiced.lock", &status) == 0,
            let locks = try? String(contentsOfFile: "/proc/locks", encoding: .utf8)
        else { return false }
        let inode = String(status.st_ino)
        return locks.split(separator: "\n").contains { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            // "1: FLOCK  ADVISORY  WRITE 1234 fd:01:5678 0 EOF": the file is MAJOR:MINOR:INODE.
            return fields.count >= 6 && fields[1] == "FLOCK"
                && fields[5].split(separator: ":").last.map(String.init) == inode
        }
    }
}
