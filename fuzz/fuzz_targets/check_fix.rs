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

fuzz_target!(|data: &[u8]| {
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
