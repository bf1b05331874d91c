import Foundation
import SluiceConfig
import SluiceCore
import Testing

/// The configuration folders loaded file by file: good files load, each bad one is left out with a problem naming
/// its file and field, hidden and non-JSON names are not read.
struct ConfigLoaderTests {
    /// A temporary folder with `files` (name → text).
    struct Folder {
        let path: String

        init(_ files: [String: String]) throws {
            path = NSTemporaryDirectory() + "sluice-config-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            for (name, text) in files {
                try text.write(toFile: path + "/" + name, atomically: false, encoding: .utf8)
            }
        }

        func file(_ name: String) -> String { path + "/" + name }

        func remove() { try? FileManager.default.removeItem(atPath: path) }
    }

    static let rule =
        #"{"EventPattern": {"source": ["aws.s3"]}, "Targets": [{"Id": "t", "Arn": "arn:aws:states:local:000000000000:stateMachine:note"}]}"#

    @Test(
        "Rules: good files load under their names; broken JSON, a bad pattern and a duplicate name are problems of their files"
    )
    func rules() throws {
        let folder = try Folder([
            "inbox.json": Self.rule,
            "named.json":
                #"{"Name": "inbox", "EventPattern": {"source": ["x"]}, "Targets": [{"Id": "t", "Arn": "arn:aws:sns:local:000000000000:done"}]}"#,
            "broken.json": "{ half-saved",
            "pattern.json":
                #"{"EventPattern": {"source": "aws.s3"}, "Targets": [{"Id": "t", "Arn": "arn:aws:sns:local:000000000000:done"}]}"#,
            ".inbox.json.swp": "{ not read",
            "notes.txt": "not read",
        ])
        defer { folder.remove() }
        let (rules, problems) = ConfigLoader.loadRules(directory: folder.path)
        #expect(rules.rules.map(\.name) == ["inbox"])
        #expect(rules["inbox"]?.file == folder.file("inbox.json"))
        #expect(
            Set(problems.map(\.file)) == [
                folder.file("broken.json"), folder.file("named.json"), folder.file("pattern.json"),
            ]
        )
        let broken = try #require(problems.first { $0.file == folder.file("broken.json") })
        #expect(broken.location == "/")
        #expect(broken.message.hasPrefix("not valid JSON"))
        #expect(problems.first { $0.file == folder.file("named.json") }?.message == "another rule is named 'inbox'")
        let pattern = try #require(problems.first { $0.file == folder.file("pattern.json") })
        #expect(pattern.location == "/EventPattern")
        #expect(pattern.description.hasPrefix(folder.file("pattern.json") + ": /EventPattern: "))
    }

    @Test("Subscriptions: a missing Endpoint is a problem of its file, naming the field; the others load")
    func subscriptions() throws {
        let folder = try Folder([
            "record.json":
                #"{"TopicArn": "arn:aws:sns:local:000000000000:done", "Protocol": "exec", "Endpoint": "/bin/true"}"#,
            "nowhere.json": #"{"TopicArn": "arn:aws:sns:local:000000000000:done", "Protocol": "exec"}"#,
        ])
        defer { folder.remove() }
        let (subscriptions, problems) = ConfigLoader.loadSubscriptions(directory: folder.path)
        #expect(subscriptions.map(\.file) == [folder.file("record.json")])
        #expect(problems.count == 1)
        #expect(problems.first?.file == folder.file("nowhere.json"))
        #expect(problems.first?.message.contains("the field 'Endpoint' (the script to run) is required") == true)
    }

    @Test("Buckets: declarations load by file name; a bad one is a problem of its file")
    func buckets() throws {
        let folder = try Folder([
            "inbox.json": #"{"NotificationConfiguration": {"EventBridgeConfiguration": {}}}"#,
            "results.json": "{}",
            "bad.json": "[1, 2]",
        ])
        defer { folder.remove() }
        let (buckets, problems) = ConfigLoader.loadBuckets(directory: folder.path)
        #expect(buckets.map(\.name).sorted() == ["inbox", "results"])
        #expect(buckets.first { $0.name == "inbox" }?.sendsEventsToEventBridge == true)
        #expect(buckets.first { $0.name == "results" }?.sendsEventsToEventBridge == false)
        #expect(problems.map(\.file) == [folder.file("bad.json")])
    }

    @Test("State machines: NAME.asl.json loads as NAME; an invalid definition is its file's problem with AWS's code")
    func stateMachines() throws {
        let folder = try Folder([
            "note.asl.json": #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#,
            "plain.json": #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#,
            "empty.asl.json": #"{"StartAt": "Nowhere", "States": {}}"#,
            "broken.asl.json": "{",
        ])
        defer { folder.remove() }
        let (machines, problems) = StateMachineLoader.load(directory: folder.path)
        #expect(machines.keys.sorted() == ["note", "plain"])
        #expect(Set(problems.map(\.file)) == [folder.file("empty.asl.json"), folder.file("broken.asl.json")])
        let empty = try #require(problems.first { $0.file == folder.file("empty.asl.json") })
        #expect(empty.location == "/States")
        #expect(empty.message.hasPrefix("SCHEMA_VALIDATION_FAILED: "))
    }

    @Test("A folder that does not exist loads nothing and is no problem (sluiced runs without it)")
    func missingFolder() {
        let missing = NSTemporaryDirectory() + "sluice-config-missing-" + UUID().uuidString
        #expect(ConfigLoader.loadRules(directory: missing).rules.rules.isEmpty)
        #expect(ConfigLoader.loadRules(directory: missing).problems.isEmpty)
        #expect(ConfigLoader.loadSubscriptions(directory: missing).problems.isEmpty)
        #expect(StateMachineLoader.load(directory: missing).machines.isEmpty)
    }
}
