/// An UpdateMapRun request on its way from `sluice map-runs update` to the sluiced running the map run.
package struct MapRunUpdate: Sendable, Hashable {
    package var id: Int64
    package var mapRunArn: String
    package var maxConcurrency: Int?
    package var toleratedFailureCount: Int?
    package var toleratedFailurePercentage: Double?

    package init(
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
