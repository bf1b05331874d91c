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
        RequestDoorbell.ring(SluicePaths(root: root))
        let started = Date()
        var takenAt: Date?
        while true {
            if let text = try store.takeControlAnswer(id) {
                let answer = (try? JSONParser.parse(text)) ?? .null
                if let type = answer["__type"]?.stringValue {
                    throw CLIError.exit("\(type): \(answer["message"]?.stringValue ?? "")")
                }
                return answer
            }
            if let takenAt {
                // Taken: the answer is on its way, from a sluiced that may be busy (a minute, as for taking it).
                if Date().timeIntervalSince(takenAt) >= 60 {
                    throw CLIError.exit("sluiced took the \(kind) request but did not answer within a minute")
                }
            } else if let reason = notTaken(since: started, root: root) {
                if try store.withdrawControl(id) {
                    throw CLIError.exit("sluiced did not take the \(kind) request \(reason)")
                }
                takenAt = Date()
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// Why to stop waiting for sluiced to take a request made at `started`, or nil to wait on: 5 s when no sluiced
    /// runs on `root`, a minute when one does (it holds the root's lock, so it is busy, not gone).
    static func notTaken(since started: Date, root: String) -> String? {
        let waited = Date().timeIntervalSince(started)
        if waited < 5 { return nil }
        if !daemonRunning(root: root) { return "within 5 s (is it running?)" }
        return waited < 60 ? nil : "within a minute (it is running, but busy)"
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
