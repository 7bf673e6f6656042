//! What a plan holds reaches a terminal or a Markdown renderer as text:
//! escape sequences in names and messages are shown, raw HTML is escaped.

use crate::common::kpi;

fn plan_dir(plan: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("plan.csv"), plan).unwrap();
    std::fs::write(dir.path().join("actuals.csv"), "year,code,variable,value\n2024,K1,a,3\n2024,K1,b,4\n").unwrap();
    dir
}

#[test]
fn escape_sequences_in_names_and_messages_are_shown() {
    let dir = plan_dir(
        "level,code,name,formula,target_2024\nindicator,K1,\"\x1b]0;pwned\x07Titolo \x1b[2J\",[a] / [b],>= 1\n",
    );
    let out = kpi()
        .current_dir(dir.path())
        .args(["eval", "2024", "--actuals", "actuals.csv", "--format", "table"])
        .output()
        .unwrap();
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(!table.contains('\x1b') && !table.contains('\x07'), "{table}");
    assert!(table.contains("␛]0;pwned␇Titolo ␛[2J"), "{table}");
    // A message quoting a cell: an unknown level.
    let dir = plan_dir("level,code,name,formula,target_2024\n\x1b[31mindicator,K1,x,[a] / [b],>= 1\n");
    let out = kpi().current_dir(dir.path()).args(["eval", "2024", "--actuals", "actuals.csv"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(!stderr.contains('\x1b'), "{stderr}");
    assert!(stderr.contains("␛[31mindicator"), "{stderr}");
}

#[test]
fn markdown_escapes_raw_html() {
    let dir = plan_dir(
        "level,code,name,formula,target_2024\nindicator,K1,<img src=x onerror=alert(1)> & co | altro &#60;b&#62;,[a] / [b],>= 1\n",
    );
    let out = kpi()
        .current_dir(dir.path())
        .args(["eval", "2024", "--actuals", "actuals.csv", "--format", "md"])
        .output()
        .unwrap();
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(!md.contains("<img"), "{md}");
    assert!(md.contains("&lt;img src=x onerror=alert(1)> & co \\| altro &amp;#60;b&amp;#62;"), "{md}");
}
