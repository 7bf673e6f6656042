//! `kpi needs`: the needed values put back into the actuals make `kpi eval`
//! score the indicator as asked; floor, ceiling and goal checked by hand.

use std::fs;
use std::path::{Path, PathBuf};

use kpi::actuals::Actuals;
use kpi::diagnostic::Diagnostics;
use kpi::evaluate::find_input;
use kpi::files::workbook::SheetChoice;
use kpi::plan::{read_plan, Plan, PlanOptions};
use serde_json::Value;

use crate::common::{fixture, kpi, node, text};

fn plan_sheet() -> SheetChoice<'static> {
    SheetChoice { name: None, whose: "the plan's", option: "--plan-sheet" }
}

fn actuals_sheet() -> SheetChoice<'static> {
    SheetChoice { name: None, whose: "the actuals'", option: "--actuals-sheet" }
}

/// Runs `kpi ARGS --format json` and returns the JSON.
fn json(command: &str, plan: &Path, actuals: &[PathBuf], year: i32, extra: &[&str]) -> Value {
    let mut cmd = kpi();
    cmd.arg(command).arg(year.to_string()).arg("--plan").arg(plan);
    for a in actuals {
        cmd.arg("--actuals").arg(a);
    }
    let output = cmd.args(extra).args(["--format", "json"]).output().unwrap();
    assert!(output.status.success(), "kpi {command} {}: {}", plan.display(), String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}

/// An actuals file giving one quantity: what the office would add once it is known.
fn one_row(dir: &Path, year: &str, code: &str, variable: &str, value: &str) -> PathBuf {
    let path = dir.join("zz-filled.csv");
    let quoted = variable.replace('"', "\"\"");
    fs::write(&path, format!("year,code,variable,value\n{year},{code},\"{quoted}\",{value}\n")).unwrap();
    path
}

/// The actuals files of a fixture, copied into `dir` with one line left out.
fn copy_without(actuals: &Actuals, dir: &Path, file: usize, line: usize) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for (i, name) in actuals.files.iter().enumerate() {
        let bytes = fs::read(name).unwrap();
        let kept: Vec<u8> = if i == file {
            let lines: Vec<&[u8]> = bytes.split(|b| *b == b'\n').collect();
            lines.iter().enumerate().filter(|(n, _)| n + 1 != line).map(|(_, l)| *l).collect::<Vec<_>>().join(&b'\n')
        } else {
            bytes
        };
        let path = dir.join(format!("{i:02}-{}", Path::new(name).file_name().unwrap().to_string_lossy()));
        fs::write(&path, kept).unwrap();
        out.push(path);
    }
    out
}

fn load(plan: &Path, actuals: &[PathBuf]) -> (Plan, Actuals) {
    let mut diagnostics = Diagnostics::default();
    let plan = read_plan(plan, plan_sheet(), PlanOptions::default(), &mut diagnostics).unwrap();
    let actuals = Actuals::read_paths(actuals, actuals_sheet(), None, &mut diagnostics);
    assert!(diagnostics.no_error().is_ok(), "{:?}", diagnostics.no_error());
    (plan, actuals)
}

/// What one round trip found.
#[derive(Default, Debug)]
struct Tally {
    round_trips: usize,
    exact: usize,
    unreachable: usize,
    any: usize,
}

/// For every formula indicator of the plan and every quantity of its formula
/// given for the year: leaves that one quantity out, asks `kpi needs`, puts
/// the printed value back and asks `kpi eval`, which must score it as asked.
fn round_trips(plan_path: &Path, actuals_paths: &[PathBuf], year: i32, extra: &[&str]) -> Tally {
    let (plan, actuals) = load(plan_path, actuals_paths);
    let mut tally = Tally::default();
    for node in plan.nodes.iter().filter(|n| n.is_indicator() && n.target_in(year).is_some()) {
        let Some(formula) = &node.formula else { continue };
        // Only formulas whose quantities are all given: leaving one out leaves exactly one to come.
        if actuals.own_value(node.code(), year).is_some()
            || formula.quantities().iter().any(|q| find_input(&actuals, node.code(), q, year).is_none())
        {
            continue;
        }
        let mut done: Vec<(String, u32)> = Vec::new();
        for q in formula.quantities() {
            if done.contains(&(q.key.clone(), q.lag)) {
                continue;
            }
            done.push((q.key.clone(), q.lag));
            let Some(input) = find_input(&actuals, node.code(), q, year) else { continue };
            let dir = tempfile::tempdir().unwrap();
            let without = copy_without(&actuals, dir.path(), input.origin.file as usize, input.origin.line());
            let needs = json("needs", plan_path, &without, year, extra);
            let n = node_of(&needs, node.code());
            let what = format!("{} {q} ({}:{})", node.code(), plan_path.display(), input.origin.line);
            assert_eq!(text(&n["solve_quantity"]), q.name, "{what}: {n}");
            assert_eq!(n["solve_year"], Value::from(input.year), "{what}");
            match &n["solve_value"] {
                Value::Null => {
                    let message = text(&n["message"]);
                    if message.contains("no value") {
                        tally.unreachable += 1;
                    } else {
                        assert!(message.contains("whatever"), "{what}: neither a value nor a reason: {n}");
                        tally.any += 1;
                    }
                }
                printed => {
                    let value = match printed {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    let filled = one_row(dir.path(), &input.year.to_string(), node.code(), &q.name, &value);
                    let mut given = without.clone();
                    given.push(filled);
                    let evaluation = json("eval", plan_path, &given, year, &strip_needs_options(extra));
                    let e = node_of(&evaluation, node.code());
                    match score_asked(extra) {
                        None => assert_eq!(e["status"], "achieved", "{what}: {value} gives {e}"),
                        Some(s) => assert!(
                            e["score"].as_f64().unwrap() >= s,
                            "{what}: {value} gives {} < {s}: {e}",
                            e["score"]
                        ),
                    }
                    tally.round_trips += 1;
                }
            }
            if formula.quantities().iter().filter(|x| x.key == q.key && x.lag == q.lag).count() == 1 {
                tally.exact += 1;
            }
        }
    }
    tally
}

fn node_of<'a>(json: &'a Value, code: &str) -> &'a Value {
    node(json, code)
}

/// `--score S` of the options, compared as a float: the JSON writes scores to 6 places.
fn score_asked(extra: &[&str]) -> Option<f64> {
    extra.iter().position(|a| *a == "--score").map(|i| extra[i + 1].parse().unwrap())
}

/// The options `eval` shares with `needs` (scoring, cap, missing).
fn strip_needs_options<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut skip = false;
    for a in extra {
        if skip {
            skip = false;
            continue;
        }
        if ["--score", "--goal", "--as-of", "--solve"].contains(a) {
            skip = true;
            continue;
        }
        out.push(*a);
    }
    out
}

#[test]
fn every_formula_of_the_sample_plan_round_trips() {
    let plan = fixture("sample/plan.csv");
    let actuals = vec![fixture("sample/actuals")];
    let tally = round_trips(&plan, &actuals, 2024, &[]);
    // K01, K02, K03, K05, K07, K12, K14: two quantities each; K06: [Pratiche SUAP] and its N-1; K08-K11 and
    // K13 one bare quantity each (K13's is not given); K15 has no target in 2024: 7 × 2 + 2 + 4 = 20.
    assert_eq!(tally.round_trips + tally.unreachable + tally.any, 20, "{tally:?}");
    // Unreachable: K12 [Risorse impegnate] / 0 cannot be computed, 0 / [Risorse SAL] is 0 whatever it is;
    // K14 without [Eventi online] is max(12, x) × 50 %: x >= 20 reaches it, so it is a round trip;
    // without [Eventi in presenza], max(x, 30) × 50 % = 15 whatever x is: any value.
    assert_eq!(tally.unreachable, 2, "{tally:?}");
    assert_eq!(tally.any, 1, "{tally:?}");
    assert_eq!(tally.round_trips, 17, "{tally:?}");
}

#[test]
fn a_score_short_of_the_target_round_trips_too() {
    let plan = fixture("sample/plan.csv");
    let actuals = vec![fixture("sample/actuals")];
    for scoring in ["ratio", "linear"] {
        let tally = round_trips(&plan, &actuals, 2024, &["--score", "80", "--scoring", scoring]);
        assert!(tally.round_trips >= 15, "{scoring}: {tally:?}");
    }
}

#[test]
fn every_conformance_plan_round_trips() {
    let mut total = Tally::default();
    for case in ["case100", "case101", "case102", "case200", "case202", "case203", "case204", "case205", "case206"] {
        let dir = fixture(&format!("conformance/{case}"));
        let tally = round_trips(&dir.join("plan.csv"), &[dir.join("actuals.csv")], 2024, &[]);
        total.round_trips += tally.round_trips;
        total.unreachable += tally.unreachable;
        total.any += tally.any;
    }
    assert!(total.round_trips >= 40, "{total:?}");
}

#[test]
fn the_real_plan_with_half_its_actuals_gets_every_needed_value() {
    let dir = tempfile::tempdir().unwrap();
    let full = fs::read_to_string(fixture("real/actuals-2024.csv")).unwrap();
    // Every other row of the 2024 actuals left out: 52 of the 104 values.
    let half: Vec<&str> = full.lines().enumerate().filter(|(i, _)| i % 2 == 0).map(|(_, l)| l).collect();
    let path = dir.path().join("actuals-half.csv");
    fs::write(&path, half.join("\n") + "\n").unwrap();
    let plan = fixture("real/plan.csv");
    let needs = json("needs", &plan, std::slice::from_ref(&path), 2024, &["--as-of", "2024-06-30"]);
    let indicators: Vec<&Value> = needs["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["level"] == "indicator" && !n["target"].is_null())
        .collect();
    assert_eq!(indicators.len(), 69);
    for n in &indicators {
        assert!(!n["needs"].is_null() && !n["needs_direction"].is_null(), "{n}");
    }
    // Every missing indicator has its one quantity to come solved, but OC_TBS_03 and kpi4.1.1_01, which
    // lack two each (the halving took both): they say so.
    let missing: Vec<&&Value> = indicators.iter().filter(|n| n["status"] == "missing").collect();
    let two: Vec<String> = missing.iter().filter(|n| n["solve_value"].is_null()).map(|n| text(&n["code"])).collect();
    assert_eq!(two, ["OC_TBS_03", "kpi4.1.1_01"]);
    for code in &two {
        assert!(text(&node(&needs, code)["message"]).starts_with("2 quantities still to come"), "{code}");
    }
    assert_eq!(missing.len(), 53);
    // EC05.1: 48 250 000 / [Immobilizzazioni] >= 105 %: at most 48 250 000 / 1,05 = 45 952 380,952380952…,
    // rounded down to 10 places.
    let ec05 = node(&needs, "EC05.1");
    assert_eq!(text(&ec05["solve_quantity"]), "Immobilizzazioni");
    assert_eq!(
        (text(&ec05["solve_value"]), text(&ec05["solve_direction"])),
        ("45952380.9523809523".into(), "at most".into())
    );
    // Each of the 51 printed values, put into the halved actuals, makes `kpi eval` score its indicator achieved.
    let mut filled = 0;
    for n in indicators.iter().filter(|n| !n["solve_value"].is_null()) {
        let value = match &n["solve_value"] {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let year = text(&n["solve_year"]);
        let row = one_row(dir.path(), &year, &text(&n["code"]), &text(&n["solve_quantity"]), &value);
        let evaluation = json("eval", &plan, &[path.clone(), row], 2024, &[]);
        assert_eq!(node(&evaluation, &text(&n["code"]))["status"], "achieved", "{n}");
        filled += 1;
    }
    assert_eq!(filled, 51);
    // And with the full actuals, each quantity of every formula left out in turn.
    let tally = round_trips(&plan, &[fixture("real/actuals-2024.csv")], 2024, &[]);
    assert!(tally.round_trips >= 60, "{tally:?}");
}

/// The sample plan's 2024 floor and ceiling, worked out by hand.
///
/// Unmeasured: K12 (`error`: 0 / 0) and K13 (`missing`), both in OS4 (weights 30, 30, 40 with K14 at 100).
/// - OS4: now 100 (K14 alone); floor (30·0 + 30·0 + 40·100) / 100 = 40; ceiling 100.
/// - A2 = 60 % OS3 (66,666…) + 40 % OS4: now 40 + 40 = 80; floor 40 + 16 = 56; ceiling 80.
/// - A1 = 328 975 / 4 200 = 78,327380952… (nothing unmeasured: (83,3214… + 73,3333…) / 2); A3 = 75.
/// - Overall = 45 % A1 + 30 % A2 + 25 % A3: 0,45 × 78,327380952 = 35,247321429, + 18,75 for A3;
///   floor + 0,3 × 56 = 70,797321429, ceiling + 0,3 × 80 = 77,997321429.
#[test]
fn floor_ceiling_and_goal_on_the_sample_plan() {
    let plan = fixture("sample/plan.csv");
    let actuals = vec![fixture("sample/actuals")];
    let needs = json("needs", &plan, &actuals, 2024, &["--goal", "75", "--as-of", "2024-06-30"]);
    assert_eq!(text(&needs["floor"]), "70.797321");
    assert_eq!(text(&needs["ceiling"]), "77.997321");
    assert_eq!(text(&node(&needs, "OS4")["floor"]), "40");
    assert_eq!(text(&node(&needs, "OS4")["ceiling"]), "100");
    assert_eq!(text(&node(&needs, "A2")["floor"]), "56");
    assert_eq!(text(&node(&needs, "A2")["ceiling"]), "80");
    assert_eq!(text(&node(&needs, "A1")["floor"]), "78.327381");
    assert_eq!(text(&node(&needs, "K13")["floor"]), "0");
    assert_eq!(text(&node(&needs, "K13")["ceiling"]), "100");
    // Goal 75: 100 × (75 − 70,797321429) / (77,997321429 − 70,797321429) = 420,2678571 / 7,2
    // = 58,370535714…, rounded up: 58,370536.
    assert_eq!(text(&needs["goal"]), "75");
    assert_eq!(text(&needs["goal_average"]), "58.370536");
    assert!(needs.get("unreachable").is_none());
    // Goal 85: the ceiling 77,997321429 falls short by 7,002678571.
    let out_of_reach = json("needs", &plan, &actuals, 2024, &["--goal", "85"]);
    assert_eq!(out_of_reach["unreachable"], true);
    assert_eq!(text(&out_of_reach["shortfall"]), "7.002679");
    // Goal 60: below the floor, nothing more is needed.
    let assured = json("needs", &plan, &actuals, 2024, &["--goal", "60"]);
    assert_eq!(text(&assured["goal_average"]), "0");
    // Without --goal: null, and no `unreachable`.
    let plain = json("needs", &plan, &actuals, 2024, &[]);
    assert_eq!(plain["goal"], Value::Null);
    assert_eq!(plain["goal_average"], Value::Null);
}

#[test]
fn the_json_has_every_field_and_the_needed_values_of_the_sample_plan() {
    let plan = fixture("sample/plan.csv");
    let actuals = vec![fixture("sample/actuals")];
    let needs = json("needs", &plan, &actuals, 2024, &["--as-of", "2024-03-01"]);
    let keys: Vec<&str> = needs.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["year", "as_of", "goal", "floor", "ceiling", "goal_average", "nodes"]);
    assert_eq!(needs["as_of"], "2024-03-01");
    let k01 = node(&needs, "K01");
    let fields: Vec<&str> = k01.as_object().unwrap().keys().map(String::as_str).collect();
    for f in [
        "level",
        "code",
        "parent",
        "name",
        "status",
        "score",
        "floor",
        "ceiling",
        "target",
        "value",
        "needs",
        "needs_direction",
        "zero_below",
        "solve_quantity",
        "solve_year",
        "solve_value",
        "solve_direction",
        "message",
    ] {
        assert!(fields.contains(&f), "{f} in {fields:?}");
    }
    // K01 >= 105 %: 1.05, at least; no soglia, ratio: 0 scores 0.
    assert_eq!((text(&k01["needs"]), text(&k01["needs_direction"])), ("1.05".into(), "at least".into()));
    assert_eq!(text(&k01["zero_below"]), "0");
    // K03 <= 7 % with soglia 10 %.
    let k03 = node(&needs, "K03");
    assert_eq!((text(&k03["needs"]), text(&k03["needs_direction"])), ("0.07".into(), "at most".into()));
    assert_eq!(text(&k03["zero_below"]), "0.1");
    // K08 > 5: the nearest printed value above 5.
    assert_eq!(text(&node(&needs, "K08")["needs"]), "5.0000000001");
    // K09 Entro 31-03-2024, soglia 30-04-2024: 30 days left on 1 March, 60 to the soglia.
    let k09 = node(&needs, "K09");
    assert_eq!((text(&k09["needs"]), text(&k09["needs_direction"])), ("2024-03-31".into(), "by".into()));
    assert_eq!((text(&k09["days_left"]), text(&k09["days_to_soglia"])), ("30".into(), "60".into()));
    // K10 SI.
    assert_eq!(
        (node(&needs, "K10")["needs"].clone(), text(&node(&needs, "K10")["needs_direction"])),
        (Value::Bool(true), "equal".into())
    );
    // K13 is missing its one quantity, the bare [Follower]: at least 500.
    let k13 = node(&needs, "K13");
    assert_eq!(text(&k13["solve_quantity"]), "Follower");
    assert_eq!((text(&k13["solve_value"]), text(&k13["solve_direction"])), ("500".into(), "at least".into()));
    // K16 `tra 80% e 90%`, 72 % now: at least 80 %; a range takes no soglia and its ratio scores 0 only at 0.
    assert_eq!(text(&node(&needs, "K16")["needs"]), "0.8");
    // K18 <= 10 gg on the scale 70%:0 90%:100: a degree of 70 % or less scores 0, so 100 × 10 / 70 =
    // 14,285714285714… days and more.
    assert_eq!(text(&node(&needs, "K18")["zero_below"]), "14.2857142857");
    // K15 has no target in 2024.
    assert_eq!(node(&needs, "K15")["needs"], Value::Null);
}

#[test]
fn a_score_asked_inverts_the_rule_in_force() {
    let plan = fixture("sample/plan.csv");
    let actuals = vec![fixture("sample/actuals")];
    let needs = json("needs", &plan, &actuals, 2024, &["--score", "80"]);
    // K01 ratio: 100 × v / 1,05 = 80 → v = 80 × 1,05 / 100 = 0,84.
    assert_eq!(text(&node(&needs, "K01")["needs"]), "0.84");
    // K03 ratio, lower is better: 100 × 0,07 / v = 80 → v = 0,0875, within the soglia 10 %.
    assert_eq!(text(&node(&needs, "K03")["needs"]), "0.0875");
    // K02 >= −12 %, soglia −20 %: no ratio (T <= 0), linear −0,20 + 80 × 0,08 / 100 = −0,136.
    assert_eq!(text(&node(&needs, "K02")["needs"]), "-0.136");
    // K05 >= 90 %, soglia 85 %: ratio 0,72 is below the soglia, so the soglia: 0,85.
    assert_eq!(text(&node(&needs, "K05")["needs"]), "0.85");
    // K09 deadline 31-03, soglia 30-04 (30 days): 80 × 30 / 100 = 24 days before the soglia: 06-04-2024.
    assert_eq!(text(&node(&needs, "K09")["needs"]), "2024-04-06");
    // K16 `tra 80% e 90%`, 72 % now: missed below, scored as >= 80 %: 80 × 0,80 / 100 = 0,64.
    assert_eq!(text(&node(&needs, "K16")["needs"]), "0.64");
    // K18 <= 10 gg on the scale 70%:0 90%:100: 80 at a degree of 70 + 80 × 20 / 100 = 86 %, so
    // v = 100 × 10 / 86 = 11,627906976744…, rounded down: 11,6279069767.
    assert_eq!(text(&node(&needs, "K18")["needs"]), "11.6279069767");
    assert_eq!(text(&node(&needs, "K18")["needs_direction"]), "at most");
    // Under linear, K01 has no soglia: as ratio, 0,84; K03: 0,10 − 80 × 0,03 / 100 = 0,076.
    let linear = json("needs", &plan, &actuals, 2024, &["--score", "80", "--scoring", "linear"]);
    assert_eq!(text(&node(&linear, "K03")["needs"]), "0.076");
}

#[test]
fn solve_names_the_quantity_to_find() {
    let plan = fixture("sample/plan.csv");
    let actuals = vec![fixture("sample/actuals")];
    // K01 has both quantities; --solve asks for [Immobilizzazioni] anyway:
    // 1 200 000 / x >= 1,05 → x <= 1 142 857,142857142857…, rounded down to 10 places.
    let needs = json("needs", &plan, &actuals, 2024, &["--solve", "Immobilizzazioni"]);
    let k01 = node(&needs, "K01");
    assert_eq!(text(&k01["solve_value"]), "1142857.1428571428");
    assert_eq!(text(&k01["solve_direction"]), "at most");
    // A formula without it solves nothing.
    assert_eq!(node(&needs, "K03")["solve_quantity"], Value::Null);
}

#[test]
fn csv_tsv_md_table_and_xlsx_are_written() {
    let plan = fixture("sample/plan.csv");
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let output = kpi()
            .args(["needs", "2024", "--plan"])
            .arg(&plan)
            .arg("--actuals")
            .arg(fixture("sample/actuals"))
            .args(["--as-of", "2024-06-30", "--goal", "75"])
            .args(args)
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).unwrap()
    };
    let csv = run(&["--format", "csv"]);
    let header = csv.lines().next().unwrap();
    assert_eq!(
        header,
        "level,code,parent,name,unit,status,score,floor,ceiling,target,value,needs,needs_direction,zero_below,solve_quantity,solve_year,solve_value,solve_direction,days_left,days_to_soglia,message"
    );
    assert!(
        csv.contains(
            "K13,OS4,Follower dei profili social,N.,missing,,0,100,>= 500,,500,at least,0,Follower,2024,500,at least,"
        ),
        "{csv}"
    );
    // The `=` target is guarded as in eval's CSV.
    assert!(csv.contains(",'= 5,"), "{csv}");
    let italian = run(&["--format", "csv", "--decimal-comma"]);
    assert!(italian.starts_with('\u{feff}') && italian.contains(";-0,12;"), "{italian}");
    assert!(run(&["--format", "tsv"]).starts_with("level\tcode\t"));
    let table = run(&["--format", "table"]);
    assert!(table.contains("almeno 500"), "{table}");
    assert!(table.contains("fra 70,80 (ogni indicatore non misurato a 0) e 78,00 (ognuno a 100)"), "{table}");
    // 58,370536 rounded up: 58,38.
    assert!(table.contains("devono fare in media almeno 58,38"), "{table}");
    let md = run(&["--format", "md"]);
    assert!(md.starts_with("| Obiettivo / indicatore | Target |"), "{md}");
    let xlsx = dir.path().join("needs.xlsx");
    run(&["-o", xlsx.to_str().unwrap()]);
    let bytes = fs::read(&xlsx).unwrap();
    assert_eq!(&bytes[..2], b"PK");
}

/// The row of `code` in the first sheet of a workbook, and its header, as text.
fn workbook_row(path: &std::path::Path, code: &str) -> (Vec<String>, Vec<String>) {
    use calamine::{open_workbook_auto, Reader};
    let mut workbook = open_workbook_auto(path).unwrap();
    let range = workbook.worksheet_range_at(0).unwrap().unwrap();
    let rows: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    let row = rows.iter().find(|r| r.get(1).map(String::as_str) == Some(code)).unwrap().clone();
    (rows[0].clone(), row)
}

#[test]
fn the_workbook_speaks_the_reader_s_language_throughout() {
    let dir = tempfile::tempdir().unwrap();
    let write = |lang: &str| {
        let path = dir.path().join(format!("needs-{lang}.xlsx"));
        let output = kpi()
            .args(["needs", "2024", "--plan"])
            .arg(fixture("sample/plan.csv"))
            .arg("--actuals")
            .arg(fixture("sample/actuals"))
            .args(["--as-of", "2024-06-30", "--lang", lang, "-o"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        path
    };
    // K13 has no value yet: it needs at least 500 followers, the quantity it
    // reads being [Follower] itself (the CSV's `missing`, `at least`).
    let (header, k13) = workbook_row(&write("it"), "K13");
    assert_eq!(&header[..6], ["livello", "codice", "padre", "nome", "unità", "stato"]);
    assert_eq!(header[12], "verso");
    assert_eq!(header[20], "note");
    assert_eq!(k13[0], "indicatore");
    assert_eq!(k13[5], "mancante");
    assert_eq!(k13[12], "almeno");
    assert_eq!(k13[17], "almeno");
    let (header, k13) = workbook_row(&write("en"), "K13");
    assert_eq!(&header[..6], ["level", "code", "parent", "name", "unit", "status"]);
    assert_eq!(k13[0], "indicator");
    assert_eq!(k13[5], "missing");
    assert_eq!(k13[12], "at least");
}

#[test]
fn one_indicator_with_its_arithmetic() {
    let output = kpi()
        .args(["needs", "2024", "K01", "--plan"])
        .arg(fixture("sample/plan.csv"))
        .arg("--actuals")
        .arg(fixture("sample/actuals"))
        .args(["--solve", "Immobilizzazioni", "--as-of", "2024-06-30", "--lang", "en"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let text = String::from_utf8(output.stdout).unwrap();
    for line in [
        "K01 Indice di struttura primario — 2024, as of 30/06/2024",
        "needs:     at least 105.00 %, to achieve the target",
        "to come:   [Immobilizzazioni] 2024: at most 1,142,857.1428571428",
        // [Patrimonio netto] / x = 1,05 → x = 1 200 000 ÷ 1,05
        "1,200,000 ÷ 1.05 = 1,142,857.1428571429",
        "→ 100.00 (achieved)",
        "overall      now 78.00, between 70.80 and 78.00",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
}

#[test]
fn one_indicator_in_italian_by_default_with_its_scale() {
    let output = kpi()
        .args(["needs", "2024", "K18", "--score", "80", "--plan"])
        .arg(fixture("sample/plan.csv"))
        .arg("--actuals")
        .arg(fixture("sample/actuals"))
        .args(["--as-of", "2024-06-30"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let text = String::from_utf8(output.stdout).unwrap();
    for line in [
        "K18 Tempo medio di risposta — 2024, al 30-06-2024",
        "ora:       50,00 (parziale)",
        "serve:     al massimo 11,6279069767 gg, per un punteggio di almeno 80",
        // On the scale 70%:0 90%:100, 80 is at a degree of 70 + 80 × 20 / 100 = 86 %: v = 100 × 10 / 86.
        "80 si ottiene da un grado di raggiungimento di 86 %: v = 100 × 10 / 86 = 11,6279069767",
        "zero:      14,29 gg vale 0 (e ogni valore peggiore)",
        "  complessivo  ora 78,00, fra 70,80 e 78,00",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
}

#[test]
fn mistakes_are_usage_errors() {
    let run = |args: &[&str]| {
        kpi()
            .args(["needs", "2024", "--plan"])
            .arg(fixture("sample/plan.csv"))
            .arg("--actuals")
            .arg(fixture("sample/actuals"))
            .args(args)
            .output()
            .unwrap()
    };
    for (args, said) in [
        (vec!["--score", "0"], "above 0"),
        (vec!["--score", "120"], "at most the cap"),
        (vec!["K99"], "not a code"),
        (vec!["--as-of", "yesterday"], "not a date"),
        (vec!["--format", "html"], "the Relazione"),
    ] {
        let output = run(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&output.stderr).contains(said),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[test]
fn the_output_never_replaces_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.csv");
    fs::copy(fixture("sample/plan.csv"), &plan).unwrap();
    let before = fs::read(&plan).unwrap();
    let output = kpi()
        .args(["needs", "2024", "--plan"])
        .arg(&plan)
        .arg("--actuals")
        .arg(fixture("sample/actuals"))
        .arg("-o")
        .arg(&plan)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(fs::read(&plan).unwrap(), before);
}

#[test]
fn no_plan_of_the_fixtures_makes_it_panic() {
    for dir in ["conformance/case100", "conformance/case101", "conformance/case201", "conformance/case204", "mistakes"]
    {
        let dir = fixture(dir);
        let plan = dir.join("plan.csv");
        let actuals: Vec<PathBuf> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("actuals")))
            .collect();
        for year in ["2024", "2025"] {
            let mut cmd = kpi();
            cmd.args(["needs", year, "--plan"]).arg(&plan).args(["--goal", "90", "--format", "json"]);
            for a in &actuals {
                cmd.arg("--actuals").arg(a);
            }
            let output = cmd.output().unwrap();
            // Unusable input is exit 2 with a message; never a panic (101).
            assert!(
                matches!(output.status.code(), Some(0 | 2)),
                "{}: {}",
                dir.display(),
                String::from_utf8_lossy(&output.stderr)
            );
        }
    }
}

mod random {
    //! For random formulas and targets, the needed value either reaches what is asked when the
    //! evaluator computes and scores it, or is reported as unreachable; nothing panics.
    use std::str::FromStr;

    use kpi::evaluate::score::{Method, Scoring};
    use kpi::formula::{Formula, Quantity};
    use kpi::needs::need::{needed_value, reaches, InForce, NeedOutcome, Wanted};
    use kpi::needs::solve::{solve, Problem, Solved};
    use kpi::scale::Scale;
    use kpi::target::Target;
    use kpi::value::Value;
    use proptest::prelude::*;
    use rust_decimal::Decimal;

    fn number() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("0".to_string()),
            Just("100".to_string()),
            Just("50%".to_string()),
            (1u32..2000).prop_map(|n| n.to_string()),
            (1u32..2000, 1u32..99).prop_map(|(n, d)| format!("{n}.{d}")),
        ]
    }

    fn formula() -> impl Strategy<Value = String> {
        let leaf = prop_oneof![
            3 => Just("[a]".to_string()),
            2 => Just("[b]".to_string()),
            1 => Just("[b](N-1)".to_string()),
            2 => number(),
        ];
        leaf.prop_recursive(4, 24, 2, |inner| {
            prop_oneof![
                (inner.clone(), inner.clone(), prop_oneof![Just("+"), Just("-"), Just("*"), Just("/")])
                    .prop_map(|(x, y, op)| format!("({x} {op} {y})")),
                inner.clone().prop_map(|x| format!("-({x})")),
                (inner.clone(), inner.clone(), prop_oneof![Just("min"), Just("max")])
                    .prop_map(|(x, y, f)| format!("{f}({x}, {y})")),
                inner.prop_map(|x| format!("abs({x})")),
            ]
        })
    }

    fn decimal() -> impl Strategy<Value = Decimal> {
        prop_oneof![
            Just(Decimal::ZERO),
            (-5000i64..5000).prop_map(Decimal::from),
            (-500_000i64..500_000, 0u32..6).prop_map(|(m, s)| Decimal::new(m, s)),
        ]
    }

    fn method() -> impl Strategy<Value = Method> {
        prop_oneof![Just(Method::Ratio), Just(Method::Linear), Just(Method::Binary)]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

        #[test]
        fn the_solved_quantity_reaches_the_target_or_nothing_does(
            source in formula(),
            b in decimal(),
            b_before in decimal(),
            comparison in crate::common::comparison(),
            t in decimal(),
            soglia in proptest::option::of(decimal()),
            method in method(),
            score in proptest::option::of(1u32..100),
            scale in proptest::option::of(prop_oneof![
                Just("70%:0 90%:100"),
                Just("steps 60%:50 80%:80 100%:100"),
                Just("50%:20 100%:100"),
            ]),
        ) {
            let scale = scale.map(|s| Scale::parse(s).unwrap().unwrap());
            let scale = scale.as_ref();
            // Every formula reads [a], the quantity to find.
            let source = if source.contains("[a]") { source } else { format!("({source}) * [a]") };
            let formula = Formula::parse(&source).unwrap();
            let known = move |q: &Quantity| match (q.key.as_str(), q.lag) {
                ("b", 0) => Some(Value::Number(b)),
                ("b", 1) => Some(Value::Number(b_before)),
                _ => None,
            };
            let target = Target::Number { comparison, value: t };
            let threshold = soglia.map(Value::Number);
            let scoring = Scoring { method, cap: Decimal::ONE_HUNDRED };
            let wanted = Wanted::from_score(score.map(Decimal::from));
            let unknown = Quantity::new("a", 0);
            let need = match needed_value(&target, threshold.as_ref(), InForce { scoring, scale }, wanted, None) {
                NeedOutcome::Need(need) => need,
                NeedOutcome::Unreachable(_) => return Ok(()),
            };
            // The indicator's own needed value reaches what is asked.
            prop_assert!(reaches(&target, threshold.as_ref(), &need.value, scoring, scale, wanted), "{need:?}");
            let problem = Problem {
                formula: &formula,
                unknown: &unknown,
                known: &known,
                target: &target,
                threshold: threshold.as_ref(),
                scoring,
                scale,
                wanted,
            };
            match solve(&problem, &need) {
                Solved::Value { value: Value::Number(x), .. } => {
                    // As `kpi eval` computes it once [a] is given as printed.
                    let printed = Decimal::from_str(&x.to_string()).unwrap();
                    let v = problem.value_at(printed);
                    prop_assert!(v.is_some(), "{source}: a = {x} cannot be computed");
                    let v = v.unwrap();
                    prop_assert!(reaches(&target, threshold.as_ref(), &v, scoring, scale, wanted),
                        "{source} with a = {x} gives {v:?}, short of {target:?} (soglia {threshold:?}, {wanted:?})");
                }
                Solved::Value { value, .. } => prop_assert!(false, "{source}: a {value:?} for a number formula"),
                Solved::Any => {
                    // Any value of 0 or more: 0, 1 and a large one all reach it.
                    for x in [Decimal::ZERO, Decimal::ONE, Decimal::from(1_000_000)] {
                        if let Some(v) = problem.value_at(x) {
                            prop_assert!(reaches(&target, threshold.as_ref(), &v, scoring, scale, wanted), "{source}: a = {x}");
                        }
                    }
                }
                // The search may miss where the formula is not monotonic in the quantity.
                Solved::Unreachable(
                    kpi::needs::Unreachable::NotMonotonic { .. }
                    | kpi::needs::Unreachable::NotFound { .. }
                    | kpi::needs::Unreachable::NotFoundExactly { .. },
                ) => {}
                Solved::Unreachable(why) => {
                    // "No value reaches it": none of these does either.
                    for k in -2000i64..=2000 {
                        let x = Decimal::new(k, 1);
                        if let Some(v) = problem.value_at(x) {
                            prop_assert!(!reaches(&target, threshold.as_ref(), &v, scoring, scale, wanted),
                                "{source}: {why:?}, but a = {x} gives {v:?}, which reaches {target:?}");
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn deadlines_count_the_days_left_and_the_soglia_s_partial_credit() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.csv");
    fs::write(
        &plan,
        "level,code,name,weight,formula,unit,threshold,target_2024\n\
         ambito,A1,Ambito,1,,,,\n\
         indicator,D1,Consegna con soglia,1,[Data D1],date,30-04-2024,Entro 31-03-2024\n\
         indicator,D2,Consegna senza soglia,1,[Data D2],date,,Entro 31-03-2024\n",
    )
    .unwrap();
    let actuals = dir.path().join("actuals.csv");
    fs::write(&actuals, "year,code,variable,value\n").unwrap();
    let at = |day: &str| json("needs", &plan, std::slice::from_ref(&actuals), 2024, &["--as-of", day]);
    // 1 March: 30 days to 31 March, 60 to the soglia 30 April.
    let early = at("2024-03-01");
    let d1 = node(&early, "D1");
    assert_eq!((text(&d1["days_left"]), text(&d1["days_to_soglia"])), ("30".into(), "60".into()));
    assert!(text(&d1["message"]).contains("30 days left to the deadline 31-03-2024"), "{d1}");
    // The date still to come is solved as the deadline itself: by 31-03-2024.
    assert_eq!((text(&d1["solve_value"]), text(&d1["solve_direction"])), ("2024-03-31".into(), "by".into()));
    // 5 April: 5 days late; the soglia leaves 25 days of partial credit. Without a soglia, nothing but 0.
    let late = at("2024-04-05");
    let d1 = node(&late, "D1");
    assert_eq!((text(&d1["days_left"]), text(&d1["days_to_soglia"])), ("-5".into(), "25".into()));
    assert!(
        text(&d1["message"]).contains("passed 5 days ago; partial credit until the soglia 30-04-2024 (25 days left)"),
        "{d1}"
    );
    assert!(text(&node(&late, "D2")["message"]).contains("with no soglia: the date still to come scores 0"));
    // 2 May: past the soglia too.
    let past = at("2024-05-02");
    assert!(text(&node(&past, "D1")["message"]).contains("and the soglia 30-04-2024 too"), "{past}");
    // With --score 50: 30 days of range, 15 before the soglia: by 15-04-2024 (100 × 15 / 30 = 50).
    let half = json("needs", &plan, std::slice::from_ref(&actuals), 2024, &["--score", "50", "--as-of", "2024-04-05"]);
    assert_eq!(text(&node(&half, "D1")["needs"]), "2024-04-15");
}
