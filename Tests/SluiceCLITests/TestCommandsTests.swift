import Foundation
import SluiceTesting
import Testing

@testable import SluiceCLI

/// test-event-pattern, test-filter-policy and test-input-transformer: AWS's answers as JSON on stdout (read from the
/// `sluice` binary) and their exit statuses (run in-process).
struct TestCommandsTests {
    static let event =
        #"{"id": "1", "account": "1", "source": "aws.s3", "time": "2026-01-01T00:00:00Z", "region": "local", "detail-type": "x", "resources": [], "detail": {}}"#

    /// A root holding the files the commands read.
    func files() throws -> DaemonRoot {
        let root = try DaemonRoot()
        try root.write("event.json", Self.event)
        try root.write("bad-event.json", #"{"id": "1"}"#)
        try root.write("matches.json", #"{"source": ["aws.s3"]}"#)
        try root.write("misses.json", #"{"source": ["other"]}"#)
        try root.write("policy.json", #"{"color": ["red"]}"#)
        try root.write("bad-policy.json", #"{"color": "red"}"#)
        try root.write("message.txt", "hi")
        try root.write("red.json", #"{"color": {"DataType": "String", "StringValue": "red"}}"#)
        try root.write("blue.json", #"{"color": {"DataType": "String", "StringValue": "blue"}}"#)
        try root.write(
            "transformer.json",
            #"{"InputTransformer": {"InputPathsMap": {"s": "$.source"}, "InputTemplate": "{\"from\": <s>}"}}"#
        )
        try root.write("nothing.json", #"{"InputPath": "$.nosuch"}"#)
        try root.write("two-inputs.json", #"{"Input": "x", "InputPath": "$"}"#)
        return root
    }

    /// What `sluice ARGS` printed, and its status.
    func printed(_ root: DaemonRoot, _ arguments: [String]) async throws -> (String, Int32) {
        let run = try await SluiceTool(root: root).run(arguments, withRoot: false)
        return (String(decoding: run.output, as: UTF8.self).trimmingCharacters(in: .newlines), run.status)
    }

    @Test("test-event-pattern: true or false, exit 0; an event AWS refuses is a ValidationException, exit 2")
    func eventPattern() async throws {
        let root = try files()
        defer { root.remove() }
        let f = { (name: String) in root.path + "/" + name }
        let matches = ["test-event-pattern", "--pattern", f("matches.json"), "--event", f("event.json")]
        let misses = ["test-event-pattern", "--pattern", f("misses.json"), "--event", f("event.json")]
        let refused = ["test-event-pattern", "--pattern", f("matches.json"), "--event", f("bad-event.json")]
        #expect(try exitStatus(matches) == 0)
        #expect(try exitStatus(misses) == 0)
        #expect(try exitStatus(refused) == 2)
        #expect(try exitStatus(["test-event-pattern", "--pattern", f("none.json"), "--event", f("event.json")]) == 2)
        #expect(try await printed(root, matches) == (#"{"result":true}"#, 0))
        #expect(try await printed(root, misses) == (#"{"result":false}"#, 0))
        #expect(
            try await printed(root, refused)
                == (#"{"error":"ValidationException","message":"Parameter Event is not valid."}"#, 2)
        )
    }

    @Test("test-filter-policy: whether the attributes match, exit 0; a policy SNS refuses is InvalidParameter, exit 2")
    func filterPolicy() async throws {
        let root = try files()
        defer { root.remove() }
        let f = { (name: String) in root.path + "/" + name }
        let red = [
            "test-filter-policy", "--policy", f("policy.json"), "--message", f("message.txt"), "--attributes",
            f("red.json"),
        ]
        let blue = [
            "test-filter-policy", "--policy", f("policy.json"), "--message", f("message.txt"), "--attributes",
            f("blue.json"),
        ]
        let refused = ["test-filter-policy", "--policy", f("bad-policy.json"), "--message", f("message.txt")]
        #expect(try exitStatus(red) == 0)
        #expect(try exitStatus(refused) == 2)
        #expect(try await printed(root, red) == (#"{"result":true}"#, 0))
        #expect(try await printed(root, blue) == (#"{"result":false}"#, 0))
        let (answer, status) = try await printed(root, refused)
        #expect(status == 2)
        #expect(answer.hasPrefix(#"{"error":"InvalidParameter""#))
    }

    @Test("test-input-transformer: the body the target gets, exit 0; dropped, exit 3; refused, exit 2")
    func inputTransformer() async throws {
        let root = try files()
        defer { root.remove() }
        let f = { (name: String) in root.path + "/" + name }
        let run = { (target: String) in
            ["test-input-transformer", "--event", f("event.json"), "--transformer", f(target)]
        }
        #expect(try exitStatus(run("transformer.json")) == 0)
        #expect(try exitStatus(run("nothing.json")) == 3)
        #expect(try exitStatus(run("two-inputs.json")) == 2)
        #expect(try await printed(root, run("transformer.json")) == (#"{"from": "aws.s3"}"#, 0))
        #expect(try await printed(root, run("nothing.json")) == ("", 3))
        let (answer, status) = try await printed(root, run("two-inputs.json"))
        #expect(status == 2)
        #expect(answer.hasPrefix(#"{"error":"ValidationException""#))
    }
}
