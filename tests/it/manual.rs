//! `kpi man`: one complete page, every command with its usage, arguments
//! and options, and the exit statuses; no reference to pages that do not exist.

use crate::common;

use common::kpi;

fn page() -> String {
    let output = kpi().arg("man").output().unwrap();
    assert!(output.status.success());
    String::from_utf8(output.stdout).unwrap()
}

/// The text of the `.SH` section titled `title`, up to the next `.SH`.
fn section<'a>(page: &'a str, title: &str) -> &'a str {
    let start = page.find(&format!(".SH {title}\n")).unwrap_or_else(|| panic!("no section {title}\n{page}"));
    let rest = &page[start..];
    let end = rest[1..].find("\n.SH ").map_or(rest.len(), |i| i + 2);
    &rest[..end]
}

#[test]
fn the_page_lists_the_commands_and_the_exit_statuses() {
    let page = page();
    assert!(page.starts_with(".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n.TH kpi 1 "), "{page}");
    assert_eq!(page.matches(".ds Aq").count(), 2, "the preamble once");
    assert_eq!(
        section(&page, "COMMANDS"),
        ".SH COMMANDS
Each command is described in a section of its own below.
.TP
\\fBkpi eval\\fR
Compute, score and roll up every indicator for a year
.TP
\\fBkpi check\\fR
Find every problem in the plan and the actuals, each with file, line and a hint
.TP
\\fBkpi template\\fR
Write the actuals file to fill in for a year: one row per quantity the formulas need
.TP
\\fBkpi explain\\fR
Show how one indicator\\*(Aqs or objective\\*(Aqs score was made, with its arithmetic
.TP
\\fBkpi needs\\fR
Mid\\-year monitoring: what each indicator, and the body, still needs to reach the targets
.TP
\\fBkpi import\\fR
Turn a plan in its published layout (text from the PDF) into the canonical plan CSV
.TP
\\fBkpi completions\\fR
Print the shell completion script for SHELL
.TP
\\fBkpi man\\fR
Print the manual page (roff), e.g. `kpi man > kpi.1`
"
    );
    assert_eq!(
        section(&page, "\"EXIT STATUS\""),
        ".SH \"EXIT STATUS\"
.TP
\\fB0\\fR
The command ran: kpi eval evaluated the plan, whatever the scores; kpi check found no errors (warnings aside).
.TP
\\fB1\\fR
kpi check found errors, or a file could not be written.
.TP
\\fB2\\fR
Unusable input (the message names the file and line) or a usage error (the message names the option).
"
    );
    // No kpi-eval(1) and the like: there is one page.
    assert!(!page.contains("(1)"), "{page}");
}

#[test]
fn each_command_has_its_usage_arguments_and_options() {
    let page = page();
    assert_eq!(
        section(&page, "\"KPI TEMPLATE\""),
        ".SH \"KPI TEMPLATE\"
Write the actuals file to fill in for a year: one row per quantity the formulas need
.SS Usage
\\fBkpi template\\fR [\\fB\\-\\-plan\\fR] [\\fB\\-\\-actuals\\fR] [\\fB\\-\\-sheet\\fR] [\\fB\\-\\-plan\\-sheet\\fR] [\\fB\\-\\-actuals\\-sheet\\fR] [\\fB\\-\\-number\\-format\\fR] [\\fB\\-\\-lang\\fR] [\\fB\\-o\\fR|\\fB\\-\\-output\\fR] [\\fB\\-h\\fR|\\fB\\-\\-help\\fR] <\\fIYEAR\\fR> 
.SS Arguments
.TP
<\\fIYEAR\\fR>
The year whose values are to be collected, e.g. 2024
.SS Options
.TP
\\fB\\-\\-plan\\fR \\fI<FILE>\\fR [default: plan.csv]
The plan: CSV (comma, semicolon or tab), .xlsx or .ods
.TP
\\fB\\-\\-actuals\\fR \\fI<PATH>\\fR
Actuals files, or folders whose .csv, .tsv, .xlsx and .ods files are all read. Repeatable
.TP
\\fB\\-\\-sheet\\fR \\fI<NAME>\\fR
The sheet to read in every .xlsx or .ods workbook (default: the first); \\-\\-plan\\-sheet and \\-\\-actuals\\-sheet override it for one side
.TP
\\fB\\-\\-plan\\-sheet\\fR \\fI<NAME>\\fR
The plan\\*(Aqs sheet, when the plan is a workbook (default: \\-\\-sheet, else the first)
.TP
\\fB\\-\\-actuals\\-sheet\\fR \\fI<NAME>\\fR
The sheet of every actuals workbook (default: \\-\\-sheet, else the first), so one workbook can hold the plan on one sheet and the actuals on another
.TP
\\fB\\-\\-number\\-format\\fR \\fI<it|en>\\fR
Read every number as Italian (1.234,5) or English (1,234.5) instead of detecting it per file
.br

.br
\\fIPossible values:\\fR
.RS 14
.IP \\(bu 2
it: 1.234,5 (decimal comma)
.IP \\(bu 2
en: 1,234.5 (decimal point)
.RE
.TP
\\fB\\-\\-lang\\fR \\fI<it|en>\\fR [default: it]
The language of the human outputs: the table, Markdown, the workbook, explain and the template (JSON, CSV and TSV keep their English fields and statuses in both)
.br

.br
\\fIPossible values:\\fR
.RS 14
.IP \\(bu 2
it: Italiano
.IP \\(bu 2
en: English
.RE
.TP
\\fB\\-o\\fR, \\fB\\-\\-output\\fR \\fI<FILE>\\fR
Write to FILE, a .csv file (atomically), instead of standard output
.TP
\\fB\\-h\\fR, \\fB\\-\\-help\\fR
Print help (see a summary with \\*(Aq\\-h\\*(Aq)
"
    );
    // Every option of every command, as its --help lists it, is in the command's section.
    for command in ["eval", "check", "template", "explain", "import", "completions", "man"] {
        let help = String::from_utf8(kpi().args([command, "--help"]).output().unwrap().stdout).unwrap();
        let section = section(&page, &format!("\"KPI {}\"", command.to_uppercase()));
        assert!(section.contains(&format!(".SS Usage\n\\fBkpi {command}\\fR")), "{section}");
        for option in help.split_whitespace().filter(|w| w.starts_with("--")) {
            let option = option.trim_end_matches([',', '.', ')']).split(['=', '[']).next().unwrap();
            assert!(section.contains(&format!("\\fB{}\\fR", option.replace('-', "\\-"))), "kpi {command} {option}");
        }
    }
    assert!(section(&page, "\"KPI EXPLAIN\"").contains(".SS Arguments\n.TP\n<\\fICODE\\fR>\nThe code of an indicator"));
}
