/// A declared bucket (`etc/sluice/buckets/NAME.json`): S3's CreateBucket and the bucket's notification setting in one
/// file. sluiced makes the bucket's folder; a folder made by hand under `buckets/` is a bucket too, and sends its
/// events as a declared one with EventBridge on does.
package struct BucketDeclaration: Sendable, Hashable {
    /// The bucket's name: the file's stem (or its `Bucket` field, which must agree).
    package var name: String
    package var file: String
    /// PutBucketNotificationConfiguration's `EventBridgeConfiguration`: whether the bucket's object events go to
    /// EventBridge (and so through the rules). Off unless the declaration turns it on, as for a new S3 bucket.
    package var sendsEventsToEventBridge: Bool

    package init(name: String, file: String, sendsEventsToEventBridge: Bool) {
        self.name = name
        self.file = file
        self.sendsEventsToEventBridge = sendsEventsToEventBridge
    }
}
