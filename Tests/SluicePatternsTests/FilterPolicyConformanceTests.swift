import Foundation
import SluiceJSON
import SluicePatterns
import Testing

/// Runs the SNS filter-policy cases recorded against AWS in `shared/conformance/eventpatterns/sns-filter` (beside
/// the package root): the verdict for each message, or the `InvalidParameter` error with AWS's message.
@Suite struct FilterPolicyConformanceTests {
    @Test(.enabled(if: FilterPolicyCases.directory != nil), arguments: FilterPolicyCases.names)
    func recordedCase(_ name: String) throws {
        let directory = try #require(FilterPolicyCases.directory) + "/" + name
        func text(_ file: String) throws -> String? {
            let path = directory + "/" + file
            guard FileManager.default.fileExists(atPath: path) else { return nil }
            return try String(contentsOfFile: path, encoding: .utf8)
        }
        let expected = try JSONParser.parse(try #require(try text("expected.json")))
        let meta = try JSONParser.parse(try #require(try text("meta.json")))
        let scope = try #require(FilterPolicyScope(rawValue: meta["inputs"]?["scope"]?.stringValue ?? ""))
        let attributes = try text("attributes.json").map { try JSONParser.parse($0).objectValue ?? [:] } ?? [:]
        let policyText = try #require(try text("policy.json"))
        let outcome = Result { () throws(PatternError) in try FilterPolicy(text: policyText, scope: scope) }
        switch (outcome, expected["match"]?.boolValue) {
        case (.success(let policy), let match?):
            let message = try #require(try text("message.txt"))
            #expect(policy.matches(message: message, attributes: attributes) == match, "\(name)")
        case (.failure(let error), nil):
            #expect(error.code == expected["error"]?.stringValue, "\(name)")
            #expect(error.message == expected["message"]?.stringValue, "\(name)")
        default:
            Issue.record("\(name): expected \(expected), got \(outcome)")
        }
    }
}

private enum FilterPolicyCases {
    /// The sns-filter cases, found from this file's path; nil when this checkout does not have them.
    static let directory: String? = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let path = url.deletingLastPathComponent()
            .appendingPathComponent("shared/conformance/eventpatterns/sns-filter").standardized.path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }()

    static let names: [String] = {
        guard let directory, let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            return []
        }
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }()
}
