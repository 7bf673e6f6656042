//! Helpers shared by the integration tests: run the real binary, read its JSON.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

pub fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(path)
}

pub fn kpi() -> Command {
    let mut cmd = Command::cargo_bin("kpi").unwrap();
    cmd.env_remove("NO_COLOR").env("COLUMNS", "200");
    cmd
}

/// Runs `kpi eval` with `args` in `dir` and returns its JSON output.
pub fn eval_json(dir: &Path, args: &[&str]) -> Value {
    let output = kpi().current_dir(dir).arg("eval").args(args).args(["--format", "json"]).output().unwrap();
    assert!(output.status.success(), "kpi eval {args:?} failed:\n{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The node with `code` in an evaluation's JSON.
pub fn node<'a>(evaluation: &'a Value, code: &str) -> &'a Value {
    evaluation["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["code"] == code)
        .unwrap_or_else(|| panic!("no node {code}"))
}

/// A JSON number or null as text, for exact comparisons.
pub fn text(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Runs `kpi ARGS` in `dir` at a terminal COLUMNS wide, as `script`
/// (util-linux) gives it one, without colour. `.ci/run` installs `script`
/// where it is missing; without it the test fails, saying so.
pub fn at_a_terminal(dir: &Path, columns: u16, args: &str) -> String {
    let version = std::process::Command::new("script").arg("--version").output();
    let util_linux = version.as_ref().is_ok_and(|v| String::from_utf8_lossy(&v.stdout).contains("util-linux"));
    assert!(util_linux, "this test needs `script` from util-linux (apt-get install bsdutils): {version:?}");
    let kpi = assert_cmd::cargo::cargo_bin("kpi");
    let output = std::process::Command::new("script")
        .args(["-qec", &format!("'{}' {args}", kpi.display()), "/dev/null"])
        .current_dir(dir)
        .env("COLUMNS", columns.to_string())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stdout));
    String::from_utf8(output.stdout).unwrap().replace("\r\n", "\n")
}

/// Any comparison a number target may have, for the property tests.
pub fn comparison() -> impl proptest::strategy::Strategy<Value = kpi::target::Comparison> {
    use kpi::target::Comparison;
    use proptest::prelude::Just;
    proptest::prop_oneof![
        Just(Comparison::AtLeast),
        Just(Comparison::Above),
        Just(Comparison::AtMost),
        Just(Comparison::Below),
        Just(Comparison::Exactly),
    ]
}

/// Every part of a workbook (a zip), by name, in the zip's order.
pub fn workbook_parts(workbook: &[u8]) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(workbook)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).unwrap();
            let mut content = Vec::new();
            entry.read_to_end(&mut content).unwrap();
            (entry.name().unwrap().to_string(), content)
        })
        .collect()
}
