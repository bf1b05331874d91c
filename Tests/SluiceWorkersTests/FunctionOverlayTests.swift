import Foundation
import SluiceJSON
import SluiceTesting
import Testing

@testable import SluiceWorkers

/// What the API changed of a function file, laid over it when functions load.
struct FunctionOverlayTests {
    @Test("An overlay sets the concurrency fields, null takes the file's away, and nothing else passes")
    func apply() {
        let file: JSONValue = ["Command": ["./f.sh"], "ReservedConcurrency": 2, "ProvisionedConcurrency": 1]
        let overlay: JSONValue = [
            "ReservedConcurrency": 0, "ProvisionedConcurrency": .null, "ProvisionedQualifier": "live",
            "Command": ["rm"],
        ]
        #expect(FunctionOverlay.apply(overlay, to: file) == ["Command": ["./f.sh"], "ReservedConcurrency": 0])
        #expect(FunctionOverlay.apply("not an object", to: file) == file)
    }

    @Test("Functions load with their overlays; an unreadable overlay is a problem, the file alone still loads")
    func loading() throws {
        let f = try FunctionFixture()
        defer { f.remove() }
        let overlays = f.directory + "/overlays"
        try FileManager.default.createDirectory(atPath: overlays, withIntermediateDirectories: true)
        try f.function("held", script: "#!/bin/sh\necho '{}'\n", #""ReservedConcurrency": 2"#)
        try f.function("broken", script: "#!/bin/sh\necho '{}'\n", #""ReservedConcurrency": 3"#)
        try #"{"ReservedConcurrency": 0}"#.write(toFile: overlays + "/held.json", atomically: true, encoding: .utf8)
        try "{".write(toFile: overlays + "/broken.json", atomically: true, encoding: .utf8)
        try #"{"ReservedConcurrency": 1}"#.write(toFile: overlays + "/none.json", atomically: true, encoding: .utf8)
        let loaded = FunctionHost.loadDefinitions(directory: f.directory, overlays: overlays, usersInGroup: nil)
        let byName = Dictionary(uniqueKeysWithValues: loaded.definitions.map { ($0.name, $0) })
        #expect(byName.keys.sorted() == ["broken", "held"])
        #expect(byName["held"]?.reservedConcurrency == 0)
        #expect(byName["broken"]?.reservedConcurrency == 3)
        #expect(loaded.problems.map(\.file) == [overlays + "/broken.json"])
    }
}
