import Foundation
import SluiceJSON
import SluiceLinux

/// What a redriven map run keeps of the results written before: the SUCCEEDED files the last manifest listed (their
/// children are not run again), while FAILED and PENDING files are written anew by the redrive.
///
/// The list is fixed when redrive number N first opens its writer, in a hidden `.redrive-N.json` beside the files,
/// so a redrive resumed after a restart keeps exactly the same files and never counts its own as earlier ones.
enum RedrivenResults {
    static func keep(_ destination: ResultDestination, redriveCount: Int) -> [ResultFileSeries.Completed] {
        let record = destination.path(".redrive-\(redriveCount).json")
        if let data = FileManager.default.contents(atPath: record), let kept = parse(Array(data)) { return kept }
        var kept: [ResultFileSeries.Completed] = []
        if let data = FileManager.default.contents(atPath: destination.path("manifest.json")),
            case .array(let files)? = (try? JSONParser.parse(bytes: Array(data)))?["ResultFiles"]?["SUCCEEDED"]
        {
            kept = files.compactMap { file in
                guard let key = file["Key"]?.stringValue, let size = file["Size"]?.intValue else { return nil }
                return ResultFileSeries.Completed(key: key, size: size)
            }
        }
        // The earlier attempt's failures are run again: their files go.
        let names = (try? FileManager.default.contentsOfDirectory(atPath: destination.path(""))) ?? []
        for name in names where name.hasPrefix("FAILED_") || name.hasPrefix("PENDING_") {
            Posix.removeQuietly(destination.path(name))
        }
        let json = JSONValue.array(kept.map { ["Key": .string($0.key), "Size": .int($0.size)] })
        let temporary = destination.temporaryPath(for: ".redrive-\(redriveCount).json")
        if (try? Data(json.serializedBytes()).write(to: URL(fileURLWithPath: temporary))) != nil {
            _ = Posix.rename(temporary, to: record)
        }
        return kept
    }

    private static func parse(_ bytes: [UInt8]) -> [ResultFileSeries.Completed]? {
        guard case .array(let files)? = try? JSONParser.parse(bytes: bytes) else { return nil }
        return files.compactMap { file in
            guard let key = file["Key"]?.stringValue, let size = file["Size"]?.intValue else { return nil }
            return ResultFileSeries.Completed(key: key, size: size)
        }
    }
}
