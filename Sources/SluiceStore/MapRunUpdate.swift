/// An UpdateMapRun request on its way from `sluice map-runs update` to the sluiced running the map run.
public struct MapRunUpdate: Sendable, Hashable {
    public var id: Int64
    public var mapRunArn: String
    public var maxConcurrency: Int?
    public var toleratedFailureCount: Int?
    public var toleratedFailurePercentage: Double?

    public init(
        id: Int64 = 0,
        mapRunArn: String,
        maxConcurrency: Int?,
        toleratedFailureCount: Int?,
        toleratedFailurePercentage: Double?
    ) {
        self.id = id
        self.mapRunArn = mapRunArn
        self.maxConcurrency = maxConcurrency
        self.toleratedFailureCount = toleratedFailureCount
        self.toleratedFailurePercentage = toleratedFailurePercentage
    }
}
