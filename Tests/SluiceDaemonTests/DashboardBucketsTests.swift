import SluiceStore
import Testing

@testable import SluiceDaemon

/// A long span's function samples, a few seconds a point: the peak concurrency, every throttle and error kept.
struct DashboardBucketsTests {
    func sample(_ t: Int, _ concurrent: Int, throttles: Int = 0, errors: Int = 0) -> FunctionSample {
        FunctionSample(
            function: "score",
            t: t,
            concurrent: concurrent,
            invocations: 1,
            errors: errors,
            throttles: throttles,
            durationP50: nil,
            durationP99: nil
        )
    }

    @Test func bucketsKeepPeaksAndSums() {
        let series = [sample(100, 1), sample(101, 4, throttles: 2), sample(102, 2, errors: 1), sample(103, 3)]
        let thinned = DashboardData.buckets(series, step: 3)
        #expect(thinned.map(\.t) == [99, 102])
        #expect(thinned.map(\.concurrent) == [4, 3])
        #expect(thinned.map(\.throttles) == [2, 0])
        #expect(thinned.map(\.errors) == [0, 1])
        #expect(DashboardData.buckets(series, step: 1) == series)
    }
}
