import Foundation
import SluiceJSON

#if canImport(Glibc)
    import Glibc
#endif

extension FunctionHost {
    /// The function files of `directory` decoded and checked, each with its overlay from `overlays` laid over it
    /// (an overlay without a file defines nothing); what did not load, with why.
    package static func loadDefinitions(
        directory: String,
        overlays: String?,
        usersInGroup: gid_t?
    ) -> (definitions: [FunctionDefinition], problems: [FunctionDefinition.Problem]) {
        var definitions: [FunctionDefinition] = []
        var problems: [FunctionDefinition.Problem] = []
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for file in files.sorted() where file.hasSuffix(".json") && !file.hasPrefix(".") {
            let path = directory + "/" + file
            let name = String(file.dropLast(5))
            var json: JSONValue
            switch readJSON(path) {
            case .success(let value): json = value
            case .failure(let problem):
                problems.append(problem)
                continue
            }
            if let overlays, FileManager.default.fileExists(atPath: overlays + "/" + file) {
                switch readJSON(overlays + "/" + file) {
                case .success(let overlay): json = FunctionOverlay.apply(overlay, to: json)
                case .failure(let problem): problems.append(problem)  // the file alone still defines the function
                }
            }
            let loaded = FunctionDefinition.load(json, file: path, name: name)
            problems += loaded.problems
            guard let d = loaded.definition else { continue }
            if let problem = d.runAs.flatMap({ $0.problem(group: usersInGroup) }) {
                problems.append(.init(file: path, field: "User", message: problem))
                continue
            }
            definitions.append(d)
        }
        return (definitions, problems)
    }

    /// The JSON of file `path`, or what is wrong with it.
    package static func readJSON(_ path: String) -> Result<JSONValue, FunctionDefinition.Problem> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(.init(file: path, field: "", message: "cannot be read"))
        }
        do {
            return .success(try JSONParser.parse(bytes: Array(data)))
        } catch {
            return .failure(.init(file: path, field: "", message: "not valid JSON: \(error)"))
        }
    }
}
