//! The Relazione (`kpi eval 2024 -o relazione.html`) opened in a real
//! headless Chromium: it loads with no console message and no request, its
//! DOM holds every node with the figures of `--format json` written as the
//! table writes them, it prints to A4 with no row cut across pages, and
//! screenshots at desktop and phone width are kept under
//! `target/relazione/` to be looked at.

use crate::{browser, common};

use std::path::{Path, PathBuf};
use std::str::FromStr;

use common::{fixture, kpi};
use kpi::figure;
use kpi::target::Target;
use kpi::unit::Unit;
use kpi::value::{NumberFormat, Value};
use rust_decimal::Decimal;
use serde_json::Value as Json;

/// Where the pages, PDFs and screenshots of these tests are kept.
fn artifacts() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target").join("relazione");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `kpi eval ARGS` in `dir` and returns standard output.
fn eval(dir: &Path, args: &[&str]) -> Vec<u8> {
    let output = kpi().current_dir(dir).arg("eval").args(args).output().unwrap();
    assert!(output.status.success(), "kpi eval {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    output.stdout
}

/// The Relazione of `args` written to `target/relazione/NAME.html`, and the
/// JSON of the same evaluation.
fn relazione(dir: &Path, args: &[&str], name: &str) -> (PathBuf, Json) {
    let page = artifacts().join(format!("{name}.html"));
    let mut with_output = args.to_vec();
    let page_arg = page.to_str().unwrap().to_string();
    with_output.extend(["-o", &page_arg]);
    eval(dir, &with_output);
    let mut json_args = args.to_vec();
    json_args.extend(["--format", "json"]);
    let json = serde_json::from_slice(&eval(dir, &json_args)).unwrap();
    (page, json)
}

fn decimal(n: &Json) -> Decimal {
    let text = n.to_string();
    Decimal::from_str(&text).or_else(|_| Decimal::from_scientific(&text)).unwrap()
}

/// A JSON value back as the evaluator's value.
fn value(v: &Json) -> Option<Value> {
    match v {
        Json::Null => None,
        Json::Number(_) => Some(Value::Number(decimal(v))),
        Json::String(s) => Some(Value::Date(chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap())),
        Json::Bool(b) => Some(Value::Bool(*b)),
        other => panic!("not a value: {other}"),
    }
}

const NOTHING: &str = "—";

fn or_nothing(text: Option<String>) -> String {
    text.unwrap_or_else(|| NOTHING.to_string())
}

fn status_word(status: &str) -> &'static str {
    match status {
        "achieved" => "raggiunto",
        "partial" => "parziale",
        "missed" => "non raggiunto",
        "missing" => "mancante",
        "no-target" => "senza target",
        "error" => "errore",
        "neutralized" => "neutralizzato",
        other => panic!("status {other}"),
    }
}

/// The band word of a score under the default bands 60,90.
fn band_word(score: &Json) -> &'static str {
    match score {
        Json::Null => NOTHING,
        s if decimal(s) < Decimal::from(60) => "critico",
        s if decimal(s) < Decimal::from(90) => "attenzione",
        _ => "in linea",
    }
}

/// Each figure of a JSON node as the table writes it, by the page's field name.
fn expected(node: &Json) -> Vec<(&'static str, String)> {
    let unit = node["unit"].as_str().and_then(Unit::parse);
    let unit = unit.as_ref();
    let target = node["target"]
        .as_str()
        .map(|t| Target::parse(t, NumberFormat::English).unwrap().unwrap().target)
        .map(|t| figure::target(&t, unit, kpi::lang::Lang::Italian.figures()));
    let mut fields = vec![
        (
            "weight",
            or_nothing(
                node["weight"]
                    .as_number()
                    .map(|_| figure::weight(decimal(&node["weight"]), kpi::lang::Lang::Italian.figures())),
            ),
        ),
        ("target", or_nothing(target)),
        (
            "threshold",
            or_nothing(value(&node["threshold"]).map(|v| figure::value(&v, unit, kpi::lang::Lang::Italian.figures()))),
        ),
        (
            "value",
            or_nothing(value(&node["value"]).map(|v| figure::value(&v, unit, kpi::lang::Lang::Italian.figures()))),
        ),
        (
            "score",
            or_nothing(
                node["score"]
                    .as_number()
                    .map(|_| figure::score(decimal(&node["score"]), kpi::lang::Lang::Italian.figures())),
            ),
        ),
        (
            "coverage",
            or_nothing(node["coverage"].as_number().map(|_| {
                format!("{} %", figure::weight(decimal(&node["coverage"]), kpi::lang::Lang::Italian.figures()))
            })),
        ),
    ];
    match node["status"].as_str() {
        Some(status) => fields.push(("status", status_word(status).to_string())),
        None => fields.push(("band", band_word(&node["score"]).to_string())),
    }
    if node["level"] == "indicator" {
        // The motivazione, a dash where the office wrote none.
        fields.push(("note", or_nothing(node["note"].as_str().map(str::to_string))));
    }
    fields
}

/// Every node of the JSON output is a row of the page's tree, in plan
/// order, with the same figures; the front page has the overall score.
fn assert_the_page_shows_the_json(dom: &str, json: &Json) {
    let tree = browser::section(dom, "albero");
    let rows = browser::by_code(tree, "tbody");
    let nodes = json["nodes"].as_array().unwrap();
    let codes: Vec<&str> = nodes.iter().map(|n| n["code"].as_str().unwrap()).collect();
    let mut row_codes: Vec<&str> = rows.iter().map(|(c, _)| c.as_str()).collect();
    let mut sorted = codes.clone();
    sorted.sort_unstable();
    row_codes.sort_unstable();
    assert_eq!(row_codes, sorted, "one row per node");
    for node in nodes {
        let code = node["code"].as_str().unwrap();
        let (_, row) = rows.iter().find(|(c, _)| c == code).unwrap();
        assert!(browser::text_of(row).contains(node["name"].as_str().unwrap()), "{code}: the name as written");
        for (field, want) in expected(node) {
            let got = browser::fields(row, field);
            assert_eq!(got.first().map(String::as_str), Some(want.as_str()), "{code} {field}");
        }
    }
    let front = &dom[..dom.find("id=\"cruscotto\"").unwrap()];
    let overall = or_nothing(
        json["score"].as_number().map(|_| figure::score(decimal(&json["score"]), kpi::lang::Lang::Italian.figures())),
    );
    assert_eq!(browser::fields(front, "score").first(), Some(&overall), "the overall score");
    assert_eq!(
        browser::fields(front, "coverage").first(),
        Some(&format!("{} %", figure::weight(decimal(&json["coverage"]), kpi::lang::Lang::Italian.figures()))),
        "the overall coverage"
    );
    // The cruscotto: every ambito and strategic objective, with its score and coverage.
    let cruscotto = browser::by_code(browser::section(dom, "cruscotto"), "tr");
    let objectives: Vec<&Json> = nodes.iter().filter(|n| n["level"] == "ambito" || n["level"] == "strategic").collect();
    assert_eq!(cruscotto.len(), objectives.len());
    for node in objectives {
        let code = node["code"].as_str().unwrap();
        let (_, row) = cruscotto.iter().find(|(c, _)| c == code).unwrap_or_else(|| panic!("{code} in the cruscotto"));
        let want = expected(node);
        for field in ["score", "coverage", "band"] {
            let want = &want.iter().find(|(f, _)| *f == field).unwrap().1;
            assert_eq!(&browser::fields(row, field)[0], want, "cruscotto {code} {field}");
        }
        assert!(row.contains("role=\"img\""), "{code}: a chart");
    }
}

/// The counts of the front page, per status, from the JSON.
fn assert_the_counts(dom: &str, json: &Json) {
    let front = &dom[..dom.find("id=\"cruscotto\"").unwrap()];
    for status in ["achieved", "partial", "missed", "missing", "error", "neutralized", "no-target"] {
        let want = json["nodes"].as_array().unwrap().iter().filter(|n| n["status"] == status).count();
        let row = front.split(&format!("data-status=\"{status}\"")).nth(1).unwrap();
        assert_eq!(browser::fields(row, "count")[0], want.to_string(), "{status}");
    }
}

fn assert_loads_cleanly(loaded: &browser::Loaded) {
    assert!(loaded.console.is_empty(), "console messages: {:#?}", loaded.console);
    assert!(loaded.requests.is_empty(), "requests: {:#?}", loaded.requests);
    assert!(loaded.dom.starts_with("<!DOCTYPE html>\n<html lang=\"it\">"), "{}", &loaded.dom[..80]);
}

#[test]
fn the_harness_sees_a_console_error_and_a_request() {
    // So that a clean load below means something: a remote image is caught
    // twice, as a request without the CSP and as a CSP violation with it.
    let dir = tempfile::tempdir().unwrap();
    let bare = dir.path().join("bare.html");
    std::fs::write(
        &bare,
        "<!DOCTYPE html><html lang=\"it\"><title>t</title><img src=\"https://example.org/x.png\" alt=\"\">",
    )
    .unwrap();
    let loaded = browser::load(&bare);
    assert_eq!(loaded.requests, ["https://example.org/x.png"]);
    let guarded = dir.path().join("guarded.html");
    let csp = kpi::report::html::CONTENT_SECURITY_POLICY;
    std::fs::write(
        &guarded,
        format!("<!DOCTYPE html><html lang=\"it\"><meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\"><title>t</title><img src=\"https://example.org/x.png\" alt=\"\">"),
    )
    .unwrap();
    let loaded = browser::load(&guarded);
    assert!(loaded.requests.is_empty(), "{:?}", loaded.requests);
    assert_eq!(loaded.console.len(), 1, "{:?}", loaded.console);
    assert!(loaded.console[0].contains("Content Security Policy"), "{:?}", loaded.console);
}

#[test]
fn the_real_plan_s_relazione_shows_the_json_figures_in_a_browser() {
    let (page, json) = relazione(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &["2024", "--plan", "fixtures/real/plan.csv", "--actuals", "fixtures/real/actuals-2024.csv"],
        "real-2024",
    );
    let loaded = browser::load(&page);
    assert_loads_cleanly(&loaded);
    assert_the_page_shows_the_json(&loaded.dom, &json);
    assert_the_counts(&loaded.dom, &json);
    // The title is the plan file's name when --title is not given.
    assert!(loaded.dom.contains("<h1>plan.csv</h1>"));
    // Every chart is an image with a name and a description.
    let charts = loaded.dom.matches("<svg ").count();
    assert_eq!(charts, loaded.dom.matches("role=\"img\"").count());
    assert_eq!(charts, loaded.dom.matches("<title id=").count());
    assert_eq!(charts, loaded.dom.matches("<desc id=").count());
    // The front page's bar, 16 cruscotto bars (5 ambiti, 11 objectives), a
    // bullet per indicator with a number or a date for value and target.
    assert!(charts > 1 + 16, "{charts} charts");

    let desktop = browser::screenshot(&page, artifacts().join("real-2024-desktop.png"), 1280, 1800);
    assert_eq!(browser::png_size(&desktop), (1280, 1800));
    let phone = browser::screenshot(&page, artifacts().join("real-2024-phone.png"), 390, 1600);
    assert_eq!(browser::png_size(&phone), (390, 1600));
}

#[test]
fn printed_to_a4_no_row_is_cut_across_pages() {
    let (page, json) = relazione(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &["2024", "--plan", "fixtures/real/plan.csv", "--actuals", "fixtures/real/actuals-2024.csv"],
        "real-2024-print",
    );
    let (pages, size, text) = browser::print(&page, &artifacts().join("real-2024.pdf"));
    assert!(size.ends_with("(A4)"), "A4: {size}");
    // The front page, the cruscotto (one page) and the tree from a new page.
    assert!((5..=20).contains(&pages), "{pages} pages");
    assert!(text[0].contains("Punteggio complessivo"), "{}", text[0]);
    assert!(text[1].starts_with("Cruscotto strategico 2024"), "{}", text[1]);
    let loaded = browser::load(&page);
    for (code, row) in browser::by_code(browser::section(&loaded.dom, "albero"), "tbody") {
        let node = json["nodes"].as_array().unwrap().iter().find(|n| n["code"] == code.as_str()).unwrap();
        if node["level"] != "indicator" {
            continue;
        }
        // The row's first word (its code) and its last are on the same page:
        // its figures and its details are not split.
        let words: Vec<String> = browser::text_of(row).split(' ').map(str::to_string).collect();
        let last = words.iter().rev().find(|w| w.chars().count() >= 3).unwrap();
        let on: Vec<usize> = (0..pages).filter(|&p| text[p].split_whitespace().any(|w| w == code)).collect();
        assert_eq!(on.len(), 1, "{code} is on pages {on:?}");
        assert!(text[on[0]].contains(last.as_str()), "{code}: `{last}` is not on page {}", on[0] + 1);
        // Headers repeat: every page of the tree has the column titles.
        assert!(text[on[0]].contains("Scostamento"), "page {} has no header", on[0] + 1);
    }
}

#[test]
fn a_small_plan_s_relazione_in_a_browser_and_on_paper() {
    let dir = fixture("relazione");
    let (page, json) = relazione(
        &dir,
        &["2024", "--actuals", "actuals.csv", "--title", "Camera di commercio di Esempio"],
        "small-2024",
    );
    let loaded = browser::load(&page);
    assert_loads_cleanly(&loaded);
    assert_the_page_shows_the_json(&loaded.dom, &json);
    assert_the_counts(&loaded.dom, &json);
    let dom = &loaded.dom;
    assert!(dom.contains("<h1>Camera di commercio di Esempio</h1>"));
    // Names are text, never markup: no script element, the name as written.
    assert!(!dom.contains("<script"), "a name became markup");
    assert!(dom.contains("A1 Servizi &lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(dom.contains("A2 Comunicazione =HYPERLINK(\"http://x\")"));
    // 0,6 × 90,079365 + 0,4 × 60 = 78,047619: "attenzione" under 60,90.
    let front = &dom[..dom.find("id=\"cruscotto\"").unwrap()];
    assert_eq!(browser::fields(front, "score")[0], "78,05");
    assert_eq!(browser::fields(front, "band")[0], "attenzione");
    let rows = browser::by_code(browser::section(dom, "albero"), "tbody");
    let row = |code: &str| rows.iter().find(|(c, _)| c == code).unwrap().1;
    // K1: 0,85 against >= 90 %: 0,85 − 0,90 = −5 points, −0,05 / 0,90 = −5,56 % of the target.
    assert_eq!(browser::fields(row("K1"), "gap")[0], "-5,00 p.p. -5,56 % del target");
    // K2: 7 gg against <= 6 gg: +1 gg, 1/6 = +16,67 %.
    assert_eq!(browser::fields(row("K2"), "gap")[0], "+1 gg +16,67 % del target");
    // K4: delivered 05-04-2024 against entro 31-03-2024: 5 days late.
    assert_eq!(browser::fields(row("K4"), "gap")[0], "+5 gg");
    assert_eq!(browser::fields(row("K4"), "value")[0], "05-04-2024");
    assert_eq!(browser::fields(row("K4"), "target")[0], "entro 31-03-2024");
    // The evaluator's decisions, each with its note.
    assert_eq!(browser::fields(row("K5"), "decision")[0], "neutralizzato: Evento annullato dalla Regione");
    assert_eq!(
        browser::fields(row("K6"), "decision")[0],
        "punteggio imposto 80,00: Portale avviato ma non ancora collaudato"
    );
    // The motivazione is the office's text, shown as text.
    assert_eq!(browser::fields(row("K2"), "note")[0], "Picco di pratiche a marzo <b>non</b> previsto");
    assert!(row("K2").contains("Picco di pratiche a marzo &lt;b&gt;non&lt;/b&gt; previsto"));
    assert_eq!(browser::fields(row("K4"), "note")[0], "Consegna slittata per il cambio di vertice");
    assert_eq!(browser::fields(row("K1"), "note")[0], NOTHING);
    // The notes of the quantities a formula read.
    assert_eq!(browser::fields(row("K1"), "quantity-notes")[0], "[Rispondenti] questionari raccolti allo sportello");
    assert!(browser::text_of(row("K1")).contains("Formula [Soddisfatti] / [Rispondenti]"));
    assert!(browser::text_of(row("K1")).contains("Algoritmo Soddisfatti / rispondenti"));

    // Three pages: the front page, the cruscotto, the tree.
    let (pages, _, text) = browser::print(&page, &artifacts().join("small-2024.pdf"));
    assert_eq!(pages, 3, "{text:#?}");
    assert!(text[2].contains("K6 Nuovo portale"));
}

#[test]
fn years_side_by_side_show_each_year_s_json_figures() {
    let (page, json) = relazione(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &["2022..2024", "--plan", "fixtures/real/plan.csv", "--actuals", "fixtures/real/actuals-2024.csv"],
        "real-2022-2024",
    );
    let loaded = browser::load(&page);
    assert_loads_cleanly(&loaded);
    let years = browser::section(&loaded.dom, "anni");
    let rows = browser::by_code(years, "tr");
    let nodes = json["nodes"].as_array().unwrap();
    assert_eq!(rows.len(), nodes.len());
    assert_eq!(json["years"].to_string(), "[2021,2022,2023,2024]");
    for node in nodes {
        let code = node["code"].as_str().unwrap();
        let (_, row) = rows.iter().find(|(c, _)| c == code).unwrap();
        let cells: Vec<&str> = row.split("data-year=\"").skip(1).collect();
        assert_eq!(cells.len(), 4, "{code}");
        for (cell, year) in cells.iter().zip(node["years"].as_array().unwrap()) {
            let cell = &cell[..cell.find("</td>").unwrap()];
            let mut figures = year.clone();
            figures["unit"] = node["unit"].clone();
            let want = expected(&figures);
            let want = |field: &str| want.iter().find(|(f, _)| *f == field).unwrap().1.clone();
            let y = &year["year"];
            if node["level"] == "indicator" {
                assert_eq!(browser::fields(cell, "value")[0], want("value"), "{code} {y} value");
                if !year["target"].is_null() {
                    assert_eq!(browser::fields(cell, "target")[0], want("target"), "{code} {y} target");
                    assert_eq!(browser::fields(cell, "status")[0], want("status"), "{code} {y} status");
                }
                if !year["score"].is_null() {
                    assert_eq!(browser::fields(cell, "score")[0], want("score"), "{code} {y} score");
                }
            } else {
                assert_eq!(browser::fields(cell, "score")[0], want("score"), "{code} {y} score");
            }
        }
        assert_eq!(row.contains("role=\"img\""), node["level"] != "indicator", "{code}: a trend chart per objective");
    }
    // The span's last year is the report's year: its tree matches its own JSON.
    let last = serde_json::from_slice(&eval(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &[
            "2024",
            "--plan",
            "fixtures/real/plan.csv",
            "--actuals",
            "fixtures/real/actuals-2024.csv",
            "--format",
            "json",
        ],
    ))
    .unwrap();
    assert_the_page_shows_the_json(&loaded.dom, &last);
    let desktop = artifacts().join("real-2022-2024-desktop.png");
    browser::screenshot(&page, desktop, 1280, 1800);
    // Printed, the years start on a page of their own and fill it: a table
    // is never pushed whole to the next page, only rows are kept whole.
    let (pages, _, text) = browser::print(&page, &artifacts().join("real-2022-2024.pdf"));
    let years_page = (0..pages).find(|&p| text[p].starts_with("Anni a confronto")).expect("the years' page");
    assert!(text[years_page].contains("EC05.1"), "{}", text[years_page]);
}

/// A plan of `n` indicators under 10 ambiti × 10 objectives, and its
/// evaluation, rendered as the Relazione in memory.
fn large_relazione(n: usize) -> usize {
    use kpi::report::{Format, ReportOptions};
    let mut plan = String::from("level,code,name,weight,formula,unit,threshold,target_2024\n");
    let mut actuals = String::from("year,code,variable,value,note\n");
    for a in 0..10 {
        plan.push_str(&format!("ambito,A{a},Ambito {a},1,,,,\n"));
        for o in 0..10 {
            plan.push_str(&format!("strategic,OS{a}.{o},Obiettivo {a}.{o},1,,,,\n"));
            for k in 0..n / 100 {
                let code = format!("K{a}.{o}.{k}");
                plan.push_str(&format!("indicator,{code},Indicatore {code},1,[x] / [y],%,50%,>= 90%\n"));
                actuals.push_str(&format!("2024,{code},x,{},\n2024,{code},y,100,\n", 40 + k % 70));
            }
        }
    }
    let mut warnings = kpi::diagnostic::Diagnostics::default();
    let plan = kpi::plan::load_plan(
        &kpi::files::sheet::Sheet::parse("plan.csv", &plan).unwrap(),
        kpi::plan::PlanOptions::default(),
        &mut warnings,
    )
    .unwrap();
    let mut given = kpi::actuals::Actuals::default();
    given.add_sheet(&kpi::files::sheet::Sheet::parse("actuals.csv", &actuals).unwrap(), None, &mut warnings);
    warnings.no_error().unwrap();
    let evaluation = kpi::evaluate::evaluate(&plan, &given, 2024, kpi::evaluate::Options::default()).unwrap();
    let renderer = Format::Html.renderer(ReportOptions::default());
    let mut out = Vec::with_capacity(1 << 20);
    renderer.render(&plan, &evaluation, &mut out).unwrap();
    out.len()
}

/// How fast the page is written is measured by `cargo bench` (see the
/// README, "Size and speed"), never timed here; what a test can pin is that
/// the page grows linearly with the plan.
#[test]
fn the_page_grows_linearly_with_the_plan() {
    let small = large_relazione(5_000);
    let large = large_relazione(10_000);
    // Twice the indicators, twice the page (give or take the front page and the longer codes).
    assert!((195 * small..210 * small).contains(&(100 * large)), "{small} then {large} bytes");
}

#[test]
fn the_options_of_the_relazione() {
    let dir = fixture("relazione");
    // To standard output with --format html; the bands the body chose.
    let page =
        String::from_utf8(eval(&dir, &["2024", "--actuals", "actuals.csv", "--format", "html", "--bands", "50,78"]))
            .unwrap();
    assert!(page.starts_with("<!DOCTYPE html><html lang=\"it\">"), "{}", &page[..60]);
    // 78,047619 is green from 78 on; OS2's 60 is amber from 50 on.
    let front = &page[..page.find("id=\"cruscotto\"").unwrap()];
    assert_eq!(browser::fields(front, "band")[0], "in linea");
    assert!(front.contains("<span class=\"chip red\">critico</span> sotto 50"), "{front}");
    // In English with --lang en: the words change, and the figures are written the English way.
    let english =
        String::from_utf8(eval(&dir, &["2024", "--actuals", "actuals.csv", "--format", "html", "--lang", "en"]))
            .unwrap();
    assert!(english.starts_with("<!DOCTYPE html><html lang=\"en\">"), "{}", &english[..60]);
    assert!(english.contains("Overall score (organisational performance) 2024"));
    let rows = browser::by_code(browser::section(&english, "albero"), "tbody");
    let k1 = rows.iter().find(|(c, _)| c == "K1").unwrap().1;
    assert_eq!(browser::fields(k1, "status")[0], "partial");
    assert_eq!(browser::fields(k1, "gap")[0], "-5.00 pp -5.56 % of target");
    assert_eq!(browser::fields(k1, "score")[0], "94.44");
    // The title and the bands shape only the Relazione: elsewhere a warning says so.
    let output = kpi()
        .current_dir(&dir)
        .args(["eval", "2024", "--actuals", "actuals.csv", "--format", "json", "--title", "X", "--bands", "50,80"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("--title has no effect on json output"), "{stderr}");
    assert!(stderr.contains("--bands has no effect on json output"), "{stderr}");
    // Bands out of order are a usage error naming the option.
    let output = kpi()
        .current_dir(&dir)
        .args(["eval", "2024", "--actuals", "actuals.csv", "--bands", "90,60"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("--bands") && stderr.contains("like --bands 60,90"), "{stderr}");
    // -o with .htm or .html picks the format.
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("relazione.htm");
    eval(&dir, &["2024", "--actuals", "actuals.csv", "-o", file.to_str().unwrap()]);
    assert!(std::fs::read_to_string(&file).unwrap().contains("<h1>plan.csv</h1>"));
}
