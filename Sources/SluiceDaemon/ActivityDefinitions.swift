import Foundation
import SluiceJSON
import SluiceLinux

/// The activities CreateActivity made: one file each, var/lib/sluice/config/activities/NAME.json holding its
/// creation date (`{"creationDate": SECONDS}`), so they survive restarts; read from the folder each time.
struct ActivityDefinitions {
    /// An activity: its name and creation date (seconds since 1970).
    struct Activity {
        var name: String
        var creationDate: Double
    }

    let folder: String

    func activity(_ name: String) -> Activity? {
        guard let bytes = FileManager.default.contents(atPath: path(name)),
            let date = (try? JSONParser.parse(bytes: Array(bytes)))?["creationDate"]
        else { return nil }
        return Activity(name: name, creationDate: date.doubleValue ?? 0)
    }

    /// All activities, by name.
    func all() -> [Activity] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return files.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted()
            .compactMap { activity(String($0.dropLast(5))) }
    }

    /// Creates the activity, or answers the one of that name (CreateActivity is idempotent).
    func create(_ name: String, at date: Double) throws(AtomicFile.Failure) -> Activity {
        if let existing = activity(name) { return existing }
        try AtomicFile.write(Array(JSONValue.object(["creationDate": .double(date)]).serialized().utf8), to: path(name))
        return Activity(name: name, creationDate: date)
    }

    func delete(_ name: String) { Posix.removeQuietly(path(name)) }

    private func path(_ name: String) -> String { folder + "/" + name + ".json" }
}
