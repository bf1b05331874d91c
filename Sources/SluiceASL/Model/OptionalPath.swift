/// InputPath / OutputPath / ItemsPath: absent means `$`, `null` means "an empty object" (InputPath, OutputPath).
package enum OptionalPath: Sendable, Hashable {
    case path(String)
    case null

    /// The default when the field is absent.
    package static let root = OptionalPath.path("$")
}
