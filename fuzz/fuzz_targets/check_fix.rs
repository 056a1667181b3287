//! Check + fix on arbitrary bytes: the bytes are decoded as a file would be
//! (`input::decode`: binary and invalid UTF-8 are refused, never fixed), then
//! every invariant of `tests/support/invariants.rs` is verified in one
//! format at one fix level, both chosen by the first byte. A broken
//! invariant panics, which libFuzzer records as a crash.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/invariants.rs"]
mod invariants;

use std::sync::OnceLock;

use copyedit::diagnostic::Applicability;
use copyedit::Engine;

fn engines() -> &'static [Engine; 2] {
    static E: OnceLock<[Engine; 2]> = OnceLock::new();
    E.get_or_init(|| {
        [
            invariants::engine(Applicability::Safe),
            invariants::engine(Applicability::Unsafe),
        ]
    })
}

/// Loads every lazily built table (thesaurus, collocations, typo index) once
/// before fuzzing: otherwise the first input of each `-fork` job pays it,
/// and on a loaded machine that input was recorded as a slow unit or a
/// timeout.
fn warm_up() {
    let text = "The report was {quick|fast} and clear. As a substitute of waiting, \
                the chief of workers said teh Ccnuiol wolud recieve it in keeping with the plan.";
    for engine in engines() {
        for format in invariants::FORMATS {
            let _ = invariants::verify(engine, text, format);
        }
    }
}

fuzz_target!(init: warm_up(), |data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let format = invariants::FORMATS[usize::from(selector % 3)];
    let engine = &engines()[usize::from((selector / 3) % 2)];
    let Ok(text) = copyedit::input::decode(rest.to_vec()) else {
        return;
    };
    if let Err(why) = invariants::verify(engine, &text, format) {
        panic!(
            "{why}\n  level: {:?}, format: {format:?}\n  text: {text:?}",
            engine.settings().fix_level
        );
    }
});
