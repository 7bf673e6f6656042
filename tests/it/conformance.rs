//! The conformance cases: sample plans with the scores their `expected.json`
//! fixes, worked out independently. Every run of every case must agree.

use std::path::Path;
use std::str::FromStr;

use assert_cmd::Command;
use rust_decimal::Decimal;
use serde_json::Value;

/// Results agree when within this of the expected figure.
fn tolerance() -> Decimal {
    Decimal::from_str("0.0001").unwrap()
}

fn decimal(v: &Value) -> Option<Decimal> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(Decimal::from_str(s).unwrap()),
        Value::Number(n) => Some(Decimal::from_str(&n.to_string()).unwrap()),
        other => panic!("not a number: {other}"),
    }
}

fn check_case(dir: &Path) -> usize {
    let expected: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    let runs = expected["runs"].as_array().unwrap();
    for run in runs {
        let args: Vec<&str> = run["args"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()).collect();
        let output = Command::cargo_bin("kpi").unwrap().current_dir(dir).args(&args).output().unwrap();
        assert!(
            output.status.success(),
            "{}: {args:?} failed: {}",
            dir.display(),
            String::from_utf8_lossy(&output.stderr)
        );
        let got: Value = serde_json::from_slice(&output.stdout).unwrap();
        let context = format!("{} {}", dir.display(), args.join(" "));

        let overall = decimal(&got["score"]);
        let want = decimal(&run["overall"]);
        assert!(close(overall, want), "{context}: overall {overall:?}, expected {want:?}");

        let nodes = got["nodes"].as_array().unwrap();
        let find = |code: &str| {
            nodes.iter().find(|n| n["code"] == code).unwrap_or_else(|| panic!("{context}: no node {code}"))
        };
        for (code, score) in run["scores"].as_object().unwrap() {
            let got_score = decimal(&find(code)["score"]);
            assert!(close(got_score, decimal(score)), "{context}: {code} scored {got_score:?}, expected {score}");
        }
        for (code, status) in run["statuses"].as_object().unwrap() {
            assert_eq!(&find(code)["status"], status, "{context}: status of {code}");
        }
    }
    runs.len()
}

fn close(a: Option<Decimal>, b: Option<Decimal>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => (a - b).abs() <= tolerance(),
        _ => false,
    }
}

#[test]
fn every_conformance_case_agrees() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/conformance");
    let mut cases: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("expected.json").exists())
        .collect();
    cases.sort();
    assert!(cases.len() >= 3, "the conformance fixtures are missing");
    for case in &cases {
        assert!(check_case(case) > 0, "{}: no runs", case.display());
    }
}
