import Foundation
import SluiceASL
import SluiceCore
import SluiceJSON

/// Loads `state-machines/NAME.asl.json`: each definition is validated as AWS's ValidateStateMachineDefinition
/// would; one with problems is reported (file and location) and left out, the others load.
package enum StateMachineLoader {
    package static func load(
        directory: String
    ) -> (machines: [String: StateMachineDefinition], problems: [ConfigProblem]) {
        var machines: [String: StateMachineDefinition] = [:]
        var problems: [ConfigProblem] = []
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for file in names.sorted() where !file.hasPrefix(".") && file.hasSuffix(".json") {
            let path = directory + "/" + file
            let name = file.hasSuffix(".asl.json") ? String(file.dropLast(9)) : String(file.dropLast(5))
            guard let data = FileManager.default.contents(atPath: path) else {
                problems.append(ConfigProblem(file: path, location: "/", message: "cannot be read"))
                continue
            }
            switch DefinitionDecoder.decode(text: String(decoding: data, as: UTF8.self)) {
            case .success(let machine): machines[name] = machine
            case .failure(let errors):
                problems += errors.problems.map {
                    ConfigProblem(file: path, location: $0.location, message: "\($0.code): \($0.message)")
                }
            }
        }
        return (machines, problems)
    }
}
