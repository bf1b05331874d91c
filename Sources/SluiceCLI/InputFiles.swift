import Foundation
import SluiceJSON

/// Reading the files and arguments a command is given, with errors that name them.
enum InputFiles {
    /// The text of a file, or a CLIError naming it.
    static func text(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                throw CLIError(isDirectory.boolValue ? "\(path): is a directory" : "\(path): cannot be read")
            }
            throw CLIError("\(path): no such file")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw CLIError("\(path): not UTF-8 text") }
        return text
    }

    /// A JSON document from a file.
    static func json(_ path: String, what: String) throws -> JSONValue {
        let text = try text(path)
        do {
            return try JSONParser.parse(text)
        } catch {
            throw CLIError("\(path): the \(what) is not valid JSON: \(error)")
        }
    }
}
