import Foundation

/// A map run's ResultWriter files read back for items `{"id":N}`, 0 ≤ N < items: lines and distinct ids in the
/// SUCCEEDED files, and how many files of another kind (FAILED, PENDING) there are.
struct ResultCheck {
    var files = 0
    var lines = 0
    var distinct = 0
    var other = 0

    init(folder: String, items: Int) throws {
        var seen = [Bool](repeating: false, count: items)
        let names = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []
        for name in names where name.contains(".json") && !name.hasSuffix("manifest.json") {
            guard name.contains("SUCCEEDED") else {
                other += 1
                continue
            }
            files += 1
            let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
            data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
                var value = -1
                for byte in bytes {
                    if byte >= 0x30 && byte <= 0x39 {
                        value = max(value, 0) * 10 + Int(byte - 0x30)
                    } else if byte == 0x0A {
                        lines += 1
                        if value >= 0, value < items, !seen[value] {
                            seen[value] = true
                            distinct += 1
                        }
                        value = -1
                    }
                }
            }
        }
    }
}
