import ArgumentParser
import Foundation
import SluiceConfig
import SluiceCore
import SluiceEngine
import SluiceJSON
import SluiceTopics

/// `sluice topics list`: every topic (a folder under topics/ or a subscription's topic), with its message and
/// dead-letter counts and its subscriptions.
struct TopicsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List topics with their messages, dead letters and subscriptions."
    )

    @Flag(help: "Print {\"Topics\": [{\"TopicArn\", \"Name\", \"Messages\", \"DeadLetters\", \"Subscriptions\"}]}.")
    var json = false

    @Option(help: "The root that sluice's folders are under, as for sluiced.")
    var root: String = "/"

    func run() throws {
        let settings = try SluiceSettings.load(root: root)
        let store = TopicStore(
            directory: SluicePaths(root: root).topics,
            region: settings.region,
            account: settings.account
        )
        try StoreAccess.checkFolder(store.directory)
        let (subscriptions, problems) = ConfigLoader.loadSubscriptions(
            directory: SluicePaths(root: root).subscriptions
        )
        for problem in problems { StandardError.write("sluice: subscription skipped: \(problem)\n") }
        let names = Set(store.topics()).union(subscriptions.map(\.topic)).sorted()
        let rows: [(name: String, messages: Int, deadLetters: Int, subscriptions: [String])] = names.map { name in
            (
                name,
                store.messageFiles(topic: name).count,
                store.deadLetterFiles(topic: name).count,
                subscriptions.filter { $0.topic == name }.map(\.name).sorted()
            )
        }
        if json {
            let topics: [JSONValue] = rows.map { row in
                var o = JSONObject()
                o["TopicArn"] = .string(store.topicArn(row.name))
                o["Name"] = .string(row.name)
                o["Messages"] = .int(row.messages)
                o["DeadLetters"] = .int(row.deadLetters)
                o["Subscriptions"] = .array(row.subscriptions.map { .string($0) })
                return .object(o)
            }
            print(JSONValue.object(["Topics": .array(topics)]).serialized())
            return
        }
        guard !rows.isEmpty else {
            print("no topics under \(store.directory)")
            return
        }
        let table =
            [["TOPIC", "MESSAGES", "DEAD-LETTERS", "SUBSCRIPTIONS"]]
            + rows.map {
                [
                    $0.name, String($0.messages), String($0.deadLetters),
                    $0.subscriptions.isEmpty ? "(none)" : $0.subscriptions.joined(separator: ", "),
                ]
            }
        let widths = (0..<3).map { column in table.map { $0[column].count }.max() ?? 0 }
        for line in table {
            let padded = (0..<3).map { line[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
            print((padded + [line[3]]).joined(separator: "  "))
        }
    }
}
