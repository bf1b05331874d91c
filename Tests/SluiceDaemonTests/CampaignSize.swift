/// How much the kill campaign does: SLUICE_CAMPAIGN_KILLS SIGKILLs of sluiced (8 in `make test`, 50 in
/// `make soak`), spread over SLUICE_CAMPAIGN_MINUTES minutes when given (the mix keeps cycling that long).
struct CampaignSize {
    let kills: Int
    let minutes: Double

    init(_ environment: [String: String]) {
        kills = max(environment["SLUICE_CAMPAIGN_KILLS"].flatMap(Int.init) ?? 8, 1)
        minutes = environment["SLUICE_CAMPAIGN_MINUTES"].flatMap(Double.init) ?? 0
    }

    /// The mean pause between two kills: long enough for a restarted sluiced to carry its work on (2.5 s at
    /// least), spread over the minutes asked for.
    var meanPause: Double { max(2.5, minutes * 60 / Double(kills)) }

    var duration: Duration { .seconds(minutes * 60) }
}
