//! Broken and hostile files: each is answered within seconds and within a
//! bounded memory, with exit 2 and a message naming the file and the limit,
//! never an abort or a hang.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::common::{fixture, workbook_parts};

/// Runs kpi with `args` in `dir`, its address space limited to 1 GiB, and
/// fails the test if it runs longer than 20 seconds.
fn run_bounded(dir: &Path, args: &[&str]) -> Output {
    let kpi = assert_cmd::cargo::cargo_bin("kpi");
    let mut child = Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 1048576 && exec \"$0\" \"$@\"")
        .arg(&kpi)
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(20) {
            child.kill().unwrap();
            panic!("kpi {args:?} still running after 20 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// Runs `kpi eval 2024 --plan PLAN` bounded, expects exit 2 and returns
/// standard error, which must be short: a message, never a cell repeated.
fn refused(dir: &Path, plan: &str) -> String {
    let output = run_bounded(dir, &["eval", "2024", "--plan", plan, "--format", "json"]);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(2), "{plan}: {stderr}");
    assert!(output.stdout.is_empty());
    assert!(stderr.len() < 600, "{plan}: a message of {} bytes", stderr.len());
    stderr
}

fn hostile(name: &str) -> String {
    fixture(&format!("hostile/{name}")).display().to_string()
}

/// A zip of `parts`, deflated.
fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// The parts of a workbook as they are, with `name` replaced by `bytes`.
fn with_part(workbook: &Path, name: &str, bytes: &[u8]) -> Vec<u8> {
    let parts: Vec<(String, Vec<u8>)> = workbook_parts(&std::fs::read(workbook).unwrap())
        .into_iter()
        .map(|(part, content)| if part == name { (part, bytes.to_vec()) } else { (part, content) })
        .collect();
    let parts: Vec<(&str, &[u8])> = parts.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    zip_of(&parts)
}

fn part(workbook: &Path, name: &str) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(workbook).unwrap()).unwrap();
    let mut content = Vec::new();
    std::io::Read::read_to_end(&mut archive.by_name(name).unwrap(), &mut content).unwrap();
    content
}

#[test]
fn a_cell_at_the_last_position_is_read_without_a_dense_range() {
    // A1 and XFD1048576 only: calamine's dense range asked for 549 GB and aborted.
    let dir = tempfile::tempdir().unwrap();
    let stderr = refused(dir.path(), &hostile("far-cell.xlsx"));
    assert!(stderr.contains("far-cell.xlsx[Piano]:1: the header has no `code` column (found: level)"), "{stderr}");
}

#[test]
fn references_past_the_last_cell_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    for (file, reference) in
        [("past-last-row.xlsx", "5000000000"), ("past-last-column.xlsx", "ZZZZZZZZ35"), ("zzzz35.xlsx", "ZZZZ35")]
    {
        let stderr = refused(dir.path(), &hostile(file));
        assert!(
            stderr.contains(&format!(
                "{file}: the workbook's part xl/worksheets/sheet1.xml is broken (it names `{reference}`, past the last cell a sheet has, XFD1048576)"
            )),
            "{stderr}"
        );
    }
    let stderr = refused(dir.path(), &hostile("backwards-dimension.xlsx"));
    assert!(stderr.contains("(its range B2:A1 runs backwards)"), "{stderr}");
}

#[test]
fn a_formatted_empty_cell_at_the_last_position_costs_nothing() {
    // The percent-format walk visited every position up to XFD1048576: 100 s.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.csv"), "year,code,variable,value\n2024,K1,evase,45\n2024,K1,ricevute,50\n")
        .unwrap();
    let start = Instant::now();
    let output = run_bounded(
        dir.path(),
        &["eval", "2024", "--plan", &hostile("formatted-far-cell.xlsx"), "--actuals", "a.csv", "--format", "csv"],
    );
    assert!(start.elapsed() < Duration::from_secs(5), "{:?}", start.elapsed());
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    // 45 / 50 = 0.9 against >= 90 %: achieved, 100.
    assert!(String::from_utf8_lossy(&output.stdout).contains("K1,,Pratiche evase,%,100,>= 0.9,,0.9,100,100,achieved"));
}

#[test]
fn an_ods_cut_short_is_refused_instead_of_looping() {
    let dir = tempfile::tempdir().unwrap();
    let stderr = refused(dir.path(), &hostile("cut.ods"));
    assert!(
        stderr.contains("cut.ods: the workbook's part content.xml is broken (it ends before its elements are closed)"),
        "{stderr}"
    );
    // The real plan cut after its third row.
    let real = fixture("spreadsheets/plan.ods");
    let content = part(&real, "content.xml");
    let text = String::from_utf8(content).unwrap();
    let third_row = text.match_indices("<table:table-row").nth(3).unwrap().0;
    let cut = with_part(&real, "content.xml", &text.as_bytes()[..third_row]);
    std::fs::write(dir.path().join("plan.ods"), cut).unwrap();
    let stderr = refused(dir.path(), "plan.ods");
    assert!(stderr.contains("it ends before its elements are closed"), "{stderr}");
}

#[test]
fn repeated_filled_cells_stop_at_the_cell_limit() {
    // 1 048 574 rows of 16 384 filled cells, in 847 bytes.
    let dir = tempfile::tempdir().unwrap();
    let stderr = refused(dir.path(), &hostile("repeated.ods"));
    assert!(stderr.contains("repeated.ods[Piano]:125: the sheet has more than 2 000 000 cells"), "{stderr}");
}

#[test]
fn an_endless_or_huge_plan_is_refused_at_the_file_limit() {
    let dir = tempfile::tempdir().unwrap();
    let stderr = refused(dir.path(), "/dev/zero");
    assert!(stderr.contains("/dev/zero: the file is larger than 256 MiB, the most kpi reads"), "{stderr}");
    // A 2 GB line (a sparse file: nothing is written but its header).
    let file = std::fs::File::create(dir.path().join("plan.csv")).unwrap();
    (&file).write_all(b"level,code\n").unwrap();
    file.set_len(2_000_000_000).unwrap();
    let stderr = refused(dir.path(), "plan.csv");
    assert!(stderr.contains("plan.csv: the file is larger than 256 MiB"), "{stderr}");
}

#[test]
fn a_long_line_and_a_huge_cell_are_refused_by_line() {
    let dir = tempfile::tempdir().unwrap();
    let long_line = format!("level,code,name\nindicator,K1,{}\n", "x".repeat(2 << 20));
    std::fs::write(dir.path().join("plan.csv"), long_line).unwrap();
    let stderr = refused(dir.path(), "plan.csv");
    assert!(stderr.contains("plan.csv:2: the line is longer than 1 MiB"), "{stderr}");
    // A 20 MB cell on lines of its own: refused by its size, never quoted whole.
    let cell = "x\n".repeat(10 << 20);
    std::fs::write(dir.path().join("plan.csv"), format!("level,code,name\nindicator,K1,\"{cell}\"\n")).unwrap();
    let stderr = refused(dir.path(), "plan.csv");
    assert!(stderr.contains("plan.csv:2: column 3 holds more than 32 767 characters"), "{stderr}");
}

#[test]
fn a_huge_shared_string_is_refused_at_the_part_limit() {
    // 80 MiB of one string deflate to about 80 KB.
    let real = fixture("spreadsheets/plan.xlsx");
    let mut strings =
        b"<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>"
            .to_vec();
    strings.resize(strings.len() + (80 << 20), b'a');
    strings.extend_from_slice(b"</t></si></sst>");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("plan.xlsx"), with_part(&real, "xl/sharedStrings.xml", &strings)).unwrap();
    let stderr = refused(dir.path(), "plan.xlsx");
    assert!(
        stderr.contains("plan.xlsx: the workbook's part xl/sharedStrings.xml is larger than 64 MiB once decompressed"),
        "{stderr}"
    );
    // A 1 MB shared string is within the part limit, and refused as a cell.
    let mut strings = String::from_utf8(part(&real, "xl/sharedStrings.xml")).unwrap();
    let first = strings.find("livello").unwrap();
    strings.insert_str(first, &"y".repeat(1 << 20));
    std::fs::write(dir.path().join("plan.xlsx"), with_part(&real, "xl/sharedStrings.xml", strings.as_bytes())).unwrap();
    let stderr = refused(dir.path(), "plan.xlsx");
    assert!(stderr.contains("holds more than 32 767 characters, the most a spreadsheet cell holds"), "{stderr}");
}

#[test]
fn a_message_quotes_a_long_cell_cut_short() {
    // 30 000 characters: within the cell limit, and no number.
    let dir = tempfile::tempdir().unwrap();
    let cell = "x".repeat(30_000);
    std::fs::write(dir.path().join("plan.csv"), "level,code,name,formula,target_2024\nindicator,K1,Uno,[a],>= 1\n")
        .unwrap();
    std::fs::write(dir.path().join("actuals.csv"), format!("year,code,variable,value\n2024,K1,a,{cell}\n")).unwrap();
    let output = run_bounded(dir.path(), &["eval", "2024", "--actuals", "actuals.csv", "--format", "json"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(&format!("`{}…`", "x".repeat(40))), "{stderr}");
    assert!(stderr.len() < 400, "{} bytes", stderr.len());
}

#[test]
fn a_shared_string_count_past_the_part_is_refused() {
    // Found by the fuzz equivalents: calamine reserved room for uniqueCount
    // strings first, 103 GB for this one, and aborted.
    let real = fixture("spreadsheets/plan.xlsx");
    let strings = String::from_utf8(part(&real, "xl/sharedStrings.xml")).unwrap();
    let strings = strings.replacen("uniqueCount=\"134\"", "uniqueCount=\"4294967296\"", 1);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("plan.xlsx"), with_part(&real, "xl/sharedStrings.xml", strings.as_bytes())).unwrap();
    let stderr = refused(dir.path(), "plan.xlsx");
    assert!(stderr.contains("xl/sharedStrings.xml is broken (it counts 4294967296 strings in 7368 bytes)"), "{stderr}");
}
