import Foundation
import SluiceJSON
import SluicePatterns
import Testing

/// Runs the recorded AWS cases in `shared/conformance/eventpatterns/transformer` (beside the package root) through
/// `TargetInput`: the PutTargets error, the dropped event, or the body exactly as the target received it.
@Suite struct InputTransformerConformanceTests {
    @Test(.enabled(if: TransformerCases.directory != nil))
    func recordedCases() throws {
        let directory = try #require(TransformerCases.directory)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { !$0.hasPrefix(".") }
            .sorted()
        #expect(!names.isEmpty)
        for name in names {
            try TransformerCases.check(directory + "/" + name, name: name)
        }
    }
}

private enum TransformerCases {
    /// The transformer cases, found from this file's path; nil when this checkout does not have them.
    static let directory: String? = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let path = url.deletingLastPathComponent()
            .appendingPathComponent("shared/conformance/eventpatterns/transformer").standardized.path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }()

    static func check(_ directory: String, name: String) throws {
        func read(_ file: String) throws -> JSONValue? {
            let path = directory + "/" + file
            guard FileManager.default.fileExists(atPath: path) else { return nil }
            return try JSONParser.parse(try String(contentsOfFile: path, encoding: .utf8))
        }
        let expected = try #require(try read("expected.json"), "\(name)")
        let event = try #require(try read("event.json"), "\(name)")
        let target = try #require(try read("transformer.json")?.objectValue, "\(name)")
        let values = try read("context.json")
        let context = TargetContext(
            ruleArn: values?["aws.events.rule-arn"]?.stringValue ?? "arn:aws:events:us-east-1:111111111111:rule/r",
            ruleName: values?["aws.events.rule-name"]?.stringValue ?? "r",
            ingestionTime: values?["aws.events.event.ingestion-time"]?.stringValue ?? "2024-01-01T00:00:00Z"
        )

        let input: TargetInput
        do {
            input = try TargetInput(target: target, targetId: "<target-id>")
        } catch {
            #expect(error.code == expected["error"]?.stringValue, "\(name): \(error)")
            if let message = expected["message"]?.stringValue { #expect(error.message == message, "\(name)") }
            return
        }
        #expect(expected["error"] == nil, "\(name): expected \(expected), but the target was accepted")
        let body = input.render(event: event, context: context)
        guard expected["delivered"] == true else {
            #expect(body == nil, "\(name): expected the event to be dropped, got \(body ?? "")")
            return
        }
        let delivered = try #require(body, "\(name): the event was dropped")
        if let text = expected["body_text"]?.stringValue {
            #expect(delivered == text, "\(name)")
        } else {
            let ignored = expected["ignore_paths"]?.arrayValue?.compactMap(\.stringValue) ?? []
            let got = blanking(try JSONParser.parse(delivered), ignored)
            #expect(got == blanking(expected["body_json"] ?? .null, ignored), "\(name): got \(delivered)")
        }
    }

    /// The document with each dotted path set to a marker, for fields the recording could not pin down.
    private static func blanking(_ value: JSONValue, _ paths: [String]) -> JSONValue {
        paths.reduce(value) { document, path in
            set(document, path.split(separator: ".").map(String.init)[...])
        }
    }

    private static func set(_ value: JSONValue, _ keys: ArraySlice<String>) -> JSONValue {
        guard let key = keys.first, case .object(var object) = value, let child = object[key] else { return value }
        object[key] = keys.count == 1 ? "<ignored>" : set(child, keys.dropFirst())
        return .object(object)
    }
}
