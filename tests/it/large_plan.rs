//! A large generated plan gives, byte for byte, the output of the
//! straightforward path: one thread reading the files one after the other
//! and evaluating the indicators in order (`KPI_THREADS=1`, see the README's
//! "Size and speed").

use std::path::Path;

use crate::common::kpi;
use crate::generated_plan;

fn output(dir: &Path, threads: Option<&str>, args: &[&str]) -> Vec<u8> {
    let mut cmd = kpi();
    cmd.current_dir(dir).args(args).args(["--plan", "plan.csv", "--actuals", "actuals.csv"]);
    match threads {
        Some(n) => cmd.env("KPI_THREADS", n),
        None => cmd.env_remove("KPI_THREADS"),
    };
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "kpi {args:?} failed:\n{}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

#[test]
fn a_large_plan_reads_and_evaluates_as_on_one_thread() {
    let dir = tempfile::tempdir().unwrap();
    let mut plan = Vec::new();
    let mut actuals = Vec::new();
    let rows = generated_plan::write(20_000, &mut plan, &mut actuals).unwrap();
    // 20 000 indicators cycling through ten forms, 2 000 of each: 4+3+4+2+3+2+1+1+4+2 = 26 rows
    // per ten, so 52 000 rows, and the six shared ones.
    assert_eq!(rows, 52_006);
    std::fs::write(dir.path().join("plan.csv"), plan).unwrap();
    std::fs::write(dir.path().join("actuals.csv"), actuals).unwrap();
    for args in [
        &["eval", "2024", "--format", "json"][..],
        &["eval", "2024", "--format", "csv"],
        &["eval", "2023..2025", "--format", "json"],
        &["eval", "2023..2025", "--format", "csv"],
    ] {
        let straightforward = output(dir.path(), Some("1"), args);
        for threads in [None, Some("2"), Some("7")] {
            let fast = output(dir.path(), threads, args);
            assert!(fast == straightforward, "kpi {args:?} with {threads:?} threads differs from one thread");
        }
    }
    // Achieved, partial and missed all come out, so the comparison covers every way of scoring.
    let json: serde_json::Value =
        serde_json::from_slice(&output(dir.path(), None, &["eval", "2024", "--format", "json"])).unwrap();
    let statuses: std::collections::BTreeSet<String> =
        json["nodes"].as_array().unwrap().iter().filter_map(|n| n["status"].as_str().map(str::to_string)).collect();
    assert_eq!(statuses.into_iter().collect::<Vec<_>>(), ["achieved", "missed", "partial"]);
}
