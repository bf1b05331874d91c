import SluiceJSON

/// A JSON option the way the AWS CLI takes one: the JSON text itself, or `file://PATH` to read it from a file.
enum JSONArgument {
    static func parse(_ argument: String, option: String) throws -> JSONValue {
        if argument.hasPrefix("file://") {
            return try InputFiles.json(String(argument.dropFirst("file://".count)), what: option)
        }
        do {
            return try JSONParser.parse(argument)
        } catch {
            throw CLIError("\(option): not valid JSON: \(error)")
        }
    }
}
