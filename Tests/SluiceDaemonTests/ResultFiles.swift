import Foundation
import SluiceTesting

/// A Distributed Map's result files read back: the items a run wrote, for the tests that check each is there once.
extension DaemonRoot {
    /// Every `"n":` number in the SUCCEEDED result files under `relative` (a ResultWriter prefix, or one run's
    /// folder), in file and line order: FLATTEN's items, or the outputs (and inputs) of full records.
    func succeededNumbers(under relative: String) throws -> [Int] {
        let folder = path + "/" + relative
        var numbers: [Int] = []
        let files = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []
        for file in files.sorted() where file.contains("SUCCEEDED_") && !file.hasPrefix(".") {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            for line in text.split(separator: "\n") {
                // FLATTEN's items are objects (`"n":`); a full record holds the output as a JSON string (`\"n\":`).
                guard let range = line.range(of: "\"n\":") ?? line.range(of: #"\"n\":"#) else { continue }
                let digits = line[range.upperBound...].drop { $0 == " " }.prefix { $0.isNumber }
                numbers.append(Int(digits) ?? -1)
            }
        }
        return numbers
    }
}
