import ArgumentParser
import SluiceASL
import SluiceJSON
import SluiceTesting
import Testing

@testable import SluiceCLI

/// `sluice validate` in-process: every problem of each file with its code and location, the kind of a file told
/// by its folder, exit status 2 when anything is wrong.
struct ValidateCommandTests {
    /// A root with one good state machine and one bad file of each kind.
    func files() throws -> DaemonRoot {
        let root = try DaemonRoot()
        try root.write(
            "etc/sluice/state-machines/good.asl.json",
            #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#
        )
        try root.write("etc/sluice/state-machines/bad.asl.json", #"{"StartAt": "Nowhere", "States": {}}"#)
        try root.write("etc/sluice/rules/bad.json", #"{"EventPattern": {"source": "aws.s3"}, "Targets": {}}"#)
        try root.write("etc/sluice/functions/bad.json", #"{"Command": 3}"#)
        try root.write("broken.json", "{ nope")
        return root
    }

    @Test("Each problem names its file's code and location; a good file has none")
    func problems() throws {
        let root = try files()
        defer { root.remove() }
        let file = { (relative: String) in root.path + "/" + relative }
        #expect(ValidateCommand.check(file("etc/sluice/state-machines/good.asl.json")).isEmpty)
        let machine = ValidateCommand.check(file("etc/sluice/state-machines/bad.asl.json"))
        #expect(machine.map(\.code) == ["SCHEMA_VALIDATION_FAILED"])
        #expect(machine.first?.location == "/States")
        let rule = ValidateCommand.check(file("etc/sluice/rules/bad.json"))
        #expect(rule.map(\.code) == ["INVALID_RULE", "INVALID_RULE"])
        #expect(rule.map(\.location) == ["/EventPattern", "/Targets"])
        #expect(rule.first?.message.contains("InvalidEventPatternException") == true)
        let function = ValidateCommand.check(file("etc/sluice/functions/bad.json"))
        #expect(function.map(\.code) == ["INVALID_FUNCTION"])
        #expect(function.first?.location == "/Command")
        #expect(ValidateCommand.check(file("broken.json")).map(\.code) == ["INVALID_JSON"])
        let missing = ValidateCommand.check(file("missing.json"))
        #expect(missing.map(\.code) == ["FILE"])
        #expect(missing.first?.message.contains("no such file") == true)
    }

    @Test("A file's folder says what it is; elsewhere its fields do")
    func kinds() {
        #expect(ValidateCommand.kind(of: "/x/rules/a.json", ["StartAt": "A"]) == .rule)
        #expect(ValidateCommand.kind(of: "/x/a.asl.json", [:]) == .stateMachine)
        #expect(ValidateCommand.kind(of: "/x/a.json", ["Command": ["./run"]]) == .function)
        #expect(ValidateCommand.kind(of: "/x/a.json", ["EventPattern": [:]]) == .rule)
        #expect(ValidateCommand.kind(of: "/x/a.json", ["Endpoint": "a.sh"]) == .subscription)
        #expect(ValidateCommand.kind(of: "/x/a.json", ["NotificationConfiguration": [:]]) == .bucket)
    }

    @Test("Run: all good exits 0; any problem exits 2")
    func exitStatus() throws {
        let root = try files()
        defer { root.remove() }
        let good = try #require(
            try SluiceCommand.parseAsRoot(["validate", root.path + "/etc/sluice/state-machines/good.asl.json"])
                as? ValidateCommand
        )
        try good.run()
        let bad = try #require(
            try SluiceCommand.parseAsRoot([
                "validate", root.path + "/etc/sluice/state-machines/good.asl.json", root.path + "/broken.json",
            ]) as? ValidateCommand
        )
        #expect(throws: ExitCode(2)) { try bad.run() }
    }

    @Test("Without files, validate checks the whole configuration: /etc/sluice's and what the API created")
    func wholeRoot() throws {
        let root = try files()
        defer { root.remove() }
        try root.write("var/lib/sluice/config/state-machines/made.asl.json", #"{"StartAt": "X", "States": {}}"#)
        let listed = ValidateCommand.configurationFiles(root: root.path).map {
            String($0.dropFirst(root.path.count + 1))
        }
        #expect(
            listed == [
                "etc/sluice/state-machines/bad.asl.json", "etc/sluice/state-machines/good.asl.json",
                "etc/sluice/functions/bad.json", "etc/sluice/rules/bad.json",
                "var/lib/sluice/config/state-machines/made.asl.json",
            ]
        )
        let command = try #require(
            try SluiceCommand.parseAsRoot(["validate", "--root", root.path]) as? ValidateCommand
        )
        #expect(throws: ExitCode(2)) { try command.run() }
    }
}
