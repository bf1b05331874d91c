import SluiceAWS
import SluiceBucket

/// `/_sluice/files/BUCKET/KEY`: a bucket object downloaded from the map run's page (its result files), for a
/// logged-in user only, found exactly as GetObject finds it (so no path outside the buckets).
extension DashboardRouter {
    static let filesPrefix = "/_sluice/files/"

    func file(_ request: AWSRequest) -> AWSResponse {
        let segments = request.pathSegments.dropFirst(2)
        guard let bucket = segments.first, segments.count >= 2 else {
            return DashboardResponse.text("Not Found\n", status: 404)
        }
        let key = segments.dropFirst().joined(separator: "/")
        let found: (path: String, size: Int)
        do {
            let object = try S3API(runtime: runtime).object(bucket, key)
            found = (object.path, object.summary.size)
        } catch {
            return DashboardResponse.text("\(error.code): \(error.message)\n", status: 404)
        }
        let name = key.split(separator: "/").last.map(String.init) ?? "object"
        var response = DashboardResponse.page([], contentType: "application/octet-stream")
        response.headers.append(("Content-Disposition", "attachment; filename=\"\(Self.safeFileName(name))\""))
        response.bodyFile = BodyFile(path: found.path, offset: 0, count: Int64(found.size))
        return response
    }

    /// A name for Content-Disposition: printable ASCII without quotes or backslashes.
    static func safeFileName(_ name: String) -> String {
        String(
            name.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" ? Character($0) : "_" }
        )
    }
}
