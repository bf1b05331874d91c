import Foundation
import SluiceTesting

/// The story's `score` function slowed down for the tests that act mid-run (Slurm's scancel, kill -9, a cut link),
/// and the scores its runs write.
extension DaemonRoot {
    /// etc/sluice/functions/nap_score.py: the shipped score.py, each batch napping `SCORE_NAP` seconds first and
    /// logging its worker's pid to ROOT/calls. It finds score.py beside itself, whatever folder a node starts it in.
    func writeNapScore() throws {
        try write(
            "etc/sluice/functions/nap_score.py",
            """
            import os, sys, time
            sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
            import score
            nap = float(os.environ.get("SCORE_NAP", "0"))
            scored = score.handle
            def handle(payload):
                with open("\(path)/calls", "a") as f:
                    f.write("%d\\n" % os.getpid())
                time.sleep(nap)
                return scored(payload)
            score.handle = handle
            score.main()

            """
        )
    }

    /// The scores in the SUCCEEDED result files under results/PREFIX, by company: a company scored twice has two.
    func scores(under prefix: String) throws -> [Int: [Double]] {
        let folder = path + "/var/lib/sluice/buckets/results/" + prefix
        var scored: [Int: [Double]] = [:]
        let files = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []
        for file in files where (file as NSString).lastPathComponent.hasPrefix("SUCCEEDED_") {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            for line in text.split(whereSeparator: \.isNewline) {
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                if let id = object?["company_id"] as? Int, let score = object?["score"] as? Double {
                    scored[id, default: []].append(score)
                }
            }
        }
        return scored
    }
}
