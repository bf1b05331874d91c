/// The values an S3 object event carries that do not come from the object: where and by whom.
package struct ObjectEventSettings: Hashable, Sendable {
    /// `account`: the bucket owner's 12-digit account (sluiced.json's account).
    package var account: String
    /// `region`: the bucket's region (sluiced.json's region).
    package var region: String
    /// `detail.requester`: who made the request. On AWS this is the caller's account id (or a service principal
    /// such as `s3.amazonaws.com` for lifecycle deletions); a file written on this machine is a request by the
    /// bucket owner, so it defaults to `account`.
    package var requester: String
    /// `detail.source-ip-address`: where the request came from. Files arrive from this machine, hence loopback.
    package var sourceIPAddress: String

    /// Settings with sluice's defaults: account `000000000000`, region `local`, the requester being the account,
    /// source address `127.0.0.1`.
    package init(
        account: String = "000000000000",
        region: String = "local",
        requester: String? = nil,
        sourceIPAddress: String = "127.0.0.1"
    ) {
        self.account = account
        self.region = region
        self.requester = requester ?? account
        self.sourceIPAddress = sourceIPAddress
    }
}
