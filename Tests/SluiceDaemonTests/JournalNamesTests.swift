import Foundation
import SluiceInterpreter
import SluiceStore
import SluiceTesting
import SluiceVocabulary
import Testing

extension InProcessDaemonTests {
    @Test("Two uploads at once: every journal line about an execution or map run names which", .timeLimit(.minutes(3)))
    func journalNamesEachExecution() async throws {
        let root = try DaemonRoot()
        defer { root.remove() }
        try root.slowMap(maxConcurrency: 2)
        try await InProcessDaemon.run(on: root) { daemon in
            try root.write("staging/a.jsonl", String(repeating: "{\"nap\": 1}\n", count: 2))
            try root.write("staging/b.jsonl", String(repeating: "{\"nap\": 1}\n", count: 3))
            for name in ["a.jsonl", "b.jsonl"] {
                rename(root.path + "/staging/" + name, root.path + "/var/lib/sluice/buckets/inbox/" + name)
            }
            try await eventually("two executions SUCCEEDED") { root.executions(status: .succeeded).count == 2 }
            // The map runs' last progress lines come as their executions end; both are logged once the store
            // says so.
            try await eventually("both runs' last lines", within: .seconds(60)) {
                daemon.log.count("items (100%), 0 failed, SUCCEEDED") == 2
            }
            let text = daemon.log.text
            for (file, items) in [("a", 2), ("b", 3)] {
                let name = try #require(root.executions().map(\.name).first { $0.hasPrefix("\(file)-jsonl-") })
                #expect(
                    text.contains("execution slow:\(name) started by rule inbox for s3://inbox/\(file).jsonl"),
                    "no start line for \(name)"
                )
                #expect(text.contains("execution slow:\(name) SUCCEEDED in "))
                #expect(text.contains("\(items)/\(items) items (100%), 0 failed, SUCCEEDED"))
            }
            // No line of the executions' own says less than which one it is about.
            for line in text.split(separator: "\n")
            where line.contains("execution ") && !line.contains("Object Created") {
                #expect(line.contains("execution slow:"), "a line that does not say which execution: \(line)")
            }
        }
    }
}
