import SluiceJSON
import Testing

@testable import SluiceWorkers

/// A function file's `Placement`: local by default, or a Slurm partition and what each agent asks for.
struct PlacementTests {
    func load(_ placement: JSONValue, runtime: String = "persistent") -> (FunctionDefinition?, [String]) {
        let loaded = FunctionDefinition.load(
            ["Command": ["/bin/true"], "Runtime": .string(runtime), "Placement": placement],
            file: "f.json",
            name: "f"
        )
        return (loaded.definition, loaded.problems.map(\.description))
    }

    @Test("No Placement and {\"Type\": \"local\"} are local")
    func local() throws {
        let plain = try #require(
            FunctionDefinition.load(["Command": ["/bin/true"]], file: "f.json", name: "f").definition
        )
        #expect(plain.placement == .local)
        #expect(load(["Type": "local"]).0?.placement == .local)
        #expect(
            load(["Type": "local", "Partition": "p"]).1 == [
                "f.json: /Placement/Partition: unknown field 'Partition' (a local placement has only 'Type')"
            ]
        )
    }

    @Test("A slurm placement with every field decodes to what sbatch is given")
    func slurm() throws {
        let (definition, problems) = load([
            "Type": "slurm", "Partition": "debug", "Account": "lab", "TimeLimit": "01:30:00", "CpusPerWorker": 2,
            "MemoryMiB": 512, "MaxWorkers": 3, "ExtraArgs": ["--qos=short", "--constraint=avx2"],
        ])
        #expect(problems.isEmpty)
        var expected = SlurmPlacement(partition: "debug")
        expected.account = "lab"
        expected.timeLimit = "01:30:00"
        expected.cpusPerWorker = 2
        expected.memoryMiB = 512
        expected.maxWorkers = 3
        expected.extraArgs = ["--qos=short", "--constraint=avx2"]
        #expect(try #require(definition).placement == .slurm(expected))
        // Minutes as a number; only the partition is required.
        var minimal = SlurmPlacement(partition: "debug")
        minimal.timeLimit = "90"
        #expect(load(["Type": "slurm", "Partition": "debug", "TimeLimit": 90]).0?.placement == .slurm(minimal))
        #expect(load(["Type": "slurm", "Partition": "debug", "TimeLimit": "2-00:00:00"]).1.isEmpty)
    }

    @Test("Agents on Slurm run as sluiced's user: a User is refused")
    func user() {
        let loaded = FunctionDefinition.load(
            [
                "Command": ["/bin/true"], "Runtime": "persistent", "User": "nobody",
                "Placement": ["Type": "slurm", "Partition": "p"],
            ],
            file: "f.json",
            name: "f"
        )
        #expect(
            loaded.problems.map(\.description) == [
                "f.json: /User: applies to local workers only: agents on Slurm run as the user sluiced submits as"
            ]
        )
    }

    @Test("Wrong types and values are problems naming the file and the field")
    func problems() {
        #expect(
            load("slurm").1 == [
                #"f.json: /Placement: must be an object: {"Type": "local"} or {"Type": "slurm", "Partition": ...}"#
            ]
        )
        #expect(load([:]).1 == [#"f.json: /Placement: the field 'Type' ("local" or "slurm") is required"#])
        #expect(load(["Type": "cloud"]).1 == [#"f.json: /Placement/Type: must be "local" or "slurm""#])
        #expect(
            load(["Type": "slurm"]).1 == [
                "f.json: /Placement/Partition: is required: the Slurm partition the agents run in"
            ]
        )
        let wrong = load([
            "Type": "slurm", "Partition": "a b", "Account": 7, "TimeLimit": "1:75:00", "CpusPerWorker": 0,
            "MemoryMiB": "1G", "MaxWorkers": 1001, "ExtraArgs": ["--qos=short", "script.sh", 3], "Nodes": 2,
        ]).1
        #expect(
            wrong == [
                "f.json: /Placement/Nodes: unknown field 'Nodes'",
                "f.json: /Placement/Partition: must be the name of a Slurm partition (no spaces or commas)",
                "f.json: /Placement/Account: must be the name of a Slurm account (no spaces or commas)",
                #"f.json: /Placement/TimeLimit: must be whole minutes (1 or more) or "HH:MM:SS" ("D-HH:MM:SS" for days)"#,
                "f.json: /Placement/CpusPerWorker: must be a whole number from 1 to 1024",
                "f.json: /Placement/MemoryMiB: must be a whole number of MiB, 1 or more",
                "f.json: /Placement/MaxWorkers: must be a whole number from 1 to 1000",
                "f.json: /Placement/ExtraArgs[1]: must be a string holding an sbatch option (starting with '-')",
                "f.json: /Placement/ExtraArgs[2]: must be a string holding an sbatch option (starting with '-')",
            ]
        )
        for bad: JSONValue in [0, -5, "", "90", "1:00", "+1:00:00", "00:00:00", "x-01:00:00", 1.5] {
            #expect(
                load(["Type": "slurm", "Partition": "p", "TimeLimit": bad]).1.count == 1,
                "TimeLimit \(bad) is refused"
            )
        }
        // sbatch takes the last of a repeated option: ExtraArgs may not undo what sluiced sets.
        #expect(
            load(["Type": "slurm", "Partition": "p", "ExtraArgs": ["--export=ALL", "-J", "--qos=short"]]).1 == [
                "f.json: /Placement/ExtraArgs[0]: '--export' is sluice's to set: agents get only the function's Environment, never sluiced's own variables",
                "f.json: /Placement/ExtraArgs[1]: '-J' is sluice's to set: sluiced finds its jobs again by their name",
            ]
        )
        #expect(
            load(["Type": "slurm", "Partition": "p"], runtime: "process").1 == [
                #"f.json: /Placement: a slurm placement needs "Runtime": "persistent" (its agents relay request lines)"#
            ]
        )
    }
}
