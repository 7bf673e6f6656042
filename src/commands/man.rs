//! `kpi man`: the manual page, in roff, on standard output. One page holds
//! everything: the top level, then a section per command with its usage,
//! arguments and options, then the exit statuses.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::CommandFactory;
use clap_mangen::roff::{bold, roman, Roff};
use clap_mangen::Man;

use crate::cli::Cli;
use crate::output::write_output;

/// What roff gets before the page: written once, at the top.
const PREAMBLE: &str = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";

/// The exit statuses, as `app::run` and the commands give them.
const EXIT_STATUS: [(&str, &str); 3] = [
    ("0", "The command ran: kpi eval evaluated the plan, whatever the scores; kpi check found no errors (warnings aside)."),
    ("1", "kpi check found errors, or a file could not be written."),
    ("2", "Unusable input (the message names the file and line) or a usage error (the message names the option)."),
];

pub fn run() -> anyhow::Result<ExitCode> {
    let page = page(Cli::command())?;
    write_output(None, |out| out.write_all(page.as_bytes()))?;
    Ok(ExitCode::SUCCESS)
}

/// The whole manual page.
fn page(mut cli: clap::Command) -> io::Result<String> {
    cli.build();
    let man = Man::new(cli.clone());
    let mut page = String::from(PREAMBLE);
    page += &render(|w| man.render_title(w))?;
    page += &render(|w| man.render_name_section(w))?;
    page += &render(|w| man.render_synopsis_section(w))?;
    page += &render(|w| man.render_description_section(w))?;
    page += &render(|w| man.render_options_section(w))?;

    let commands: Vec<&clap::Command> =
        cli.get_subcommands().filter(|c| !c.is_hide_set() && c.get_name() != "help").collect();
    let mut list = Roff::default();
    list.control("SH", ["COMMANDS"]);
    list.text([roman("Each command is described in a section of its own below.")]);
    for command in &commands {
        list.control("TP", []);
        list.text([bold(bin_name(command))]);
        list.text([roman(command.get_about().map(|a| a.to_string()).unwrap_or_default())]);
    }
    page += &strip(list.render());

    for command in commands {
        page += &command_section(command)?;
    }

    let mut exit = Roff::default();
    exit.control("SH", ["EXIT STATUS"]);
    for (status, meaning) in EXIT_STATUS {
        exit.control("TP", []);
        exit.text([bold(status)]);
        exit.text([roman(meaning)]);
    }
    page += &strip(exit.render());
    page += &render(|w| man.render_version_section(w))?;
    Ok(page)
}

/// `kpi eval`: how the command is typed.
fn bin_name(command: &clap::Command) -> String {
    command.get_bin_name().map_or_else(|| format!("kpi {}", command.get_name()), str::to_string)
}

/// A command's section: its description, then its usage, its arguments and
/// its options as subsections.
fn command_section(command: &clap::Command) -> io::Result<String> {
    // Positional arguments get a heading of their own, after the options.
    let command = command.clone().mut_args(|a| if a.is_positional() { a.help_heading("Arguments") } else { a });
    let man = Man::new(command.clone());
    let mut heading = Roff::default();
    heading.control("SH", [bin_name(&command).to_uppercase().as_str()]);
    let mut section = strip(heading.render());
    section += &without_heading(&render(|w| man.render_description_section(w))?);
    section += ".SS Usage\n";
    section += &without_heading(&render(|w| man.render_synopsis_section(w))?);
    let options = render(|w| man.render_options_section(w))?;
    let parts = split_sections(&options);
    for wanted in ["ARGUMENTS", "OPTIONS"] {
        if let Some((title, body)) = parts.iter().find(|(title, _)| title == wanted) {
            section += &format!(".SS {}{}\n", &title[..1], title[1..].to_lowercase());
            section += body;
        }
    }
    Ok(section)
}

/// Renders one part of a page, without the preamble written at the top.
fn render(part: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<String> {
    let mut out = Vec::new();
    part(&mut out)?;
    Ok(strip(String::from_utf8_lossy(&out).into_owned()))
}

fn strip(text: String) -> String {
    text.strip_prefix(PREAMBLE).map(str::to_string).unwrap_or(text)
}

/// A section's body, without its `.SH` line.
fn without_heading(text: &str) -> String {
    text.split_once('\n').map_or_else(String::new, |(_, body)| body.to_string())
}

/// The `.SH` sections of a rendering, as (title, body).
fn split_sections(text: &str) -> Vec<(String, String)> {
    let mut sections: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        match line.strip_prefix(".SH ") {
            Some(title) => sections.push((title.trim_matches('"').to_string(), String::new())),
            None => {
                if let Some((_, body)) = sections.last_mut() {
                    body.push_str(line);
                    body.push('\n');
                }
            }
        }
    }
    sections
}
