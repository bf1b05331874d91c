import Foundation
import SluiceASL
import SluiceInterpreter
import SluiceJSON
import SluiceVocabulary

/// Issue 2's benchmark: an inline Map over 100,000 items whose iterator is a Pass state with Parameters and an
/// intrinsic. Target: under 1 s in a release build. Baseline: moto's interpreter (LocalStack's, Python) on 1,000
/// items, when moto is installed.
enum InlineMapBenchmark {
    static let definitionText = #"""
        {"StartAt":"Fan out","States":{"Fan out":{"Type":"Map","ItemsPath":"$.items",
          "ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"Label","States":{
            "Label":{"Type":"Pass","Parameters":{"id.$":"$.id","label.$":"States.Format('item-{}', $.id)"},"End":true}}},
          "End":true}}}
        """#

    static func run(withBaseline: Bool = true) throws {
        let items = 100_000
        let seconds = try timeSluice(items: items)
        let perItem = seconds / Double(items)
        print("")
        print("inline-map: Map over \(items) items, Pass + Parameters + States.Format")
        print(
            String(
                format: "  sluice   %8.3f s  (%.2f µs/item, %.0f items/s)  target < 1 s: %@",
                seconds,
                perItem * 1e6,
                Double(items) / seconds,
                seconds < 1 ? "met" : "MISSED"
            )
        )
        let motoItems = 1_000
        if withBaseline, let moto = timeMoto(items: motoItems) {
            let motoPerItem = moto / Double(motoItems)
            print(String(format: "  moto     %8.3f s for %d items  (%.0f µs/item)", moto, motoItems, motoPerItem * 1e6))
            print(String(format: "  ratio    sluice is %.0fx faster per item than moto", motoPerItem / perItem))
        } else {
            print("  moto     not installed (pip install moto): no baseline ratio")
        }
    }

    static func timeSluice(items: Int) throws -> Double {
        try timeMap(definitionText, items: items).seconds
    }

    /// Runs an inline Map definition over `{"items": [{"id": 0}, ...]}` in-process; the seconds and the output.
    static func timeMap(_ text: String, items: Int) throws -> (seconds: Double, output: JSONValue) {
        guard case .success(let machine) = DefinitionDecoder.decode(text: text) else {
            throw BenchError("the benchmark definition does not validate")
        }
        let input: JSONValue = ["items": .array((0..<items).map { ["id": .int($0)] })]
        let start = Timestamp(epochMilliseconds: 0)
        var execution = Execution(
            definition: machine,
            context: .make(stateMachineName: "bench", executionName: "bench", startTime: start),
            input: input,
            seed: 1
        )
        // 100,000 results are far past AWS's 256 KiB state payload quota; the benchmark measures the engine, so it
        // lifts the quota (an AWS inline Map of this size would need ResultWriter or a Distributed Map).
        execution.payloadSizeLimit = nil
        let clock = ContinuousClock()
        let began = clock.now
        let effects = execution.start()
        let elapsed = clock.now - began
        guard case .finished(.succeeded(let output))? = effects.last, output.arrayValue?.count == items else {
            throw BenchError("the benchmark execution did not succeed: \(String(describing: execution.outcome))")
        }
        return (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, output)
    }

    /// Runs the same definition through moto's Step Functions interpreter and returns the seconds it took.
    static func timeMoto(items: Int) -> Double? {
        let script = #"""
            import json, os, sys, time, logging
            os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing"); os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
            logging.disable(logging.CRITICAL)
            try:
                import boto3
                from moto import mock_aws
            except ImportError:
                sys.exit(3)
            definition, n = sys.argv[1], int(sys.argv[2])
            m = mock_aws(config={"stepfunctions": {"execute_state_machine": True}}); m.start()
            c = boto3.client("stepfunctions", region_name="us-east-1")
            sm = c.create_state_machine(name="bench", definition=definition, roleArn="arn:aws:iam::123456789012:role/r")
            t0 = time.monotonic()
            arn = c.start_execution(stateMachineArn=sm["stateMachineArn"], input=json.dumps({"items": [{"id": i} for i in range(n)]}))["executionArn"]
            while c.describe_execution(executionArn=arn)["status"] == "RUNNING":
                time.sleep(0.01)
            print(time.monotonic() - t0)
            """#
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, definitionText, String(items)]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return Double(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
