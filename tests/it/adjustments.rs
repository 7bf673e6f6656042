//! The evaluator's decisions: neutralizing an indicator or forcing its score,
//! always with a written reason, through the real binary.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn case100() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/conformance/case100")
}

/// Runs `kpi eval 2024 --format json` on case100 with `decisions` as a second actuals file.
fn eval_with(decisions: &str) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("decisions.csv");
    std::fs::write(&file, decisions).unwrap();
    Command::cargo_bin("kpi")
        .unwrap()
        .current_dir(case100())
        .args(["eval", "2024", "--plan", "plan.csv", "--actuals", "actuals.csv", "--format", "json", "--actuals"])
        .arg(&file)
        .output()
        .unwrap()
}

fn eval_json(decisions: &str) -> Value {
    let output = eval_with(decisions);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}

fn node<'a>(json: &'a Value, code: &str) -> &'a Value {
    json["nodes"].as_array().unwrap().iter().find(|n| n["code"] == code).unwrap()
}

#[test]
fn a_neutralized_indicator_leaves_the_roll_up_and_says_why() {
    let json = eval_json("year,code,variable,value,note\n2024,K00015,#neutralize,,Sciopero nazionale\n");
    let k15 = node(&json, "K00015");
    assert_eq!(k15["status"], "neutralized");
    assert_eq!(k15["score"], Value::Null);
    assert_eq!(k15["coverage"], Value::Null);
    // the value is still shown
    assert_eq!(k15["value"].to_string(), "46");
    let message = k15["message"].as_str().unwrap();
    assert!(message.starts_with("neutralized by the evaluator ("), "{message}");
    assert!(message.ends_with("decisions.csv:2): Sciopero nazionale"), "{message}");
    // OO3.2.2 without K00015: (12 × 100 + 21 × 0 + 4 × 0) / (12 + 21 + 4) = 1200 / 37 = 32.432432…
    let parent = node(&json, "OO3.2.2");
    assert_eq!(parent["score"].to_string(), "32.432432");
    assert_eq!(parent["coverage"].to_string(), "100");
}

#[test]
fn a_forced_score_counts_with_its_status_and_reason() {
    let json = eval_json("year,code,variable,value,note\n2024,K00015,#score,60,Dato rettificato dall'OIV\n");
    let k15 = node(&json, "K00015");
    assert_eq!(k15["score"].to_string(), "60");
    assert_eq!(k15["status"], "partial");
    let message = k15["message"].as_str().unwrap();
    assert!(message.starts_with("score forced to 60 by the evaluator ("), "{message}");
    assert!(message.ends_with("decisions.csv:2): Dato rettificato dall'OIV; computed: 23 (partial)"), "{message}");
    // OO3.2.2: (12 × 100 + 21 × 0 + 21 × 60 + 4 × 0) / 58 = 2460 / 58 = 42.413793…
    assert_eq!(node(&json, "OO3.2.2")["score"].to_string(), "42.413793");
    let json = eval_json("year,code,variable,value,note\n2024,K00016,#score,100 %,Completato a gennaio\n");
    assert_eq!(node(&json, "K00016")["status"], "achieved");
}

#[test]
fn a_decision_without_a_note_is_unusable_input() {
    let output = eval_with("year,code,variable,value,note\n2024,K00015,#neutralize,,\n");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("decisions.csv:2: #neutralize for K00015 has no note"), "{stderr}");
}

#[test]
fn a_decision_about_an_unknown_code_is_unusable_input() {
    let output = eval_with("year,code,variable,value,note\n2024,OS3.2,#score,50,why\n");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("decisions.csv:2: #score 50 for 2024: OS3.2 is a strategic objective, not an indicator"),
        "{stderr}"
    );
}

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/sample")
}

/// `kpi eval 2024` on the sample plan with one more decisions file.
fn eval_sample(decisions: &str, args: &[&str]) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("decisions.csv"), decisions).unwrap();
    Command::cargo_bin("kpi")
        .unwrap()
        .current_dir(sample())
        .args(["eval", "2024", "--actuals", "actuals", "--actuals"])
        .arg(dir.path().join("decisions.csv"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn a_forced_score_for_an_indicator_without_a_target_is_unusable_input() {
    // K15 has no target for 2024: a score would bring it into OS4's roll-up
    let output = eval_sample("year,code,variable,value,note\n2024,K15,#score,100,note\n", &[]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.ends_with(
            "decisions.csv:2: #score 100 for 2024: K15 has no target in 2024: an indicator without a target is not part of the year's evaluation, so it has no score to force: remove the row, or give K15 a target_2024 in the plan\n"
        ),
        "{stderr}"
    );
}

#[test]
fn neutralizing_an_indicator_without_a_target_is_harmless() {
    let output =
        eval_sample("year,code,variable,value,note\n2024,K15,#neutralize,,evento esterno\n", &["--format", "json"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(node(&json, "K15")["score"], Value::Null);
    // OS4 as without the row: only K14 counts
    assert_eq!(node(&json, "OS4")["score"].to_string(), "100");
    assert_eq!(node(&json, "OS4")["coverage"].to_string(), "40");
    // the overall score of the sample without any decision (78,00 in the table)
    assert_eq!(json["score"].to_string(), "77.997321");
}
