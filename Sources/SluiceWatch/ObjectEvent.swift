import SluiceJSON

/// An object that appeared, changed or went away, with the EventBridge event S3 would have sent for it.
package struct ObjectEvent: Hashable, Sendable {
    /// The event's `detail-type`.
    package enum Kind: String, Hashable, Sendable {
        case created = "Object Created"
        case deleted = "Object Deleted"
    }

    /// The S3 API call that would have caused the event (`detail.reason`).
    package enum Reason: String, Hashable, Sendable {
        /// A file written in place or renamed into place: an upload.
        case putObject = "PutObject"
        /// A file whose content came from another object: a rename from another object key, a hard link or a
        /// symlink to an object.
        case copyObject = "CopyObject"
        /// A file deleted or moved away.
        case deleteObject = "DeleteObject"
    }

    package var kind: Kind
    package var reason: Reason
    package var bucket: String
    package var key: String
    /// Bytes; nil for deletions, whose events carry no size.
    package var size: Int?
    /// The hex MD5 of the content, unquoted as in the event; nil for deletions.
    package var etag: String?
    /// `detail.object.sequencer`.
    package var sequencer: String
    /// The event's `id`.
    package var id: String
    /// The whole EventBridge event.
    package var event: JSONValue

    /// Builds the event as S3 sends it to EventBridge, from every value it carries.
    ///
    /// Field by field after AWS's "EventBridge event message structure" page and events captured from S3: an
    /// "Object Created" object has key, size, etag and sequencer; an "Object Deleted" one only key and sequencer
    /// (a permanent delete in an unversioned bucket has no etag or size) and the detail ends with
    /// `"deletion-type": "Permanently Deleted"`. sluice's buckets are unversioned, so there is never a
    /// `version-id`.
    package init(
        kind: Kind,
        reason: Reason,
        bucket: String,
        key: String,
        size: Int?,
        etag: String?,
        sequencer: String,
        id: String,
        requestID: String,
        time: String,
        settings: ObjectEventSettings
    ) {
        self.kind = kind
        self.reason = reason
        self.bucket = bucket
        self.key = key
        self.size = kind == .created ? size : nil
        self.etag = kind == .created ? etag : nil
        self.sequencer = sequencer
        self.id = id

        var object: JSONObject = ["key": .string(key)]
        if kind == .created {
            object["size"] = .int(size ?? 0)
            object["etag"] = .string(etag ?? "")
        }
        object["sequencer"] = .string(sequencer)
        var detail: JSONObject = [
            "version": "0",
            "bucket": ["name": .string(bucket)],
            "object": .object(object),
            "request-id": .string(requestID),
            "requester": .string(settings.requester),
            "source-ip-address": .string(settings.sourceIPAddress),
            "reason": .string(reason.rawValue),
        ]
        if kind == .deleted { detail["deletion-type"] = "Permanently Deleted" }
        event = [
            "version": "0",
            "id": .string(id),
            "detail-type": .string(kind.rawValue),
            "source": "aws.s3",
            "account": .string(settings.account),
            "time": .string(time),
            "region": .string(settings.region),
            "resources": [.string("arn:aws:s3:::" + bucket)],
            "detail": .object(detail),
        ]
    }
}
