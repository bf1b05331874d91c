import Foundation
import SluiceJSON
import SluiceLinux

/// What a submission's folder says of it (`submission.json`, beside its secret): the function, its shape (a job array
/// or one job of steps: how its agents are listed and cancelled), and the job's id once sbatch gave one. Written before sbatch runs and again after, so that a sluiced killed at any moment leaves
/// enough behind for the next one to adopt the agents or cancel them.
package struct SlurmSubmissionRecord: Sendable, Hashable {
    package var id: String
    package var function: String
    /// nil: sbatch had not answered yet (the jobs, if any, are found by their name).
    package var jobId: String?
    package var count: Int
    package var folder: String
    /// Records written before the step-job shape existed have none: they are job arrays.
    package var shape: SlurmSubmissionShape
    /// The secret in the folder; nil when it cannot be read.
    package var secret: String?

    static let fileName = "submission.json"

    /// The submission this record stands for, once it has its job id.
    package var submission: SlurmSubmission? {
        jobId.map {
            SlurmSubmission(id: id, function: function, jobId: $0, count: count, folder: folder, shape: shape)
        }
    }

    static func write(
        id: String,
        function: String,
        jobId: String?,
        count: Int,
        folder: String,
        shape: SlurmSubmissionShape
    ) throws(SlurmError) {
        let record: JSONValue = [
            "Function": .string(function), "JobId": jobId.map(JSONValue.string) ?? .null, "Count": .int(count),
            "Shape": .string(shape.rawValue),
        ]
        do {
            try AtomicFile.write(Array((record.serialized() + "\n").utf8), to: folder + "/" + fileName)
        } catch {
            throw SlurmError(command: "sbatch", message: "cannot record submission \(id): \(error)")
        }
    }

    /// The record of a submission sbatch or salloc gave its job id.
    static func write(_ submission: SlurmSubmission) throws(SlurmError) {
        try write(
            id: submission.id,
            function: submission.function,
            jobId: submission.jobId,
            count: submission.count,
            folder: submission.folder,
            shape: submission.shape
        )
    }

    /// The submissions recorded under `agentsFolder` (one folder each); a folder with no readable record has a nil
    /// function and is only good for removing.
    package static func all(in agentsFolder: String) -> [(id: String, folder: String, record: SlurmSubmissionRecord?)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: agentsFolder)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { id in
            let folder = agentsFolder + "/" + id
            return (id, folder, read(id: id, folder: folder))
        }
    }

    static func read(id: String, folder: String) -> SlurmSubmissionRecord? {
        guard let data = FileManager.default.contents(atPath: folder + "/" + fileName),
            let value = try? JSONParser.parse(bytes: Array(data)),
            case .string(let function)? = value["Function"]
        else { return nil }
        let secret = FileManager.default.contents(atPath: folder + "/secret").map {
            String(decoding: $0, as: UTF8.self)
        }
        return SlurmSubmissionRecord(
            id: id,
            function: function,
            jobId: value["JobId"]?.stringValue,
            count: value["Count"]?.intValue ?? 0,
            folder: folder,
            shape: value["Shape"]?.stringValue.flatMap(SlurmSubmissionShape.init(rawValue:)) ?? .array,
            secret: secret
        )
    }
}
