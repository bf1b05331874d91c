import Foundation
import SluiceJSON
import SluicePatterns
import Testing

/// Runs the recorded AWS cases in `shared/conformance/eventpatterns/pattern` (beside the package root) through
/// TestEventPattern's checks: the event's validation, the pattern's compilation, then the match.
@Suite struct EventPatternConformanceTests {
    @Test(.enabled(if: PatternCases.directory != nil))
    func recordedCases() throws {
        let directory = try #require(PatternCases.directory)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { !$0.hasPrefix(".") }
            .sorted()
        #expect(!names.isEmpty)
        for name in names {
            try PatternCases.check(directory + "/" + name, name: name)
        }
    }
}

private enum PatternCases {
    /// The pattern cases, found from this file's path; nil when this checkout does not have them.
    static let directory: String? = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let path = url.deletingLastPathComponent()
            .appendingPathComponent("shared/conformance/eventpatterns/pattern").standardized.path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }()

    static func check(_ directory: String, name: String) throws {
        // Inputs are byte-exact copies of what AWS was sent (malformed JSON included): read them as text.
        let patternText = try String(contentsOfFile: directory + "/pattern.json", encoding: .utf8)
        let eventText = try String(contentsOfFile: directory + "/event.json", encoding: .utf8)
        let expected = try JSONParser.parse(try String(contentsOfFile: directory + "/expected.json", encoding: .utf8))
        let outcome = Result { () throws(PatternError) -> Bool in
            let event = try EventValidation.event(text: eventText)
            return try EventPattern(text: patternText).matches(event)
        }
        switch outcome {
        case .success(let matched):
            #expect(expected["match"] == .bool(matched), "\(name): expected \(expected), got \(matched)")
        case .failure(let error):
            #expect(expected["error"] == .string(error.code), "\(name): expected \(expected), got \(error)")
            if let message = expected["message"]?.stringValue {
                #expect(error.message.split(separator: "\n").first.map(String.init) == message, "\(name)")
            }
        }
    }
}
