//! Years side by side (`kpi eval 2024..2025`) through the real binary: the
//! same figures as each year's own evaluation, in every format.

use crate::common;

use common::{at_a_terminal, eval_json, fixture, kpi, node, text};
use serde_json::Value;

fn run(args: &[&str]) -> String {
    let output = kpi().current_dir(fixture("sample")).arg("eval").args(args).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn json_has_a_years_array_per_node_with_each_year_s_figures() {
    let trend: Value = serde_json::from_str(&run(&["2024..2025", "--format", "json"])).unwrap();
    // the plan's baseline year 2023 comes first
    assert_eq!(trend["years"].to_string(), "[2023,2024,2025]");
    assert_eq!(trend["scoring"], "ratio");
    let k01 = node(&trend, "K01");
    assert_eq!(
        (k01["level"].as_str(), k01["parent"].as_str(), k01["unit"].as_str()),
        (Some("indicator"), Some("OS1"), Some("%"))
    );
    let years = k01["years"].as_array().unwrap();
    assert_eq!(years.len(), 3);
    // 2023: the baseline 110,58 %, no target
    assert_eq!(
        (text(&years[0]["year"]), text(&years[0]["value"]), text(&years[0]["status"])),
        ("2023".into(), "1.1058".into(), "no-target".into())
    );
    // 2024: 1.200.000 / 1.250.000 = 0,96; 100 × 0,96 / 1,05 = 91,428571…
    assert_eq!(
        (text(&years[1]["value"]), text(&years[1]["target"]), text(&years[1]["score"])),
        ("0.96".into(), ">= 1.05".into(), "91.428571".into())
    );
    assert_eq!(text(&years[2]["status"]), "missing");

    let dir = fixture("sample");
    for (n, year) in ["2023", "2024", "2025"].iter().enumerate() {
        let single = eval_json(&dir, &[year]);
        assert_eq!(text(&trend["overall"][n]["score"]), text(&single["score"]), "{year}");
        assert_eq!(text(&trend["overall"][n]["coverage"]), text(&single["coverage"]), "{year}");
        for one in single["nodes"].as_array().unwrap() {
            let both = &node(&trend, one["code"].as_str().unwrap())["years"][n];
            for field in ["weight", "target", "threshold", "value", "score", "coverage", "status", "message"] {
                assert_eq!(both[field], one[field], "{} {year} {field}", one["code"]);
            }
        }
    }
}

#[test]
fn csv_has_one_row_per_node_per_year() {
    let csv = run(&["2024..2025", "--format", "csv"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "year,level,code,parent,name,unit,weight,target,threshold,value,score,coverage,status,message,note,scale"
    );
    // 28 nodes × 3 years, a node's years together
    assert_eq!(lines.len(), 1 + 28 * 3);
    assert!(lines[1].starts_with("2023,ambito,A1,,"), "{}", lines[1]);
    assert!(lines[2].starts_with("2024,ambito,A1,,"), "{}", lines[2]);
    assert!(lines[3].starts_with("2025,ambito,A1,,"), "{}", lines[3]);
    assert!(
        csv.contains(
            "\n2024,indicator,K01,OS1,Indice di struttura primario,%,40,>= 1.05,,0.96,91.428571,100,partial,,,\n"
        ),
        "{csv}"
    );
}

#[test]
fn the_table_puts_years_side_by_side() {
    let table = run(&["2024..2025", "--format", "table"]);
    // A baseline year says so under the year, so no header is cut inside a word.
    let header: Vec<&str> = table.lines().skip(1).take(2).collect();
    assert_eq!(
        header,
        [
            "│ Obiettivo / indicatore                        ┆ 2023       ┆ 2024               ┆ 2025          ┆ Nota                                  │",
            "│                                               ┆ (baseline) ┆                    ┆               ┆                                       │"
        ]
    );
    let k01: Vec<&str> = table.lines().skip_while(|l| !l.contains("K01 Indice")).take(3).collect();
    assert!(k01[0].contains("110,58 %") && k01[0].contains("96,00 %"), "{}", k01[0]);
    assert!(k01[1].contains("T >= 105,00 %"), "{}", k01[1]);
    assert!(k01[2].contains("91,43 parziale") && k01[2].contains("mancante"), "{}", k01[2]);
    assert!(
        table.contains("Punteggio complessivo (performance organizzativa): 2024 78,00 · 2025 n/d — metodo rapporto"),
        "{table}"
    );
    let markdown = run(&["2024..2025", "--format", "md"]);
    assert!(
        markdown.starts_with(
            "| Obiettivo / indicatore | 2023 (baseline) | 2024 | 2025 | Nota |\n|---|---:|---:|---:|---|\n"
        ),
        "{markdown}"
    );
    assert!(markdown.contains("| 96,00 %<br>T >= 105,00 %<br>91,43 parziale |"), "{markdown}");
}

#[test]
fn a_backwards_span_is_a_usage_error() {
    kpi()
        .current_dir(fixture("sample"))
        .args(["eval", "2026..2024"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("write the earlier year first, like 2024..2026"));
}

#[test]
fn a_workbook_gets_one_sheet_per_year() {
    use calamine::Reader;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trend.xlsx");
    kpi().current_dir(fixture("sample")).args(["eval", "2024..2025", "-o"]).arg(&path).assert().success();
    let workbook: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
    assert_eq!(workbook.sheet_names(), ["Valutazione 2023", "Valutazione 2024", "Valutazione 2025"]);
}

#[test]
fn depth_and_decimal_comma_apply_to_the_years_too() {
    let csv = run(&["2024..2025", "--format", "csv", "--decimal-comma", "--depth", "1"]);
    let lines: Vec<&str> = csv.lines().collect();
    // three ambiti × three years, `;` and decimal commas for Italian Excel
    assert_eq!(lines.len(), 1 + 3 * 3, "{csv}");
    assert_eq!(
        lines[0],
        "\u{feff}year;level;code;parent;name;unit;weight;target;threshold;value;score;coverage;status;message;note;scale"
    );
    assert!(
        lines[2].starts_with("2024;ambito;A1;;Efficienza e qualità dell'ente;;45;;;;78,327381;100;;"),
        "{}",
        lines[2]
    );
}

#[test]
fn at_a_narrow_terminal_names_wrap_and_figures_keep_their_width() {
    let table = at_a_terminal(&fixture("sample"), 70, "eval 2024..2025");
    insta::assert_snapshot!("narrow_years", table);
    // K01: the 2023 baseline 110,58 %; 2024 96 % against >= 105 %, 100 × 0,96 / 1,05 = 91,43; 2025 not given
    for line in [
        "│    K01 Indice di       ┆  110,58 %┆           96,00 %┆            —│",
        "│      struttura primario┆          ┆     T >= 105,00 %┆T >= 105,00 %│",
        "│                        ┆          ┆    91,43 parziale┆     mancante│",
    ] {
        assert!(table.contains(line), "{line}\n{table}");
    }
    // Narrower than the figures and a name of 16 need: the table is wider
    // than the terminal, and still no figure is broken.
    let table = at_a_terminal(&fixture("sample"), 40, "eval 2024..2025");
    for figure in ["110,58 %", "T >= 105,00 %", "91,43 parziale", "T entro 31-03-2024", "(baseline)"] {
        assert!(table.contains(figure), "{figure}\n{table}");
    }
}
