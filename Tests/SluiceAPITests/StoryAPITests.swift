import Foundation
import SluiceTesting
import Testing

/// The seed story through the AWS CLI only, as a user on AWS would drive it: the shipped configuration, 227,000
/// companies uploaded with `aws s3 cp` (multipart: the file is 28 MB), the execution followed with
/// `list-executions` / `describe-execution`, the map run's counters with `list-map-runs` / `describe-map-run`, the
/// result files with `aws s3 ls`, the topic with `aws sns list-topics`.
@Suite struct StoryAPITests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    @Test func scoringThroughTheAWSCLI() async throws {
        let root = try DaemonRoot()
        let csv = root.path + "/companies.csv"
        // Off the test pool: a process waited for blocks its thread.
        try await onOwnThread {
            try Self.runToEnd("/bin/cp", ["-r", Self.repository + "/etc/sluice", root.path + "/etc/"])
            try Self.runToEnd(
                "/usr/bin/env",
                ["python3", Self.repository + "/etc/sluice/examples/generate-companies.py", "227000", csv]
            )
        }
        try root.write("etc/sluice/sluiced.json", #"{"MaxWorkers": 2}"#)
        try await InProcessDaemon.run(on: root) { _ in
            let aws = AWSClient(root: root.path)
            let machine = "arn:aws:states:local:000000000000:stateMachine:score-companies"
            let upload = try await aws.aws(["s3", "cp", csv, "s3://inbox/companies/companies.csv"])
            #expect(upload.status == 0, "\(upload.errors)")
            var executionArn = ""
            try await eventually("the execution ends", within: .seconds(300)) {
                let listed = try await aws.aws([
                    "stepfunctions", "list-executions", "--state-machine-arn", machine, "--query",
                    "executions[?status!='RUNNING'].executionArn", "--output", "text",
                ])
                executionArn = listed.output.trimmingCharacters(in: .whitespacesAndNewlines)
                return !executionArn.isEmpty && executionArn != "None"
            }
            let described = try await aws.aws([
                "stepfunctions", "describe-execution", "--execution-arn", executionArn, "--query", "status",
                "--output", "text",
            ])
            #expect(described.output.trimmingCharacters(in: .whitespacesAndNewlines) == "SUCCEEDED")
            let mapRun = try await aws.aws([
                "stepfunctions", "list-map-runs", "--execution-arn", executionArn, "--query", "mapRuns[0].mapRunArn",
                "--output", "text",
            ]).output.trimmingCharacters(in: .whitespacesAndNewlines)
            let counts = try await aws.aws([
                "stepfunctions", "describe-map-run", "--map-run-arn", mapRun, "--query",
                "[status, itemCounts.succeeded, itemCounts.failed, itemCounts.total]", "--output", "text",
            ])
            #expect(counts.output.split(whereSeparator: \.isWhitespace) == ["SUCCEEDED", "227000", "0", "227000"])
            let results = try await aws.aws(["s3", "ls", "s3://results/", "--recursive"])
            #expect(results.output.contains("manifest.json"), "\(results.output) \(results.errors)")
            #expect(results.output.contains("SUCCEEDED_0.json"))
            let topics = try await aws.aws(["sns", "list-topics", "--query", "Topics[].TopicArn", "--output", "text"])
            #expect(topics.output.contains("arn:aws:sns:local:000000000000:scores"))
        }
    }

    static func runToEnd(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
    }
}
