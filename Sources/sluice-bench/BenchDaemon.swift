import Foundation

/// The real `sluiced` (release, beside this binary) on a temporary root whose one rule sends every object of bucket
/// `inbox` to state machine `started`, which publishes the object's key to topic `started` as its first and only
/// state: a message file in the topic marks an execution as started (and a little after).
struct BenchDaemon {
    let root: String
    let process: Process
    let fm = FileManager.default

    /// nil when sluiced is not built (the caller prints why it skips). SLUICE_BENCH_SLUICED names another binary
    /// (an earlier build, for a before-and-after figure). `files` are written under the root before sluiced starts
    /// (more rules and state machines: path relative to the root → text); `buckets` are made too. sluiced's
    /// warnings go to `log` under the root. `settings` is sluiced.json.
    static func start(
        files: [String: String] = [:],
        buckets: [String] = [],
        settings: String = #"{"LogLevel": "warning", "Api": {"Listen": "127.0.0.1:0"}}"#
    ) throws -> BenchDaemon? {
        let binary =
            ProcessInfo.processInfo.environment["SLUICE_BENCH_SLUICED"]
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("sluiced").path
        guard FileManager.default.isExecutableFile(atPath: binary) else { return nil }
        let root = NSTemporaryDirectory() + "sluice-bench-daemon-" + UUID().uuidString
        let fm = FileManager.default
        for dir in ["etc/sluice/rules", "etc/sluice/state-machines", "var/lib/sluice/buckets/inbox"]
            + buckets.map({ "var/lib/sluice/buckets/" + $0 })
        {
            try fm.createDirectory(atPath: root + "/" + dir, withIntermediateDirectories: true)
        }
        for (path, text) in files {
            let file = root + "/" + path
            try fm.createDirectory(
                atPath: (file as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true
            )
            try text.write(toFile: file, atomically: true, encoding: .utf8)
        }
        try #"""
        {"EventPattern": {"source": ["aws.s3"], "detail": {"bucket": {"name": ["inbox"]}}},
         "Targets": [{"Id": "t", "Arn": "arn:aws:states:local:000000000000:stateMachine:started",
           "InputTransformer": {"InputPathsMap": {"key": "$.detail.object.key"}, "InputTemplate": "{\"key\": <key>}"}}]}
        """#.write(toFile: root + "/etc/sluice/rules/inbox.json", atomically: true, encoding: .utf8)
        try #"""
        {"StartAt": "Started", "States": {"Started": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
          "Parameters": {"TopicArn": "arn:aws:sns:local:000000000000:started", "Message.$": "$.key"}, "End": true}}}
        """#.write(toFile: root + "/etc/sluice/state-machines/started.asl.json", atomically: true, encoding: .utf8)
        // A Pass state for the API's benchmark (StartExecution and DescribeExecution through boto3).
        try #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#.write(
            toFile: root + "/etc/sluice/state-machines/bench-api.asl.json",
            atomically: true,
            encoding: .utf8
        )
        try settings.write(toFile: root + "/etc/sluice/sluiced.json", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["--root", root]
        _ = fm.createFile(atPath: root + "/sluiced.log", contents: nil)
        process.standardError = FileHandle(forWritingAtPath: root + "/sluiced.log")
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let daemon = BenchDaemon(root: root, process: process)
        // Ready once the topic receives the warm-up drop's message.
        let warmDeadline = Date().addingTimeInterval(20)
        while daemon.messages() == 0, Date() < warmDeadline {
            _ = fm.createFile(atPath: daemon.inbox + "warm-up.txt", contents: Data("x".utf8))
            Thread.sleep(forTimeInterval: 0.2)
        }
        guard daemon.messages() > 0 else {
            daemon.stop()
            throw BenchError("sluiced never published the warm-up message")
        }
        Thread.sleep(forTimeInterval: 0.5)
        return daemon
    }

    var inbox: String { root + "/var/lib/sluice/buckets/inbox/" }

    /// Messages in topic `started` so far.
    func messages() -> Int {
        ((try? fm.contentsOfDirectory(atPath: root + "/var/lib/sluice/topics/started")) ?? [])
            .filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.count
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
        // SLUICE_BENCH_KEEP keeps the root, to look into a failed scenario.
        if ProcessInfo.processInfo.environment["SLUICE_BENCH_KEEP"] == nil { try? fm.removeItem(atPath: root) }
    }
}
