//! Text cells that a spreadsheet would run as a formula. Every CSV kpi
//! writes (eval's CSV and TSV, the template, the imported plan) puts a `'`
//! before a text cell that begins with `=`, `+`, `-`, `@`, a tab or a
//! carriage return, as Excel and LibreOffice themselves mark a cell typed as
//! text; numbers stay numbers (`-0,05`, `-7,73 %`). kpi reads such a cell
//! back as the text it was, so its own files round-trip exactly.

use std::borrow::Cow;

/// What a spreadsheet takes as the start of a formula.
const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// True when a spreadsheet would take the text for a formula.
pub fn runs_as_formula(text: &str) -> bool {
    text.starts_with(TRIGGERS)
}

/// A cell of a file whose columns mix text and numbers (the template, the
/// imported plan): guarded as [`guard_text`] does, unless it is a signed
/// number, which a spreadsheet reads as the number it is.
pub fn guard(cell: &str) -> Cow<'_, str> {
    if is_number(cell) {
        cell.into()
    } else {
        guard_text(cell)
    }
}

/// A text cell as kpi writes it: `'` before a text a spreadsheet would run.
/// A text already starting with quotes before such a character gets one
/// more, so that [`unguard`] gives it back unchanged.
pub fn guard_text(text: &str) -> Cow<'_, str> {
    if needs_guard(text.as_bytes()) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

/// True when [`guard_text`] puts a `'` before the text: its first character
/// after any leading quotes starts a formula. On bytes, for the writers that
/// build a cell in place (every trigger is ASCII, so the first byte tells).
#[inline]
pub fn needs_guard(text: &[u8]) -> bool {
    text.iter().find(|&&b| b != b'\'').is_some_and(|&b| TRIGGERS.contains(&char::from(b)))
}

/// A cell as read: the text [`guard`] was given.
#[inline]
pub fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.trim_start_matches('\'').starts_with(TRIGGERS) => rest,
        _ => cell,
    }
}

/// A signed number as spreadsheets read one (`-7,73 %`, `+1.234,5`): it
/// stays a number, not a formula.
fn is_number(text: &str) -> bool {
    let Some(unsigned) = text.strip_prefix(['-', '+']) else { return false };
    let body = unsigned.trim_end_matches([' ', '%']);
    body.starts_with(|c: char| c.is_ascii_digit())
        && body.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        && unsigned[body.len()..].matches('%').count() <= 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formulas_are_guarded_and_numbers_are_not() {
        assert_eq!(guard("=HYPERLINK(\"http://x\",\"x\")"), "'=HYPERLINK(\"http://x\",\"x\")");
        assert_eq!(guard("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        assert_eq!(guard("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(guard("\tx"), "'\tx");
        assert_eq!(guard("- voce"), "'- voce");
        assert_eq!(guard("-"), "'-");
        assert_eq!(guard("-0,05"), "-0,05");
        assert_eq!(guard("-7,73 %"), "-7,73 %");
        assert_eq!(guard("+1.234,5"), "+1.234,5");
        assert_eq!(guard("-5 gg"), "'-5 gg");
        assert_eq!(guard("K1"), "K1");
        assert_eq!(guard("'plain"), "'plain");
        assert_eq!(guard("'=x"), "''=x");
    }

    #[test]
    fn guarded_cells_read_back_as_written() {
        assert_eq!(unguard("'=1+2"), "=1+2");
        assert_eq!(unguard("''=x"), "'=x");
        assert_eq!(unguard("'plain"), "'plain");
        assert_eq!(unguard("-0,05"), "-0,05");
    }

    proptest! {
        #[test]
        fn every_text_round_trips_and_none_runs(text in "['=+@\t\r -]{0,3}[a-z0-9,.%' ]{0,6}") {
            let written = guard(&text);
            prop_assert_eq!(unguard(&written), text.as_str());
            prop_assert!(!runs_as_formula(&written) || is_number(&written));
            let written = guard_text(&text);
            prop_assert_eq!(unguard(&written), text.as_str());
            prop_assert!(!runs_as_formula(&written));
        }
    }
}
