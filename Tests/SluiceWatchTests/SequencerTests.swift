import SluiceWatch
import Testing

struct SequencerTests {
    @Test("values follow the clock in the high bits and never go back")
    func increasing() {
        var sequencer = Sequencer()
        let first = sequencer.next(seconds: 0x69B2_1FFD)
        #expect(first == 0x69B2_1FFD_0000_0000)
        #expect(sequencer.next(seconds: 0x69B2_1FFD) == first + 1)
        // The clock stepping back does not make values go back.
        #expect(sequencer.next(seconds: 0x69B2_0000) == first + 2)
        #expect(sequencer.next(seconds: 0x69B2_1FFE) == 0x69B2_1FFE_0000_0000)
    }
}
