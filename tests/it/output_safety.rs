//! `-o` never replaces what the run reads, a device, a FIFO or a link; an
//! interrupted write leaves no temporary file; a stream that cannot be
//! written is an exit status, never a panic (101) nor a silent success.

use std::fs::File;
use std::io::Read;
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{fixture, kpi};

/// A folder with the sample plan and its actuals.
fn sample() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("sample/plan.csv"), dir.path().join("plan.csv")).unwrap();
    std::fs::create_dir(dir.path().join("actuals")).unwrap();
    for year in ["2023", "2024"] {
        let name = format!("{year}.csv");
        std::fs::copy(fixture(&format!("sample/actuals/{name}")), dir.path().join("actuals").join(name)).unwrap();
    }
    dir
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn an_output_naming_an_input_is_a_usage_error_naming_both() {
    let dir = sample();
    let plan = std::fs::read(dir.path().join("plan.csv")).unwrap();
    let cases = [
        ("plan.csv", "kpi: -o plan.csv would replace the plan plan.csv, which this run reads: write the output to another file\n"),
        ("actuals/2024.csv", "kpi: -o actuals/2024.csv would replace the actuals file actuals/2024.csv, which this run reads: write the output to another file\n"),
        ("latest.csv", "kpi: -o latest.csv names the same file as the plan plan.csv, which this run reads: write the output to another file\n"),
    ];
    std::os::unix::fs::symlink("plan.csv", dir.path().join("latest.csv")).unwrap();
    for (output, message) in cases {
        let out = kpi().current_dir(dir.path()).args(["eval", "2024", "-o", output]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{output}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), message);
    }
    let out = kpi().current_dir(dir.path()).args(["template", "2024", "-o", "actuals/2023.csv"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("would replace the actuals file actuals/2023.csv"));
    assert_eq!(std::fs::read(dir.path().join("plan.csv")).unwrap(), plan, "the plan is untouched");
    let published = fixture("real/obiettivi-ente-2024-2026.txt");
    std::fs::copy(&published, dir.path().join("piano.csv")).unwrap();
    let out =
        kpi().current_dir(dir.path()).args(["import", "piano.csv", "-o", "piano.csv", "--force"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("would replace the published plan piano.csv"));
    assert_eq!(std::fs::read(dir.path().join("piano.csv")).unwrap(), std::fs::read(published).unwrap());
}

#[test]
fn devices_are_written_to_never_replaced() {
    let dir = sample();
    let out =
        kpi().current_dir(dir.path()).args(["eval", "2024", "--format", "csv", "-o", "/dev/null"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(std::fs::metadata("/dev/null").unwrap().file_type().is_char_device());
    assert!(std::fs::read_dir("/dev").unwrap().all(|e| !e.unwrap().file_name().to_string_lossy().starts_with(".kpi-")));
    let out =
        kpi().current_dir(dir.path()).args(["eval", "2024", "--format", "csv", "-o", "/dev/stdout"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("level,code,parent,name"));
    // A full device is an error with a message, not a silent success.
    let out =
        kpi().current_dir(dir.path()).args(["eval", "2024", "--format", "csv", "-o", "/dev/full"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "kpi: cannot write /dev/full: No space left on device (os error 28)\n"
    );
}

#[test]
fn a_fifo_is_written_to_for_its_reader() {
    let dir = sample();
    let fifo = dir.path().join("report.csv");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut text = String::new();
            File::open(fifo).unwrap().read_to_string(&mut text).unwrap();
            text
        })
    };
    let out = kpi().current_dir(dir.path()).args(["eval", "2024", "-o", "report.csv"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(reader.join().unwrap().starts_with("level,code,parent,name"));
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo(), "the FIFO is still a FIFO");
    assert_eq!(names_in(dir.path()), ["actuals", "plan.csv", "report.csv"]);
}

#[test]
fn a_chain_of_links_is_followed_to_its_file() {
    let dir = sample();
    std::fs::write(dir.path().join("report.csv"), "old").unwrap();
    std::os::unix::fs::symlink("report.csv", dir.path().join("link2")).unwrap();
    std::os::unix::fs::symlink("link2", dir.path().join("link1")).unwrap();
    let out = kpi().current_dir(dir.path()).args(["eval", "2024", "--format", "csv", "-o", "link1"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for link in ["link1", "link2"] {
        assert!(std::fs::symlink_metadata(dir.path().join(link)).unwrap().file_type().is_symlink(), "{link}");
    }
    assert!(std::fs::read_to_string(dir.path().join("report.csv")).unwrap().starts_with("level,code"));
    // A link to a file not there yet creates the file at the end of the chain.
    std::os::unix::fs::symlink("new.csv", dir.path().join("to-new")).unwrap();
    let out = kpi().current_dir(dir.path()).args(["eval", "2024", "--format", "csv", "-o", "to-new"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(std::fs::symlink_metadata(dir.path().join("to-new")).unwrap().file_type().is_symlink());
    assert!(std::fs::read_to_string(dir.path().join("new.csv")).unwrap().starts_with("level,code"));
}

/// A folder with a plan large enough that writing its report takes a while.
fn large(indicators: usize) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("output_safety_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut plan = String::from("level,code,name,weight,formula,unit,target_2024\nambito,A1,Servizi,100%,,,\n");
    let mut actuals = String::from("year,code,variable,value\n");
    for i in 0..indicators {
        plan.push_str(&format!("indicator,IND{i:06},Nome {i},1,[evase {i}] / [totale {i}],N.,>= 1\n"));
        actuals.push_str(&format!("2024,IND{i:06},evase {i},1\n2024,IND{i:06},totale {i},2\n"));
    }
    std::fs::write(dir.join("plan.csv"), plan).unwrap();
    std::fs::write(dir.join("actuals.csv"), actuals).unwrap();
    dir
}

#[test]
fn an_interrupted_write_leaves_no_temporary_file() {
    let dir = large(30_000);
    let kpi = assert_cmd::cargo::cargo_bin("kpi");
    for (signal, name) in [(2, "INT"), (15, "TERM"), (1, "HUP")] {
        let mut child = Command::new(&kpi)
            .current_dir(&dir)
            .args(["eval", "2024", "--actuals", "actuals.csv", "-o", "report.md"])
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let start = Instant::now();
        let temp = loop {
            let found = names_in(&dir).into_iter().find(|n| n.starts_with(".kpi-"));
            if let Some(found) = found {
                break found;
            }
            assert!(child.try_wait().unwrap().is_none(), "kpi finished before its temporary file was seen");
            assert!(start.elapsed() < Duration::from_secs(60));
            std::thread::sleep(Duration::from_millis(1));
        };
        assert!(Command::new("kill").args([format!("-{name}"), child.id().to_string()]).status().unwrap().success());
        let status = child.wait().unwrap();
        assert_eq!(std::os::unix::process::ExitStatusExt::signal(&status), Some(signal), "SIG{name}");
        assert_eq!(names_in(&dir), ["actuals.csv", "plan.csv"], "SIG{name}: {temp} is removed, no report is made");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_closed_pipe_is_quiet_and_a_full_device_an_error() {
    // `kpi completions bash | head -c 10`: the reader goes away first.
    let mut child =
        kpi_command(&["completions", "bash"]).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty());
    for args in [&["completions", "bash"][..], &["man"], &["--help"], &["eval", "--help"]] {
        let out = kpi_command(args).stdout(File::create("/dev/full").unwrap()).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "kpi: cannot write to standard output: No space left on device (os error 28)\n",
            "{args:?}"
        );
    }
}

fn kpi_command(args: &[&str]) -> Command {
    let mut command = Command::new(assert_cmd::cargo::cargo_bin("kpi"));
    command.args(args);
    command
}

#[test]
fn a_closed_standard_output_is_an_error_with_a_message() {
    let kpi = assert_cmd::cargo::cargo_bin("kpi");
    for args in ["man", "--help", "completions bash"] {
        let out = Command::new("sh").arg("-c").arg(format!("exec '{}' {args} >&-", kpi.display())).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "kpi: cannot write to standard output: it is closed; give -o FILE, or leave standard output open\n"
        );
    }
    // Standard output sent to /dev/null is still a success.
    let out = kpi_command(&["man"]).stdout(File::create("/dev/null").unwrap()).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn a_standard_error_that_cannot_be_written_changes_no_exit_status() {
    let dir = sample();
    // A usage error stays 2, a run with warnings stays 0, a refused input stays 2.
    let full = || File::create("/dev/full").unwrap();
    let out = kpi_command(&["eval"]).stderr(full()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = kpi_command(&["eval", "2024", "--cap", "120", "--scoring", "linear", "--format", "csv"])
        .current_dir(dir.path())
        .stderr(full())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("level,code"));
    let out = kpi_command(&["eval", "2024", "--plan", "missing.csv"])
        .current_dir(dir.path())
        .stderr(full())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!("exec '{}' eval 2024 --plan missing.csv 2>&-", assert_cmd::cargo::cargo_bin("kpi").display()))
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
