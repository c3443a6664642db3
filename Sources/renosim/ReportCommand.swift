import ArgumentParser
import Experiments
import Foundation
import Reports

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write an HTML report with charts from a result file.",
        discussion: """
            Reads a result.json (written by `run --out`) or a baseline and writes one self-contained \
            HTML file: inline SVG charts and CSS, nothing fetched from a network, printable.

              renosim report results/yh/result.json -o results/yh/report.html
            """
    )

    @Argument(help: ArgumentHelp("Result file written by `run --out` or `baseline`.", valueName: "result.json"))
    var results: String
    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("HTML file to write.", valueName: "report.html"))
    var output: String

    func run() throws {
        try reporting {
            try ReportPath.check(output, inputs: [results])
            let document: ResultDocument
            do throws(ResultFileError) {
                document = try ResultFile.read(results)
            } catch {
                throw CLIFailure(message: error.description, code: 2)
            }
            try writeReport(HTMLReport.render(document, communities: CommunityFinish.read(besideResultFile: results)),
                            to: output)
        }
    }
}

/// Writes a report whole and says where; a failure is exit status 2.
func writeReport(_ html: String, to path: String) throws {
    do {
        try AtomicFile.write(html, to: path)
    } catch {
        throw CLIFailure(message: error.description, code: 2)
    }
    Terminal.note("wrote " + path)
}
