//! The importer on the real plan: a Camera di commercio's objectives
//! 2024-2026 as text extracted from its PDF. Every figure below was read off
//! the source text by hand (`cat -A`, column by column), not taken from the
//! importer's output.

use kpi::import::{import_published, looks_like_published_layout, ImportedLevel, ImportedPlan, ImportedRow};
use std::path::Path;

const FIXTURE: &str = "fixtures/real/obiettivi-ente-2024-2026.txt";
/// The fingerprint of the copy as extracted from the PDF.
const FINGERPRINT: u64 = 0xdeb3_77c7_ab8b_7f89;

fn source() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn plan() -> ImportedPlan {
    import_published(&source()).unwrap()
}

fn level(plan: &ImportedPlan, level: ImportedLevel) -> Vec<&ImportedRow> {
    plan.rows.iter().filter(|r| r.level == level).collect()
}

fn row<'a>(plan: &'a ImportedPlan, code: &str) -> &'a ImportedRow {
    plan.rows.iter().find(|r| r.code == code).unwrap_or_else(|| panic!("no row {code}"))
}

/// An indicator row of the document: source line, objective, code, weight,
/// second weight, baselines 2021-2023 and targets 2024-2026.
type IndicatorCells = (usize, &'static str, &'static str, &'static str, &'static str, [&'static str; 6]);

/// Every indicator row of the document.
#[rustfmt::skip]
const INDICATORS: [IndicatorCells; 69] = [
    (10, "OS01.1.1", "EC05.1", "20,00%", "", ["114,67 %", "110,58 %", "N/D", ">= 105,00 %", "N/D", "N/D"]),
    (11, "OS01.1.1", "EC07", "20,00%", "", ["8,37 %", "7,75 %", "N/D", ">= 8,00 %", "N/D", "N/D"]),
    (12, "OS01.1.1", "EC27", "20,00%", "", ["-7,73 %", "-2,31 %", "N/D", ">= -12,00 %", "N/D", "N/D"]),
    (13, "OS01.1.1", "kpi1.1.1_03", "20,00%", "", ["6,43 %", "6,17 %", "N/D", "<= 7,00 %", "N/D", "N/D"]),
    (14, "OS01.1.1", "S02_AB_rev2023", "20,00%", "", ["34,49 %", "34,47 %", "N/D", "<= 37,00 %", "N/D", "N/D"]),
    (18, "OS02.1.1", "kpi2.1.1_01", "50,00%", "50,00%", ["97,71 %", "97,59 %", "N/D", ">= 90,00 %", "N/D", "N/D"]),
    (19, "OS02.1.1", "kpi2.1.1_02", "25,00%", "50,00%", ["1,92 gg", "2 gg", "N/D", "<= 2 gg", "N/D", "N/D"]),
    (20, "OS02.1.1", "C1.1_07", "25,00%", "", ["5,88 gg", "7,40 gg", "", "<= 6 gg", "", ""]),
    (24, "OS03.1.1", "kpi3.1.1_01", "10,00%", "", ["N/D", "N/D", "N/D", ">= 2 N.", "N/D", "N/D"]),
    (25, "OS03.1.1", "kpi3.1.1_02", "10,00%", "", ["59,55 %", "46,04 %", "N/D", ">= 10,00 %", "N/D", "N/D"]),
    (31, "OS03.1.1", "OC_TBS_02", "10,00%", "", ["22,74%", "33,09%", "41,42%", ">= 45,00 %", "N/D", "N/D"]),
    (32, "OS03.1.1", "OC_TBS_03", "10,00%", "", ["4,39 N.", "4,51 N.", "4,28 N.", ">= 4 N.", "N/D", "N/D"]),
    (33, "OS03.1.1", "kpi3.1.1_03", "10,00%", "", ["N/D", "N/D", "N/D", ">= 100,00 %", "N/D", "N/D"]),
    (34, "OS03.1.1", "kpi3.1.1_04", "10,00%", "", ["N/D", "N/D", "N/D", ">= 2 N.", ">= 2 N.", ">= 2 N."]),
    (35, "OS03.1.1", "kpi3.1.1_05", "10,00%", "", ["N/D", "N/D", "N/D", ">= 4 N.", "N/D", "N/D"]),
    (36, "OS03.1.1", "kpi3.1.1_07", "10,00%", "", ["N/D", "N/D", "N/D", ">= 100,00 %", "N/D", "N/D"]),
    (37, "OS03.1.1", "kpi3.1.1_08", "10,00%", "", ["N/D", "N/D", "N/D", ">= 100,00 %", "N/D", "N/D"]),
    (38, "OS03.1.1", "kpi3.1.1-06", "10,00%", "", ["N/D", "N/D", "N/D", ">= 5,00 %", "N/D", "N/D"]),
    (39, "OS03.1.1", "OC_TBS_01", "10,00%", "", ["N/D", "1.336 N.", "N/D", ">= 15.000 N.", "N/D", "N/D"]),
    (43, "OS04.1.1", "kpi4.1.1_01", "10,00%", "", ["N/D", "1 N.", "N/D", ">= 1 N.", ">= 1 N.", ">= 1 N."]),
    (49, "OS04.1.1", "kpi4.1.1_02", "10,00%", "", ["N/D", "1 N.", "N/D", ">= 1 N.", ">= 1 N.", ">= 1 N."]),
    (50, "OS04.1.1", "kpi4.1.1_03", "10,00%", "", ["N/D", "11,60 %", "N/D", ">= 5,00 %", ">= 5,00 %", ">= 5,00 %"]),
    (51, "OS04.1.1", "kpi4.1.1_04", "10,00%", "", ["N/D", "-65,50 %", "N/D", ">= 5,00 %", "N/D", "N/D"]),
    (52, "OS04.1.1", "kpi4.1.1_06", "20,00%", "", ["1 N.", "1 N.", "N/D", ">= 0,80 N.", "N/D", "N/D"]),
    (53, "OS04.1.1", "kpi4.1.1_08", "20,00%", "", ["N/D", "N/D", "N/D", ">= 1 N.", "N/D", "N/D"]),
    (54, "OS04.1.1", "kpi4.1.1_09", "20,00%", "", ["N/D", "N/D", "N/D", ">= 1 N.", "N/D", "N/D"]),
    (58, "OS07.1.2", "kpi7.1.2_01", "9,00%", "", ["12 N.", "12 N.", "N/D", ">= 8 N.", "N/D", "N/D"]),
    (59, "OS07.1.2", "kpi7.1.2_02", "9,00%", "", ["N/D", "N/D", "N/D", ">= 100,00 %", "N/D", "N/D"]),
    (65, "OS07.1.2", "kpi7.1.2_05", "12,00%", "", ["N/D", "27 N.", "N/D", ">= 20 N.", "N/D", "N/D"]),
    (66, "OS07.1.2", "kpi7.1.2_06", "12,00%", "", ["40,42 %", "39,97 %", "N/D", ">= 15,00 %", "N/D", "N/D"]),
    (67, "OS07.1.2", "kpi7.1.2_07", "12,00%", "", ["N/D", "28 N.", "N/D", ">= 22 N.", "N/D", "N/D"]),
    (68, "OS07.1.2", "kpi7.1.2_08", "20,00%", "", ["N/D", "100,00 %", "N/D", ">= 100,00 %", "N/D", "N/D"]),
    (69, "OS07.1.2", "kpi7.1.2_09", "12,00%", "", ["N/D", "42 N.", "N/D", ">= 35 N.", "N/D", "N/D"]),
    (70, "OS07.1.2", "kpi7.1.2_10", "14,00%", "", ["N/D", "N/D", "N/D", "Entro 31-03-2024", "N/D", "N/D"]),
    (76, "OS08.2.1", "kpi8.2.1_01", "25,00%", "", ["N/D", "6 N.", "N/D", ">= 5 N.", "N/D", "N/D"]),
    (77, "OS08.2.1", "kpi8.2.1_02", "25,00%", "", ["N/D", "N/D", "N/D", ">= 100,00 %", "N/D", "N/D"]),
    (78, "OS08.2.1", "kpi8.2.1_03", "25,00%", "", ["N/D", "N/D", "N/D", ">= 1 N.", "N/D", "N/D"]),
    (84, "OS08.2.1", "kpi8.2.1_04", "25,00%", "", ["N/D", "N/D", "N/D", "Entro 31-12-2024", "N/D", "N/D"]),
    (87, "OS09.2.1", "kpi9.2.1_01", "34,00%", "", ["67 N.", "62 N.", "N/D", ">= 20 N.", "N/D", "N/D"]),
    (88, "OS09.2.1", "kpi9.2.1_02", "33,00%", "", ["3.344 N.", "3.179 N.", "N/D", ">= 2.000 N.", "N/D", "N/D"]),
    (89, "OS09.2.1", "kpi9.2.1_03", "33,00%", "", ["50 N.", "66 N.", "N/D", ">= 40 N.", "N/D", "N/D"]),
    (92, "OS11.2.2", "kpi11.2.2_01", "15,00%", "", ["11-05-2021", "22-03-2022", "11-05-2023", "Entro 31-03-2024", "N/D", "N/D"]),
    (93, "OS11.2.2", "kpi11.2.2_02", "15,00%", "", ["100,00 %", "100,00 %", "N/D", ">= 100,00 %", "N/D", "N/D"]),
    (94, "OS11.2.2", "kpi11.2.2_03", "15,00%", "", ["15-06-2021", "23-05-2022", "09-06-2023", "Entro 30-06-2024", "Entro 30-06-2025", "N/D"]),
    (95, "OS11.2.2", "kpi11.2.2_05", "15,00%", "", ["N/D", "N/D", "N/D", ">= 5 N.", "N/D", "N/D"]),
    (96, "OS11.2.2", "kpi11.2.2_06", "20,00%", "", ["N/D", "N/D", "N/D", ">= 20 N.", "N/D", "N/D"]),
    (97, "OS11.2.2", "kpi11.2.2-04", "20,00%", "", ["N/D", "N/D", "N/D", ">= 100,00 %", "N/D", "N/D"]),
    (109, "OS12.3", "kpi12.3_01", "20,00%", "", ["21-05-2021", "22-03-2022", "11-05-2023", "Entro 31-03-2024", "Entro 31-03-2025", "N/D"]),
    (110, "OS12.3", "kpi12.3_02", "20,00%", "", ["100,00 %", "100,00 %", "N/D", ">= 100,00 %", "N/D", "N/D"]),
    (111, "OS12.3", "kpi12.3_03", "20,00%", "", ["15-06-2021", "23-05-2022", "09-06-2023", "Entro 30-06-2024", "Entro 30-06-2025", "N/D"]),
    (112, "OS12.3", "kpi12.3_04", "20,00%", "", ["26-05-2021", "01-01-2023", "29-03-2023", "Entro 31-12-2024", "N/D", "N/D"]),
    (113, "OS12.3", "kpi12.3_05", "20,00%", "", ["N/D", "N/D", "N/D", ">= 100,00 %", "N/D", "N/D"]),
    (119, "OS13.4", "kpi13.4_01", "20,00%", "", ["20-05-2021", "22-03-2022", "11-05-2023", "Entro 31-03-2024", "N/D", "N/D"]),
    (120, "OS13.4", "kpi13.4_02", "20,00%", "", ["100,00 %", "100,00 %", "N/D", ">= 100,00 %", ">= 100,00 %", "N/D"]),
    (121, "OS13.4", "kpi13.4_03", "20,00%", "", ["15-06-2021", "23-05-2022", "09-06-2023", "Entro 30-06-2024", "Entro 30-06-2025", "N/D"]),
    (122, "OS13.4", "kpi13.4_04", "20,00%", "", ["N/D", "N/D", "N/D", ">= 100,00 %", "N/D", "N/D"]),
    (123, "OS13.4", "kpi13.4_06", "20,00%", "", ["N/D", "2 N.", "N/D", ">= 10 N.", "N/D", "N/D"]),
    (134, "OS14.5", "kpi14.5_01", "15,00%", "14,00%", ["06-05-2021", "22-03-2022", "11-05-2023", "Entro 31-03-2024", "Entro 31-03-2025", "N/D"]),
    (135, "OS14.5", "kpi14.5_03", "15,00%", "14,00%", ["15-06-2021", "23-05-2022", "09-06-2023", "Entro 30-06-2024", "Entro 30-06-2025", "N/D"]),
    (136, "OS14.5", "kpi14.5_04", "14,00%", "14,00%", ["100,00 %", "100,00 %", "N/D", ">= 100,00 %", ">= 100,00 %", "N/D"]),
    (137, "OS14.5", "kpi14.5_05", "10,00%", "", ["", "", "", "100", "", ""]),
    (138, "OS14.5", "kpi14.5_06", "15,00%", "", ["", "", "", "120", "", ""]),
    (139, "OS14.5", "OC_DTDE_02", "15,00%", "", ["", "", "", "5", "", ""]),
    (140, "OS14.5", "OC_DTDE_01", "15,00%", "", ["", "", "", ">= 10", "", ""]),
    (141, "OS14.5", "kpi14.5_04#2", "15,00%", "14,00%", ["N/D", "N/D", "N/D", ">= 100,00 %", "N/D", "N/D"]),
    (142, "OS14.5", "OC_TD_01", "11,00%", "11,00%", ["488 N.", "578 N.", "N/D", ">= 300 N.", "N/D", "N/D"]),
    (143, "OS14.5", "OC_TD_02", "11,00%", "11,00%", ["73 N.", "60 N.", "N/D", ">= 50 N.", "N/D", "N/D"]),
    (144, "OS14.5", "OC_TD_03", "11,00%", "11,00%", ["N/D", "3.246 N.", "N/D", ">= 3.000 N.", "N/D", "N/D"]),
    (145, "OS14.5", "OC_TD_04", "11,00%", "11,00%", ["0 N.", "1,65 N.", "N/D", ">= 1,65 N.", "N/D", "N/D"]),
];

/// FNV-1a, 64 bits: enough to tell that a file was edited.
fn fingerprint(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

/// The copy in fixtures/ is the published document as extracted, byte for
/// byte: every figure the tests here pin was read off it by hand, so an edit
/// to it (a re-extraction, a fixed typo) must be a deliberate change here too.
#[test]
fn the_fixture_copy_is_the_published_document_unchanged() {
    let text = source();
    assert_eq!(text.len(), 33_650);
    assert_eq!(text.matches('\n').count(), 144);
    assert_eq!(fingerprint(text.as_bytes()), FINGERPRINT, "{FIXTURE} changed");
}

#[test]
fn sniffs_the_published_layout() {
    let text = source();
    assert!(looks_like_published_layout(&text));
    assert!(!looks_like_published_layout(&plan().to_canonical_csv()));
    assert!(!looks_like_published_layout("livello\tcodice\tnome\tpeso\talgoritmo\tbaseline_2021\ttarget_2024\n"));
    assert!(!looks_like_published_layout(""));
}

#[test]
fn five_ambiti_weighted_50_29_7_7_7() {
    let plan = plan();
    let ambiti: Vec<(&str, &str)> =
        level(&plan, ImportedLevel::Ambito).iter().map(|r| (r.code.as_str(), r.weight.as_str())).collect();
    assert_eq!(ambiti, [("1", "50,00%"), ("2", "29,00%"), ("3", "7,00%"), ("4", "7,00%"), ("5", "7,00%")]);
    let third = row(&plan, "3");
    assert_eq!(third.line, 99);
    assert_eq!(third.name, "VALORIZZAZIONE DEL PATRIMONIO CULTURALE, SVILUPPO E PROMOZIONE DEL TURISMO");
    assert_eq!(third.description, "Attività di sostegno allo sviluppo del turismo e delle eccellenze produttive");
}

#[test]
fn eleven_strategic_objectives_with_their_weights() {
    let plan = plan();
    let objectives: Vec<(&str, &str)> =
        level(&plan, ImportedLevel::Strategic).iter().map(|r| (r.code.as_str(), r.weight.as_str())).collect();
    assert_eq!(
        objectives,
        [
            ("OS01.1.1", "20,00%"),
            ("OS02.1.1", "20,00%"),
            ("OS03.1.1", "20,00%"),
            ("OS04.1.1", "20,00%"),
            ("OS07.1.2", "20,00%"),
            ("OS08.2.1", "33,34%"),
            ("OS09.2.1", "33,33%"),
            ("OS11.2.2", "33,33%"),
            ("OS12.3", "100,00%"),
            ("OS13.4", "100,00%"),
            ("OS14.5", "100,00%"),
        ]
    );
    let inline = row(&plan, "OS09.2.1");
    assert_eq!(inline.name, "Promuovere l'ecosistema per l'imprenditorialità e gli investimenti ad impatto sociale");
    assert!(inline.description.starts_with("Sostenere la competitività delle imprese sociali"));
}

#[test]
fn every_ambito_holds_its_objectives() {
    let plan = plan();
    let mut under: Vec<(String, Vec<String>)> = Vec::new();
    for r in &plan.rows {
        match r.level {
            ImportedLevel::Ambito => under.push((r.code.clone(), Vec::new())),
            ImportedLevel::Strategic => under.last_mut().unwrap().1.push(r.code.clone()),
            ImportedLevel::Indicator => {}
            ImportedLevel::Operational => panic!("the real plan has no operational objective: {}", r.code),
        }
    }
    let expected = [
        ("1", &["OS01.1.1", "OS02.1.1", "OS03.1.1", "OS04.1.1", "OS07.1.2"][..]),
        ("2", &["OS08.2.1", "OS09.2.1", "OS11.2.2"][..]),
        ("3", &["OS12.3"][..]),
        ("4", &["OS13.4"][..]),
        ("5", &["OS14.5"][..]),
    ];
    assert_eq!(under.len(), expected.len());
    for ((code, objectives), (want_code, want)) in under.iter().zip(expected) {
        assert_eq!(code, want_code);
        assert_eq!(objectives, want, "ambito {code}");
    }
}

#[test]
fn sixty_nine_indicators_under_the_right_objectives() {
    let plan = plan();
    let mut objective = String::new();
    let mut read = Vec::new();
    for r in &plan.rows {
        match r.level {
            ImportedLevel::Strategic => objective = r.code.clone(),
            ImportedLevel::Indicator => read.push((objective.clone(), r.code.clone())),
            ImportedLevel::Ambito => objective.clear(),
            ImportedLevel::Operational => panic!("the real plan has no operational objective: {}", r.code),
        }
    }
    let expected: Vec<(String, String)> =
        INDICATORS.iter().map(|(_, objective, code, ..)| (objective.to_string(), code.to_string())).collect();
    assert_eq!(read, expected);
    let per_objective = |code: &str| expected.iter().filter(|(o, _)| o == code).count();
    assert_eq!(per_objective("OS01.1.1"), 5);
    assert_eq!(per_objective("OS02.1.1"), 3);
    assert_eq!(per_objective("OS03.1.1"), 11);
    assert_eq!(per_objective("OS04.1.1"), 7);
    assert_eq!(per_objective("OS07.1.2"), 8);
    assert_eq!(per_objective("OS08.2.1"), 4);
    assert_eq!(per_objective("OS09.2.1"), 3);
    assert_eq!(per_objective("OS11.2.2"), 6);
    assert_eq!(per_objective("OS12.3"), 5);
    assert_eq!(per_objective("OS13.4"), 5);
    assert_eq!(per_objective("OS14.5"), 12);
}

#[test]
fn every_weight_baseline_and_target_cell_as_in_the_document() {
    let plan = plan();
    let indicators = level(&plan, ImportedLevel::Indicator);
    assert_eq!(indicators.len(), 69);
    for (r, (line, _, code, weight, weight_alt, values)) in indicators.iter().zip(INDICATORS) {
        assert_eq!((r.line, r.code.as_str()), (line, code));
        assert_eq!(r.weight, weight, "{code} weight");
        assert_eq!(r.weight_alt.as_deref().unwrap_or(""), weight_alt, "{code} weight_alt");
        let read =
            [r.baseline(2021), r.baseline(2022), r.baseline(2023), r.target(2024), r.target(2025), r.target(2026)];
        assert_eq!(read, values, "{code} baselines and targets");
    }
}

#[test]
fn the_cells_the_brief_names() {
    let plan = plan();
    let ec05 = row(&plan, "EC05.1");
    assert_eq!(ec05.baseline(2021), "114,67 %");
    assert_eq!(ec05.target(2024), ">= 105,00 %");
    assert_eq!(ec05.unit.as_deref(), Some("%"));
    let days = row(&plan, "kpi2.1.1_02");
    assert_eq!(days.target(2024), "<= 2 gg");
    assert_eq!(days.unit.as_deref(), Some("gg"));
    let deadline = row(&plan, "kpi11.2.2_01");
    assert_eq!(deadline.target(2024), "Entro 31-03-2024");
    assert_eq!(deadline.unit.as_deref(), Some("date"));
    let count = row(&plan, "OC_TBS_01");
    assert_eq!(count.baseline(2022), "1.336 N.");
    assert_eq!(count.target(2024), ">= 15.000 N.");
    assert_eq!(count.unit.as_deref(), Some("N."));
    let negative = row(&plan, "EC27");
    assert_eq!(negative.target(2024), ">= -12,00 %");
    assert_eq!(negative.baseline(2021), "-7,73 %");
}

#[test]
fn names_algoritmi_and_descriptions_of_shifted_and_merged_rows() {
    let plan = plan();
    let merged = row(&plan, "OC_TBS_02");
    assert_eq!(merged.name, "Grado di adesione al cassetto digitale");
    assert!(merged.description.starts_with("Misura il grado di adesione"));
    assert_eq!(
        merged.algorithm,
        "N. imprese aderenti Cassetto digitale al 31/12 dell'anno N / Numero imprese attive al 31/12 dell'anno N"
    );
    let no_dash = row(&plan, "kpi14.5_06");
    assert!(no_dash.name.starts_with("Ampiezza delle attività di skilling e reskilling"));
    let soglia_in_algoritmo = row(&plan, "kpi14.5_04#2");
    assert_eq!(soglia_in_algoritmo.name, "Utilizzo risorse progetto PID (dal 2024)");
    assert_eq!(
        soglia_in_algoritmo.algorithm,
        "Risorse impegnate progetto PID entro anno N / risorse indicate progetto PID nell'ultimo SAL progetto approvato dalla Giunta anno N"
    );
    assert_eq!(soglia_in_algoritmo.threshold.as_deref(), Some("80%"));
}

#[test]
fn soglie_read_only_where_clearly_stated() {
    let plan = plan();
    let thresholds: Vec<(&str, Option<&str>)> = level(&plan, ImportedLevel::Indicator)
        .iter()
        .filter(|r| r.threshold.is_some() || r.review.iter().any(|n| n.contains("soglia")))
        .map(|r| (r.code.as_str(), r.threshold.as_deref()))
        .collect();
    assert_eq!(
        thresholds,
        [
            ("kpi1.1.1_03", Some("10%")),
            ("kpi2.1.1_01", Some("85%")),
            ("kpi2.1.1_02", Some("4 gg")),
            ("C1.1_07", Some("8 gg")),
            ("kpi3.1.1_02", None),
            ("OC_TBS_02", Some("20%")),
            ("OC_TBS_03", Some("3 N.")),
            ("kpi3.1.1_03", Some("0%")),
            ("kpi3.1.1_08", Some("80%")),
            ("kpi4.1.1_03", None),
            ("kpi4.1.1_04", None),
            ("kpi4.1.1_06", Some("0 N.")),
            ("kpi4.1.1_08", Some("0 N.")),
            ("kpi7.1.2_02", Some("70%")),
            ("kpi7.1.2_06", Some("5%")),
            ("kpi7.1.2_08", Some("80%")),
            ("kpi8.2.1_01", Some("3 N.")),
            ("kpi8.2.1_02", Some("0%")),
            ("kpi9.2.1_01", Some("5 N.")),
            ("kpi9.2.1_02", Some("500 N.")),
            ("kpi9.2.1_03", Some("10 N.")),
            ("kpi11.2.2_02", Some("80%")),
            ("kpi11.2.2_05", Some("0 N.")),
            ("kpi11.2.2_06", Some("0 N.")),
            ("kpi11.2.2-04", Some("80%")),
            ("kpi12.3_02", Some("80%")),
            ("kpi12.3_05", Some("80%")),
            ("kpi13.4_02", Some("80%")),
            ("kpi13.4_04", Some("80%")),
            ("kpi13.4_06", Some("0 N.")),
            ("kpi14.5_05", Some("80 N.")),
            ("kpi14.5_06", Some("96 N.")),
            ("OC_DTDE_01", Some("8 N.")),
            ("kpi14.5_04#2", Some("80%")),
        ]
    );
}

#[test]
fn proposed_formulas() {
    let plan = plan();
    let formula = |code: &str| row(&plan, code).formula.clone();
    assert_eq!(formula("EC05.1").as_deref(), Some("[Patrimonio netto] / [Immobilizzazioni]"));
    assert_eq!(
        formula("EC07").as_deref(),
        Some("([Contributi da Regioni, Enti locali, privati, altri (CCIAA)] + [Proventi da gestione di beni e servizi (CCIAA)]) / [Proventi correnti al netto del fondo svalutazione crediti da Diritto annuale (CCIAA)]")
    );
    assert_eq!(
        formula("EC27").as_deref(),
        Some("([Proventi strutturali] - [Oneri strutturali]) / [Proventi strutturali]")
    );
    assert_eq!(
        formula("kpi3.1.1-06").as_deref(),
        Some("([Numero pratiche gestite tramite Suap camerale] - [Numero pratiche gestite tramite Suap camerale](N-1)) / [Numero pratiche gestite tramite Suap camerale](N-1)")
    );
    assert_eq!(
        formula("kpi9.2.1_01").as_deref(),
        Some("[Numero partner di Torino Social Impact] - [Numero partner di Torino Social Impact](N-1)")
    );
    assert_eq!(
        formula("OC_TBS_03").as_deref(),
        Some("[N. strumenti digitali (primo rilascio + rinnovo)] / ([imprese attive] / 100)")
    );
    assert_eq!(
        formula("OC_DTDE_01").as_deref(),
        Some("[N. assesment (maturità digitale, cybersecurity, sostenibilità e energia) condotti sulla Doppia Transizione] / ([imprese attive] / 10000)")
    );
    assert_eq!(
        formula("kpi3.1.1_08").as_deref(),
        Some("[Numero dipendenti che partecipano alla formazione su competenze digitali] / [Numero dipendenti]")
    );
    assert_eq!(
        formula("kpi11.2.2_03").as_deref(),
        Some("[data rendicontazione annualità progetto internazionalizzazione]")
    );
    assert_eq!(formula("kpi7.1.2_01").as_deref(), Some("[N. report]"));
    let unread: Vec<&str> = level(&plan, ImportedLevel::Indicator)
        .iter()
        .filter(|r| r.formula.is_none())
        .map(|r| r.code.as_str())
        .collect();
    assert_eq!(unread, ["kpi4.1.1_02"]);
    for r in &plan.rows {
        if let Some(formula) = &r.formula {
            let inside: String = formula.split('[').skip(1).map(|s| s.split(']').next().unwrap()).collect();
            assert!(!inside.contains('['), "{}: {formula}", r.code);
        }
    }
}

#[test]
fn review_lists_the_duplicate_code_the_110_percent_and_the_two_weight_rows() {
    let plan = plan();
    let has = |line: usize, code: &str, text: &str| {
        plan.review.iter().any(|i| i.line == line && i.code.as_deref() == Some(code) && i.message.contains(text))
    };
    assert!(has(141, "kpi14.5_04#2", "code kpi14.5_04 is also used at line 136"));
    assert!(has(21, "OS03.1.1", "add up to 110,00 %"));
    assert!(has(15, "OS02.1.1", "two weight columns"));
    assert!(has(126, "OS14.5", "two weight columns: the first adds up to 158,00 %"));
    // The two-weights note is given once per objective, naming its rows.
    assert!(has(
        15,
        "OS02.1.1",
        "second is kept as weight_alt (kpi2.1.1_01 50,00% and 50,00%, kpi2.1.1_02 25,00% and 50,00%)"
    ));
    assert!(has(126, "OS14.5", "(kpi14.5_01 15,00% and 14,00%, kpi14.5_03 15,00% and 14,00%, kpi14.5_04 14,00% and 14,00%, kpi14.5_04#2 15,00% and 14,00%, OC_TD_01 11,00% and 11,00%, OC_TD_02 11,00% and 11,00%, OC_TD_03 11,00% and 11,00%, OC_TD_04 11,00% and 11,00%)"));
    assert!(!plan.review.iter().any(|i| i.message.starts_with("two weights")));
    // A note that several rows share is one item naming them all.
    assert!(has(85, "OS09.2.1, OS11.2.2", "weight 33,33% read from inside the objective's text (lines 85, 90)"));
    assert!(has(37, "kpi3.1.1_08, kpi8.2.1_02", "trailing *100 dropped"));
    let messages: Vec<&str> = plan.review.iter().map(|i| i.message.as_str()).collect();
    let unique: std::collections::HashSet<&str> = messages.iter().copied().collect();
    assert_eq!(unique.len(), messages.len(), "a note is given once");
    // 37 items before grouping: 10 per-row two-weights notes folded into their
    // objectives' notes, and three notes shared by two rows given once each.
    assert_eq!(plan.review.len(), 24);
    assert!(has(50, "kpi4.1.1_03", "SOGLIA 5% soglia 2023 3% dal 2024 soglia 0"));
    assert!(has(12, "EC27", "footnote definitions dropped"));
    assert!(plan.review.windows(2).all(|w| w[0].line <= w[1].line));
    let lines_without_code: Vec<usize> = plan.review.iter().filter(|i| i.code.is_none()).map(|i| i.line).collect();
    assert!(lines_without_code.is_empty(), "{lines_without_code:?}");
}

#[test]
fn canonical_csv_has_the_header_and_one_row_per_node() {
    let csv_text = plan().to_canonical_csv();
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(csv_text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header.join(";"),
        "level;code;name;weight;weight_alt;formula;algorithm;unit;threshold;baseline_2021;baseline_2022;baseline_2023;target_2024;target_2025;target_2026;review"
    );
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 5 + 11 + 69);
    let ec05 = records.iter().find(|r| &r[1] == "EC05.1").unwrap();
    assert_eq!(&ec05[0], "indicator");
    assert_eq!(&ec05[9], "114,67 %");
    assert_eq!(&ec05[12], ">= 105,00 %");
    let os03 = records.iter().find(|r| &r[1] == "OS03.1.1").unwrap();
    assert!(os03[15].contains("110,00 %"));
}
