import SluiceAWS

/// DeleteObjects: the keys of a `<Delete>` document removed one by one; each reported deleted (a missing key too,
/// as S3 does) unless Quiet asks for errors only.
extension S3API {
    /// S3's limit on the keys of one request.
    static let maximumDeletedKeys = 1000

    func deleteObjects(_ call: APICall, _ bucket: String) throws(AWSError) -> AWSResponse {
        let folder = try folders.folder(bucket)
        let document: XMLElement
        do { document = try XMLReader.parse(call.body.bytes) } catch { throw S3Errors.malformedXML }
        guard document.name == "Delete" else { throw S3Errors.malformedXML }
        let objects = document.children("Object")
        guard !objects.isEmpty, objects.count <= Self.maximumDeletedKeys else { throw S3Errors.malformedXML }
        var keys: [String] = []
        for object in objects {
            guard let key = object.text(of: "Key") else { throw S3Errors.malformedXML }
            keys.append(key)
        }
        let quiet = document.text(of: "Quiet")?.lowercased() == "true"
        var body = ""
        for key in keys {
            removeObject(key, in: folder)
            if !quiet { body += XMLText.element("Deleted", children: XMLText.element("Key", key)) }
        }
        return Self.xml("DeleteResult", body)
    }
}
