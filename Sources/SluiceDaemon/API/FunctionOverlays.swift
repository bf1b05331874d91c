import SluiceAWS
import SluiceEngine
import SluiceJSON
import SluiceLinux
import SluiceWorkers
import Synchronization

/// What the API changes of a function (its concurrency), kept as an overlay over its file
/// (var/lib/sluice/config/functions/NAME.json, see FunctionOverlay): the function files are the administrator's, in
/// /etc/sluice, which the unit keeps read-only. Written atomically and put in force before the answer, as
/// APIDefinitions does for definitions.
struct FunctionOverlays {
    let runtime: DaemonRuntime

    func path(_ name: String) -> String { runtime.paths.apiFunctions + "/" + name + ".json" }

    /// The overlay of function `name`; empty when the API changed nothing.
    func overlay(_ name: String) -> JSONObject {
        guard case .success(.object(let object)) = FunctionHost.readJSON(path(name)) else { return JSONObject() }
        return object
    }

    /// Changes the overlay of function `name`, checks that the function still loads with it (else
    /// InvalidParameterValueException with what is wrong, and nothing is written), then writes it, or removes it
    /// when it no longer changes anything, and reloads the functions.
    func update(_ name: String, _ change: (inout JSONObject) -> Void) async throws(AWSError) {
        // One change at a time, read to written, so that two calls at once cannot lose one of them.
        try Self.changing.withLock { _ throws(AWSError) in try write(name, change) }
        await ReloadService(runtime: runtime).reload(rescan: false)
    }

    private static let changing = Mutex(())

    private func write(_ name: String, _ change: (inout JSONObject) -> Void) throws(AWSError) {
        let file = runtime.paths.functions + "/" + name + ".json"
        guard case .success(let shipped) = FunctionHost.readJSON(file), case .object(let fields) = shipped else {
            throw AWSError("ResourceNotFoundException", "Function not found: \(name)", status: 404)
        }
        var overlay = overlay(name)
        change(&overlay)
        // What the file already says is no change: left out, so that a later edit of the file is what counts.
        for key in FunctionOverlay.fields {
            if let value = overlay[key], value == fields[key] ?? .null { overlay[key] = nil }
        }
        let loaded = FunctionDefinition.load(
            FunctionOverlay.apply(.object(overlay), to: shipped),
            file: file,
            name: name
        )
        if let problem = loaded.problems.first {
            throw AWSError("InvalidParameterValueException", problem.field + " " + problem.message)
        }
        guard !overlay.isEmpty else { return Posix.removeQuietly(path(name)) }
        do {
            try AtomicFile.write(JSONValue.object(overlay).serializedBytes(), to: path(name))
        } catch {
            throw AWSError.internalFailure("cannot write \(path(name)): \(error)")
        }
    }
}
