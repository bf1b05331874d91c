import Foundation
import SluiceTesting
import Testing

/// `sluice jsonata`, as a user tries an expression from the shell (like jq), and the batch contract the conformance
/// runner drives.
struct JSONataCommandTests {
    func run(_ arguments: [String], in root: DaemonRoot) async throws -> (String, String, Int32) {
        let run = try await SluiceTool(root: root).run(["jsonata"] + arguments, withRoot: false)
        return (String(decoding: run.output, as: UTF8.self).trimmingCharacters(in: .newlines), run.errors, run.status)
    }

    @Test("A result prints as JSON; undefined prints nothing; an error prints its code and message and exits 1")
    func results() async throws {
        let root = try DaemonRoot()
        defer { root.remove() }
        try root.write("input.json", #"{"answers": [1, 5, 3, 7]}"#)
        let (sum, _, sumStatus) = try await run(
            ["$sum(answers[$ > 2])", "--input", root.path + "/input.json"],
            in: root
        )
        #expect(sum == "15")
        #expect(sumStatus == 0)
        let (object, _, _) = try await run([#"{"n": $count(a)}"#, "--input-json", #"{"a": [1, 2]}"#], in: root)
        #expect(object == #"{"n":2}"#)
        let (nothing, _, nothingStatus) = try await run(["nosuch", "--input-json", "{}"], in: root)
        #expect(nothing.isEmpty)
        #expect(nothingStatus == 0)
        let (_, errors, errorStatus) = try await run(["$nosuch()"], in: root)
        #expect(errors.contains("T1006: Attempted to invoke a non-function"))
        #expect(errorStatus == 1)
    }

    @Test("Bindings come from a file; --cases answers one line per case in order")
    func bindingsAndCases() async throws {
        let root = try DaemonRoot()
        defer { root.remove() }
        try root.write("bindings.json", #"{"price": 5}"#)
        let (bound, _, _) = try await run(["$price * 2", "--bindings", root.path + "/bindings.json"], in: root)
        #expect(bound == "10")
        try root.write(
            "cases.jsonl",
            #"""
            {"id": "a", "expr": "1 + 1"}
            {"id": "b", "expr": "x", "input": {}}
            {"id": "c", "expr": "$string(", "input": {}}
            """# + "\n"
        )
        let (lines, _, status) = try await run(["--cases", root.path + "/cases.jsonl"], in: root)
        let answers = try lines.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(status == 0)
        #expect(answers.map { $0["id"] as? String } == ["a", "b", "c"])
        #expect(answers[0]["result"] as? Int == 2)
        #expect(answers[1]["undefined"] as? Bool == true)
        #expect((answers[2]["error"] as? String)?.hasPrefix("S0") == true)
    }
}
