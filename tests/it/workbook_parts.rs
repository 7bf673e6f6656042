//! The evaluation workbook's sheets and shared strings are written by kpi
//! itself (README, "The workbook, written on both cores"), the same XML
//! byte for byte as rust_xlsxwriter wrote them from the same cells. The
//! expected parts in `fixtures/outputs/workbook/<case>/` are the library's
//! own, saved from a build that still filed every cell in it: one year,
//! years side by side (a sheet per year and one side by side), the English
//! workbook, and names that XML and the sheet's escapes must carry (`&`,
//! `<`, `>`, quotes, a literal `_x0041_`, a control character, a line
//! break, blanks around a name, a cell that starts like a formula).
//!
//! A large plan, written in runs of rows on several threads and deflated in
//! pieces, gives the same parts as one thread.

use std::path::Path;

use crate::common::{fixture, kpi, workbook_parts};
use crate::generated_plan;

/// Every part of the workbook at `path`, by name, but the properties that
/// hold the time it was made.
fn parts(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut parts = workbook_parts(&std::fs::read(path).unwrap());
    parts.retain(|(name, _)| name != "docProps/core.xml");
    parts.sort();
    parts
}

fn workbook(dir: &Path, threads: &str, args: &[&str]) -> Vec<(String, Vec<u8>)> {
    let out = dir.join(format!("w{threads}.xlsx"));
    let output = kpi().env("KPI_THREADS", threads).args(args).arg("-o").arg(&out).output().unwrap();
    assert!(output.status.success(), "kpi {args:?} failed:\n{}", String::from_utf8_lossy(&output.stderr));
    parts(&out)
}

#[test]
fn the_sheets_and_shared_strings_are_the_library_s_byte_for_byte() {
    let sample = fixture("sample/plan.csv");
    let sample_actuals = fixture("sample/actuals");
    let outputs = fixture("outputs/plan.csv");
    let outputs_actuals = fixture("outputs/actuals.csv");
    let names = fixture("outputs/workbook/names-plan.csv");
    let names_actuals = fixture("outputs/workbook/names-actuals.csv");
    let path = |p: &Path| p.to_str().unwrap().to_string();
    let cases: [(&str, Vec<String>, usize); 4] = [
        (
            "sample-2024",
            vec!["2024".into(), "--plan".into(), path(&sample), "--actuals".into(), path(&sample_actuals)],
            1,
        ),
        (
            "sample-2023-2025",
            vec!["2023..2025".into(), "--plan".into(), path(&sample), "--actuals".into(), path(&sample_actuals)],
            3,
        ),
        (
            "outputs-2024-en",
            vec![
                "2024".into(),
                "--plan".into(),
                path(&outputs),
                "--actuals".into(),
                path(&outputs_actuals),
                "--lang".into(),
                "en".into(),
            ],
            1,
        ),
        ("names-2024", vec!["2024".into(), "--plan".into(), path(&names), "--actuals".into(), path(&names_actuals)], 1),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (case, args, sheets) in cases {
        let mut all = vec!["eval".to_string()];
        all.extend(args);
        let all: Vec<&str> = all.iter().map(String::as_str).collect();
        let written = workbook(dir.path(), "1", &all);
        let expected_dir = fixture(&format!("outputs/workbook/{case}"));
        let mut expected_names = vec!["sharedStrings.xml".to_string()];
        expected_names.extend((1..=sheets).map(|n| format!("sheet{n}.xml")));
        for name in expected_names {
            let expected = std::fs::read(expected_dir.join(&name)).unwrap();
            let part = if name == "sharedStrings.xml" { format!("xl/{name}") } else { format!("xl/worksheets/{name}") };
            let got = written.iter().find(|(n, _)| *n == part).map(|(_, b)| b.clone());
            assert!(got.is_some(), "{case}: the workbook has no {part}");
            assert!(
                got.as_deref() == Some(&expected[..]),
                "{case}: {part} differs from the library's:\n{}",
                String::from_utf8_lossy(&got.unwrap())
            );
        }
        // No sheet beyond the expected ones.
        let sheets_written = written.iter().filter(|(n, _)| n.starts_with("xl/worksheets/sheet")).count();
        assert_eq!(sheets_written, sheets, "{case}");
    }
}

#[test]
fn a_large_plan_s_workbook_is_the_same_on_every_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let mut plan = Vec::new();
    let mut actuals = Vec::new();
    // 20 000 indicators and their ambiti and objectives: more than two runs of 8 192 rows.
    generated_plan::write(20_000, &mut plan, &mut actuals).unwrap();
    std::fs::write(dir.path().join("plan.csv"), plan).unwrap();
    std::fs::write(dir.path().join("actuals.csv"), actuals).unwrap();
    let plan = dir.path().join("plan.csv");
    let actuals = dir.path().join("actuals.csv");
    for years in ["2024", "2023..2024"] {
        let args = ["eval", years, "--plan", plan.to_str().unwrap(), "--actuals", actuals.to_str().unwrap()];
        let one = workbook(dir.path(), "1", &args);
        assert!(one.iter().any(|(n, b)| n == "xl/worksheets/sheet1.xml" && b.len() > 1_000_000));
        for threads in ["2", "7"] {
            let many = workbook(dir.path(), threads, &args);
            assert_eq!(one.len(), many.len());
            for ((name, bytes), (other, other_bytes)) in one.iter().zip(&many) {
                assert_eq!(name, other);
                assert!(bytes == other_bytes, "{years}: {name} with {threads} threads differs from one thread");
            }
        }
    }
}
