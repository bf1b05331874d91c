import SluiceJSON

/// Static checks of the path forms a definition may use: `$...` on the input, `$$...` on the context object,
/// `$name...` on a variable.
package enum PathSyntax {
    /// nil when the path is well-formed, else what is wrong.
    package static func check(_ text: String) -> String? {
        guard let (_, path) = JSONPath.splitRoot(text) else { return "'\(text)' is not a valid path" }
        do {
            _ = try JSONPath(path)
            return nil
        } catch {
            return error.message
        }
    }

    /// Like `check` but for reference paths (ResultPath): single nodes on the input only.
    package static func checkReference(_ text: String) -> String? {
        do {
            _ = try ReferencePath(text)
            return nil
        } catch {
            return error.message
        }
    }
}
