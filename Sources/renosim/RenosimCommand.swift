import ArgumentParser
import Foundation
import Reports

/// renosim: discrete-event simulation of renovation programmes.
///
///     $ renosim validate scenarios/yonghong-2022.yaml
///     scenarios/yonghong-2022.yaml: valid — 11 communities, 161 buildings, 2 plans
///     $ renosim run scenarios/yonghong-2022.yaml --plan three-year --replications 200
@main
struct Renosim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "renosim",
        abstract: "Discrete-event simulation of renovation programmes.",
        discussion: """
            A scenario file describes communities, buildings, work, crews, calendars, inspections, \
            defects, budget and plans; renosim simulates it many times and tells when the programme \
            will finish, how sure that is, and what it costs crews and residents.
            """,
        version: ToolVersion.current,
        subcommands: [RunCommand.self, ReportCommand.self, BaselineCommand.self, CheckCommand.self, CompareCommand.self,
                      SensitivityCommand.self, RisksCommand.self, SizeCommand.self, OptimiseCommand.self, ShardCommand.self, ServeCommand.self, ValidateCommand.self]
    )

    static func main() {
        // Past a file size limit (`ulimit -f`) a write should fail with EFBIG,
        // reported like a full disk, instead of the signal killing the process.
        signal(SIGXFSZ, SIG_IGN)
        // A closed pipe (`| head -1`) is a write error reported with a message, not a silent death (exit 141).
        signal(SIGPIPE, SIG_IGN)
        main(nil)
    }
}
