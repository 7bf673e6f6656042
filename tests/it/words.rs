//! The words of the plans as offices write them, and the words kpi answers
//! with: dates with dots, year columns titled in other ways, and the
//! evaluation's messages in the language of the human outputs, through the
//! real binary on `fixtures/words`.

use crate::common::{eval_json, fixture, kpi, node, text};

#[test]
fn dates_with_dots_are_dates_after_a_deadline_word_and_in_the_actuals() {
    let json = eval_json(&fixture("words"), &["2024", "--plan", "plan.csv", "--actuals", "actuals.csv"]);
    // `entro il 31.12` in target_2024 is 31-12-2024; the actual `15.12.2024` is 15 December 2024, before it.
    let k5 = node(&json, "K5");
    assert_eq!(text(&k5["target"]), "by 2024-12-31");
    assert_eq!(text(&k5["value"]), "2024-12-15");
    assert_eq!((text(&k5["status"]), text(&k5["score"])), ("achieved".into(), "100".into()));
    // the actual `30.06.2024` of a formula's quantity is a date too, which arithmetic refuses
    assert_eq!(
        text(&node(&json, "K6")["message"]),
        "[Data consegna] is a date, which cannot be used in arithmetic in `[Data consegna] + 1`"
    );
}

#[test]
fn a_bare_day_and_month_with_a_dot_is_a_number() {
    // `31.12` without `entro` in an English file is the number 31.12: 40 against it is achieved.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("plan.csv"), "level,code,formula,target_2024\nindicator,K1,,31.12\n").unwrap();
    std::fs::write(dir.path().join("a.csv"), "year,code,variable,value\n2024,K1,,40\n").unwrap();
    let json = eval_json(dir.path(), &["2024", "--actuals", "a.csv"]);
    assert_eq!(text(&node(&json, "K1")["target"]), ">= 31.12");
    assert_eq!(text(&node(&json, "K1")["status"]), "achieved");
}

#[test]
fn a_year_column_titled_with_other_words_says_what_to_write() {
    let dir = tempfile::tempdir().unwrap();
    let plan = "level,code,formula,Target 2023 (Risultato atteso),Target anno 2024 (valore atteso)\n\
                indicator,K1,,>= 1,>= 2\n";
    std::fs::write(dir.path().join("plan.csv"), plan).unwrap();
    std::fs::write(dir.path().join("a.csv"), "year,code,variable,value\n2024,K1,,1\n").unwrap();
    let output = kpi().current_dir(dir.path()).args(["check", "--actuals", "a.csv"]).output().unwrap();
    // kpi check: exit status 1 for a plan with errors
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    // the 2023 column with its remark is read; only the 2024 one is refused
    assert!(
        stdout.starts_with(
            "plan.csv:1: error: column 5 `Target anno 2024 (valore atteso)`: `anno` stands between `target` and the year, \
             where kpi reads no words: write `target_2024` or `Target 2024` (a remark goes in parentheses after the year: \
             `target 2024 (anno)`)\n"
        ),
        "{stdout}"
    );
    assert!(!stdout.contains("column 4"), "{stdout}");
}

/// `kpi eval 2024` on `fixtures/words` with `args`, its standard output.
fn eval_words(args: &[&str]) -> String {
    let output = kpi()
        .current_dir(fixture("words"))
        .args(["eval", "2024", "--plan", "plan.csv", "--actuals", "actuals.csv"])
        .args(args)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

/// The status cell of each indicator's Markdown line, K1 to K8.
fn markdown_statuses(lang: &str) -> Vec<String> {
    eval_words(&["--format", "md", "--lang", lang])
        .lines()
        .filter(|l| l.trim_start_matches(|c: char| c == '|' || c.is_whitespace()).starts_with('K'))
        .map(|l| l.split(" | ").nth(5).unwrap().to_string())
        .take(8)
        .collect()
}

#[test]
fn the_evaluation_s_messages_speak_italian_in_the_human_outputs() {
    assert_eq!(
        markdown_statuses("it"),
        [
            "mancante: nessun valore per [Pratiche evase] nel 2024",
            "mancante: nessun valore per il 2024: i dati a consuntivo non hanno una riga per K2 con la variabile vuota, e il piano non ha né formula né baseline_2024",
            "errore: divisione per zero in `[Reclami] / [Utenti]`",
            "errore: il valore è un numero ma il target richiede una data",
            "raggiunto",
            "errore: [Data consegna] è una data, che non si può usare in un calcolo, in `[Data consegna] + 1`",
            "neutralizzato: neutralizzato dal valutatore (actuals.csv:9): Sciopero nazionale",
            // the computed score: 100 × 8 / 10 = 80, partial
            "parziale: punteggio imposto a 95 dal valutatore (actuals.csv:11): Obiettivo raggiunto nei fatti; calcolato: 80 (parziale)",
        ]
    );
    let table = eval_words(&["--format", "table"]);
    assert!(table.contains("┆ mancante: nessun valore per [Pratiche evase] nel 2024 "), "{table}");
    assert!(!table.contains("no value"), "{table}");
}

#[test]
fn the_evaluation_s_messages_speak_english_under_lang_en() {
    assert_eq!(
        markdown_statuses("en"),
        [
            "missing: no value for [Pratiche evase] in 2024",
            "missing: no value for 2024: the actuals have no row for K2 with a blank variable, and the plan has no formula or baseline_2024",
            "error: division by zero in `[Reclami] / [Utenti]`",
            "error: the value is a number but the target needs a date",
            "achieved",
            "error: [Data consegna] is a date, which cannot be used in arithmetic in `[Data consegna] + 1`",
            "neutralized: neutralized by the evaluator (actuals.csv:9): Sciopero nazionale",
            "partial: score forced to 95 by the evaluator (actuals.csv:11): Obiettivo raggiunto nei fatti; computed: 80 (partial)",
        ]
    );
}

#[test]
fn the_machine_formats_keep_the_english_messages_in_either_language() {
    for format in ["json", "csv", "tsv"] {
        let italian = eval_words(&["--format", format]);
        assert_eq!(italian, eval_words(&["--format", format, "--lang", "en"]), "{format}");
        assert!(italian.contains("no value for [Pratiche evase] in 2024"), "{italian}");
        assert!(!italian.contains("nessun valore"), "{italian}");
    }
    let csv = eval_words(&["--format", "csv"]);
    let k8 = csv.lines().find(|l| l.starts_with("indicator,K8,")).unwrap();
    assert_eq!(
        k8,
        "indicator,K8,OS1,Punteggio imposto,N.,10,>= 10,,8,95,100,partial,score forced to 95 by the evaluator (actuals.csv:11): Obiettivo raggiunto nei fatti; computed: 80 (partial),,"
    );
}

#[test]
fn explain_gives_the_message_in_its_language() {
    let explain = |lang: &str| {
        let output = kpi()
            .current_dir(fixture("words"))
            .args(["explain", "K1", "2024", "--actuals", "actuals.csv", "--lang", lang])
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    let italian = explain("it");
    assert!(italian.contains("\nvalore:    nessuno: nessun valore per [Pratiche evase] nel 2024\n"), "{italian}");
    assert!(
        italian.contains("\npunteggio: nessuno (mancante): nessun valore per [Pratiche evase] nel 2024\n"),
        "{italian}"
    );
    let english = explain("en");
    assert!(english.contains("\nvalue:     none: no value for [Pratiche evase] in 2024\n"), "{english}");
    assert!(english.contains("\nscore:     none (missing): no value for [Pratiche evase] in 2024\n"), "{english}");
}

#[test]
fn the_workbook_and_the_report_give_the_message_in_their_language() {
    use calamine::{open_workbook_auto, Data, Reader};
    let dir = tempfile::tempdir().unwrap();
    for (lang, sheet, k3) in [
        ("it", "Valutazione 2024", "divisione per zero in `[Reclami] / [Utenti]`"),
        ("en", "Evaluation 2024", "division by zero in `[Reclami] / [Utenti]`"),
    ] {
        let book = dir.path().join(format!("report-{lang}.xlsx"));
        eval_words(&["--lang", lang, "-o", book.to_str().unwrap()]);
        let mut workbook = open_workbook_auto(&book).unwrap();
        let range = workbook.worksheet_range(sheet).unwrap();
        let header: Vec<String> = range.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
        let message = header.iter().position(|h| h == if lang == "it" { "messaggio" } else { "message" }).unwrap();
        let row = range.rows().find(|r| r[1] == Data::String("K3".into())).unwrap();
        assert_eq!(row[message], Data::String(k3.into()), "{lang}");

        let page = dir.path().join(format!("relazione-{lang}.html"));
        eval_words(&["--lang", lang, "-o", page.to_str().unwrap()]);
        let html = std::fs::read_to_string(&page).unwrap();
        assert!(html.contains(&format!("<dd data-field=\"message\">{}</dd>", k3)), "{lang}");
    }
}

/// `kpi needs 2024` on `fixtures/words` as of 30-06-2024 with `args`, its standard output.
fn needs_words(args: &[&str]) -> String {
    let output = kpi()
        .current_dir(fixture("words"))
        .args(["needs", "2024", "--actuals", "actuals.csv", "--as-of", "2024-06-30"])
        .args(args)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

/// The notes cell of one indicator's Markdown line of `kpi needs`.
fn needs_note(markdown: &str, code: &str) -> String {
    let line = markdown
        .lines()
        .find(|l| l.trim_start_matches(|c: char| c == '|' || c.is_whitespace()).starts_with(&format!("{code} ")))
        .unwrap();
    line.trim_end_matches(" |").rsplit(" | ").next().unwrap().to_string()
}

#[test]
fn kpi_needs_speaks_one_language_and_its_machine_formats_english() {
    let italian = needs_words(&["--format", "md"]);
    let english = needs_words(&["--format", "md", "--lang", "en"]);
    // 30-06-2024 → 30-09-2024: 31 + 31 + 30 = 92 days
    assert_eq!(needs_note(&italian, "K10"), "zero oltre 30-09-2024; mancano 92 giorni alla scadenza 30-09-2024");
    assert_eq!(needs_note(&english, "K10"), "zero beyond 30/09/2024; 92 days left to the deadline 30/09/2024");
    assert_eq!(needs_note(&italian, "K5"), "zero oltre 31-12-2024; raggiunto con il valore finora");
    assert_eq!(needs_note(&italian, "K3"), "divisione per zero in `[Reclami] / [Utenti]`");
    assert_eq!(
        needs_note(&italian, "K7"),
        "non serve nulla: neutralizzato dal valutatore (actuals.csv:9): Sciopero nazionale"
    );
    assert_eq!(
        needs_note(&english, "K7"),
        "nothing is needed: neutralized by the evaluator (actuals.csv:9): Sciopero nazionale"
    );
    for format in ["csv", "json"] {
        let machine = needs_words(&["--format", format]);
        assert_eq!(machine, needs_words(&["--format", format, "--lang", "en"]), "{format}");
    }
    let csv = needs_words(&["--format", "csv"]);
    assert!(
        csv.lines()
            .any(|l| l.starts_with("indicator,K10,") && l.ends_with(",92,,92 days left to the deadline 30-09-2024")),
        "{csv}"
    );
    assert!(
        csv.lines().any(|l| l.starts_with("indicator,K5,") && l.ends_with(",achieved with the value so far")),
        "{csv}"
    );
}
