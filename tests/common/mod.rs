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
