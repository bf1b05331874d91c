import Foundation
import SluiceTesting
import Testing

extension DaemonEndToEndTests {
    @Test(
        "A subscription's Endpoint and a function's Command given relative resolve beside their files, under any root",
        .timeLimit(.minutes(2))
    )
    func relativePathsUnderRoot() async throws {
        let root = try Root()
        defer { root.remove() }
        try pipeline(root)
        try root.write(
            "etc/sluice/state-machines/note.asl.json",
            #"""
            {"StartAt": "Who", "States": {
              "Who": {"Type": "Task", "Resource": "whoami", "Next": "Publish"},
              "Publish": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                "Parameters": {"TopicArn": "arn:aws:sns:local:000000000000:done", "Message.$": "$.said"}, "End": true}}}
            """#
        )
        try root.write("etc/sluice/functions/whoami.json", #"{"Command": ["./bin/whoami.sh"], "Runtime": "process"}"#)
        try root.write(
            "etc/sluice/functions/bin/whoami.sh",
            "#!/bin/sh\ncat > /dev/null\nprintf '{\"said\": \"from %s\"}' \"$(basename \"$(pwd)\")\"\n",
            executable: true
        )
        try root.write(
            "etc/sluice/subscriptions/record.json",
            #"{"Topic": "done", "Protocol": "exec", "Endpoint": "record.sh", "RawMessageDelivery": true}"#
        )
        try root.write(
            "etc/sluice/subscriptions/record.sh",
            "#!/bin/sh\ncat > \"$(dirname \"$0\")/../../../out/$SLUICE_MESSAGE_ID\"\n",
            executable: true
        )
        // The root itself given relative, as `sluiced --root demo` from its parent folder.
        let (daemon, _) = try await launch(root, relative: true)
        defer { if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) } }
        try root.write("var/lib/sluice/buckets/inbox/one.csv", "id\n1\n")
        // The function ran in its file's folder (functions/), the subscriber's script was found beside its file.
        try await waitFor(seconds: 20) { received(root) == ["from functions"] }
        try await stop(daemon)
    }
}
