//! Any text as a formula: parsed, and when it parses, printed and parsed again.
#![no_main]
use kpi::formula::Formula;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(formula) = Formula::parse(text) {
        let printed = formula.expr.to_string();
        assert_eq!(Formula::parse(&printed).ok().map(|f| f.expr), Some(formula.expr), "{printed}");
    }
});
