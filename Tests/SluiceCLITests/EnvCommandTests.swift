import Foundation
import SluiceTesting
import Testing

@testable import SluiceCLI

/// `sluice env`: the export lines that point a shell at sluiced's API, and the refusals when there is nothing to
/// point at.
struct EnvCommandTests {
    @Test("Without a running sluiced the configured address, region and credentials file are printed, quoted")
    func fromSettings() async throws {
        let root = try DaemonRoot()
        defer { root.remove() }
        try root.write("etc/sluice/sluiced.json", #"{"Region": "eu-west-1", "Api": {"Listen": "0.0.0.0:4700"}}"#)
        try root.write("var/lib/sluice/credentials", "[sluice]\naws_access_key_id = A\naws_secret_access_key = B\n")
        let run = try await SluiceTool(root: root).run(["env"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(
            String(decoding: run.output, as: UTF8.self).split(separator: "\n") == [
                "export AWS_ENDPOINT_URL='http://127.0.0.1:4700'",
                "export AWS_SHARED_CREDENTIALS_FILE='\(root.path)/var/lib/sluice/credentials'",
                "export AWS_PROFILE='sluice'", "export AWS_REGION='eu-west-1'",
                "export AWS_DEFAULT_REGION='eu-west-1'", "export AWS_DISABLE_HOST_PREFIX_INJECTION='true'",
            ]
        )
        #expect(EnvCommand.quoted("it's") == #"'it'\''s'"#)
    }

    @Test("An API turned off or a credentials file missing is refused with exit status 2 and why")
    func refusals() async throws {
        let root = try DaemonRoot()
        defer { root.remove() }
        let missing = try await SluiceTool(root: root).run(["env"])
        #expect(missing.status == 2)
        #expect(missing.errors.contains("cannot read the API's credentials"))
        try root.write("var/lib/sluice/credentials", "[sluice]\n")
        try root.write("etc/sluice/sluiced.json", #"{"Api": null}"#)
        #expect(try exitStatus(["env", "--root", root.path]) == 2)
        let off = try await SluiceTool(root: root).run(["env"])
        #expect(off.errors.contains("sluiced's API is off"))
        try root.write("etc/sluice/sluiced.json", #"{"Api": {"Listen": "127.0.0.1:0"}}"#)
        #expect(try exitStatus(["env", "--root", root.path]) == 2)
    }

    @Test("eval \"$(sluice env)\" points the AWS CLI at a running sluiced")
    func evalInAShell() async throws {
        let root = try DaemonRoot()
        defer { root.remove() }
        try root.write("etc/sluice/functions/hello.sh", "#!/bin/sh\necho '{}'\n", executable: true)
        try root.write("etc/sluice/functions/hello.json", #"{"Command": ["./hello.sh"]}"#)
        try await InProcessDaemon.run(on: root) { _ in
            let sluice = SluiceTool.buildFolder + "/sluice"
            let script = #"eval "$("$0" env --root "$1")" && "$2" lambda list-functions"#
            let listed = try await AWSClient(root: root.path).shell(
                script,
                arguments: [sluice, root.path, AWSClient.aws]
            )
            #expect(listed.status == 0, "\(listed.errors)")
            let functions = try JSONSerialization.jsonObject(with: Data(listed.output.utf8)) as? [String: Any]
            let names = (functions?["Functions"] as? [[String: Any]])?.map { $0["FunctionName"] as? String }
            #expect(names == ["hello"])
        }
    }
}
