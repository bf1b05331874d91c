import Foundation
import SluiceAWS
import SluiceEngine
import SluiceJSON
import SluiceStore
import SluiceVocabulary

/// `map-run`: DescribeMapRun's answer, the run's graphs over its time span, its failed children and the files
/// its ResultWriter wrote.
extension DashboardData {
    static let failuresShown = 100

    func mapRun(_ arn: String) throws(AWSError) -> JSONValue {
        guard let run = try read({ try $0.mapRun(arn) }) else {
            throw AWSError("ResourceNotFound", "Resource not found: '\(arn)'", status: 404)
        }
        let now = Double(runtime.clock.now().epochMilliseconds) / 1000
        let rate = itemsPerSecond(run, now: now)
        var o = JSONObject()
        o["csrf"] = .string(csrf)
        o["describe"] = MapRunDocument(run: run).description
        o["stateMachine"] = .string(Self.machineName(run.executionArn))
        o["executionStatus"] = .string(try read { try $0.execution(run.executionArn) }?.status.rawValue ?? "RUNNING")
        o["itemsPerSecond"] = .double(rate)
        o["etaSeconds"] = Self.eta(run, rate: rate)
        o["samples"] = .array(try mapRunSamples(run))
        o["functions"] = try functionSamples(from: run.startDate.rounded(.down), to: (run.stopDate ?? now).rounded(.up))
        let failed = try read { try $0.failedChildExecutions(mapRunArn: arn, limit: Self.failuresShown) }
        o["failures"] = .array(
            failed.map { child in
                [
                    "executionArn": .string(child.executionArn), "name": .string(child.name),
                    "status": .string(child.status.rawValue), "stopDate": Self.iso(child.stopDate),
                    "error": child.error.map(JSONValue.string) ?? .null,
                    "cause": child.cause.map(JSONValue.string) ?? .null,
                ]
            }
        )
        o["resultFiles"] = .array(try resultFiles(run))
        return .object(o)
    }

    /// The manifest and result files of the run's ResultWriter, from the Map state's output (`ResultWriterDetails`)
    /// and the manifest it names.
    func resultFiles(_ run: MapRunRecord) throws(AWSError) -> [JSONValue] {
        let events = try read { try $0.history(run.executionArn) }
        for event in events where event.document.contains("ResultWriterDetails") {
            guard let document = try? JSONParser.parse(event.document),
                let details = Self.resultWriterDetails(document, mapRunArn: run.mapRunArn),
                let bucket = details["Bucket"]?.stringValue, let key = details["Key"]?.stringValue
            else { continue }
            let path = runtime.paths.buckets + "/" + bucket + "/" + key
            var files: [JSONValue] = [["bucket": .string(bucket), "key": .string(key), "size": .int(Self.size(path))]]
            if let data = FileManager.default.contents(atPath: path),
                let manifest = try? JSONParser.parse(bytes: Array(data)),
                case .object(let groups)? = manifest["ResultFiles"]
            {
                for (_, list) in groups.entries {
                    for file in list.arrayValue ?? [] {
                        guard let fileKey = file["Key"]?.stringValue else { continue }
                        files.append([
                            "bucket": .string(bucket), "key": .string(fileKey), "size": file["Size"] ?? .null,
                        ])
                    }
                }
            }
            return files
        }
        return []
    }

    /// `ResultWriterDetails` next to this run's `MapRunArn` in the Map state's output, wherever ResultPath put it.
    private static func resultWriterDetails(_ event: JSONValue, mapRunArn: String) -> JSONValue? {
        guard case .object(let o) = event else { return nil }
        for (key, details) in o.entries where key.hasSuffix("EventDetails") {
            guard let text = details["output"]?.stringValue, let output = try? JSONParser.parse(text) else { continue }
            if let found = find(in: output, mapRunArn: mapRunArn, depth: 0) { return found }
        }
        return nil
    }

    private static func find(in value: JSONValue, mapRunArn: String, depth: Int) -> JSONValue? {
        guard depth < 8 else { return nil }
        switch value {
        case .object(let o):
            if o["MapRunArn"]?.stringValue == mapRunArn, let details = o["ResultWriterDetails"] { return details }
            for (_, child) in o.entries {
                if let found = find(in: child, mapRunArn: mapRunArn, depth: depth + 1) { return found }
            }
        case .array(let items):
            for child in items {
                if let found = find(in: child, mapRunArn: mapRunArn, depth: depth + 1) { return found }
            }
        default: break
        }
        return nil
    }

    private static func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }
}
