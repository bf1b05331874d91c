import ArgumentParser
import Testing

@testable import SluiceCLI

/// `sluice`'s command line parsed in-process: each verb to its command with its options, and what it refuses.
struct ArgumentParsingTests {
    @Test("Each verb parses to its command with its options; --root defaults to /")
    func verbs() throws {
        let validate = try #require(
            try SluiceCommand.parseAsRoot(["validate", "a.json", "b.json", "--json"]) as? ValidateCommand
        )
        #expect(validate.files == ["a.json", "b.json"])
        #expect(validate.json)
        let list = try #require(
            try SluiceCommand.parseAsRoot(["executions", "list", "--status", "FAILED", "--root", "/srv/r"])
                as? ExecutionsListCommand
        )
        #expect(list.status == "FAILED")
        #expect(list.root == "/srv/r")
        #expect(!list.json)
        let status = try #require(try SluiceCommand.parseAsRoot(["status"]) as? StatusCommand)
        #expect(status.root == "/")
        let pattern = try #require(
            try SluiceCommand.parseAsRoot(["test-event-pattern", "--pattern", "p.json", "--event", "e.json"])
                as? TestEventPatternCommand
        )
        #expect(pattern.pattern == "p.json")
        #expect(pattern.event == "e.json")
        let policy = try #require(
            try SluiceCommand.parseAsRoot(["test-filter-policy", "--policy", "p.json", "--message", "m.txt"])
                as? TestFilterPolicyCommand
        )
        #expect(policy.scope == "MessageAttributes")
        #expect(policy.attributes == nil)
        #expect(
            try SluiceCommand.parseAsRoot(["test-input-transformer", "--event", "e.json", "--transformer", "t.json"])
                is TestInputTransformerCommand
        )
        #expect(try SluiceCommand.parseAsRoot(["map-runs", "list"]) is MapRunsListCommand)
        #expect(try SluiceCommand.parseAsRoot(["executions", "describe", "arn:x"]) is ExecutionsDescribeCommand)
    }

    @Test("Unknown verbs and options, missing and extra arguments are usage errors (exit 64): nothing runs")
    func refused() {
        let bad: [[String]] = [
            ["nosuch"], ["test-event-pattern", "--pattern", "p.json"], ["validate", "--frobnicate", "a.json"],
            ["executions", "list", "extra"], ["executions", "describe"], ["map-runs", "update"],
        ]
        for arguments in bad {
            do {
                let command = try SluiceCommand.parseAsRoot(arguments)
                Issue.record("\(arguments) parsed to \(type(of: command))")
            } catch {
                #expect(SluiceCommand.exitCode(for: error) == .validationFailure, "\(arguments)")
            }
        }
    }
}
