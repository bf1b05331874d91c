import Foundation
import SluiceJSON
import SluiceStore

/// Sends a request to the running sluiced through sluice.db and waits for its answer (AWS's response, or an
/// error `{"__type", "message"}`, which becomes exit status 2 with the message).
enum DaemonRequest {
    static func send(_ kind: String, _ body: JSONValue, root: String) throws -> JSONValue {
        let store = try MapRunDocument.openStore(root: root, writing: true)
        let id = try store.requestControl(kind: kind, body: body.serialized())
        var deadline = Date().addingTimeInterval(5)
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
                if taken { throw CLIError.exit("sluiced took the \(kind) request but did not answer within 10 s") }
                if try store.withdrawControl(id) {
                    throw CLIError.exit("sluiced did not take the \(kind) request within 5 s (is it running?)")
                }
                // Taken: the answer is on its way.
                taken = true
                deadline = Date().addingTimeInterval(5)
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }
}
