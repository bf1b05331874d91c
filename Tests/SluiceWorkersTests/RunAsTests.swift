import Foundation
import Logging
import SluiceJSON
import SluiceTesting
import Testing

@testable import SluiceWorkers

/// A function file's `User`: its workers run as that user, never as root, and hold none of sluiced's capabilities.
struct RunAsTests {
    @Test("User names an existing user other than root; anything else is a problem at load")
    func loading() {
        func problems(_ user: JSONValue) -> [String] {
            FunctionDefinition.load(["Command": ["/bin/true"], "User": user], file: "f.json", name: "f").problems.map(
                \.message
            )
        }
        #expect(problems("no-such-user-here") == ["no user named 'no-such-user-here' on this machine"])
        #expect(problems("root") == ["functions never run as root"])
        #expect(problems(1) == ["must be the name of the user the workers run as"])
        #expect(problems("nobody").isEmpty)
        let loaded = FunctionDefinition.load(["Command": ["/bin/true"], "User": "nobody"], file: "f.json", name: "f")
        #expect(loaded.definition?.runAs?.uid == 65_534)
    }

    @Test(
        "Workers of a function with a User run as that user, for both runtimes, with no capabilities",
        .enabled(if: getuid() == 0, "switching users needs root (CI runs as root)"),
        .timeLimit(.minutes(1))
    )
    func workersRunAsTheUser() async throws {
        let f = try FunctionFixture()
        defer { f.remove() }
        chmod(f.directory, 0o755)
        // What the process is: its ids and its effective and ambient capabilities (hex, from /proc).
        let caps = #"$(grep -E '^Cap(Eff|Amb)' /proc/self/status | tr -s '\t ' ' ' | tr '\n' ' ')"#
        let report = #"printf '{"uid":%s,"gid":%s,"caps":"%s"}' "$(id -u)" "$(id -g)" "\#(caps)""#
        try f.function("once", script: "#!/bin/sh\ncat > /dev/null\n\(report)\n", #""User": "nobody""#)
        try f.function(
            "warm",
            script: """
                #!/bin/sh
                while read -r line; do
                id=$(echo "$line" | sed 's/.*"requestId":"\\([^"]*\\)".*/\\1/')
                printf '{"requestId":"%s","result":' "$id"; \(report); echo '}'
                done

                """,
            #""User": "nobody", "Runtime": "persistent""#
        )
        let host = f.host()
        for name in ["once", "warm"] {
            let result = try #require(await host.invoke(name, payload: ["x": 1], requestId: "r-\(name)")).get()
            #expect(result["uid"] == .int(65_534), "\(name): \(result)")
            #expect(result["gid"] == .int(65_534))
            #expect(result["caps"]?.stringValue == "CapEff: 0000000000000000 CapAmb: 0000000000000000 ")
        }
        await host.shutdown()
    }

    @Test("sluiced runs workers only as members of its own group")
    func onlyMembersOfTheGroup() throws {
        let f = try FunctionFixture()
        defer { f.remove() }
        try f.function("stranger", script: "#!/bin/sh\nid -u\n", #""User": "nobody""#)
        try f.function("plain", script: "#!/bin/sh\nid -u\n")
        // A group nobody is in: the daemon's would be `sluice`.
        let host = FunctionHost(
            directory: f.directory,
            maxWorkers: 2,
            logger: .init(label: "test") { _ in SwiftLogNoOpLogHandler() },
            usersInGroup: 0
        )
        #expect(host.definitions.keys.sorted() == ["plain"])
        #expect(host.problems.map(\.field) == ["User"])
        #expect(host.problems.first?.message.contains("is not a member of group") == true)
    }
}
