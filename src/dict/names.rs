//! Names and variants: words only ever written capitalised
//! (`dictionaries/names.txt`, folded key → the capitalised form) and en-US ↔
//! en-GB spelling pairs (`dictionaries/variants.tsv`), compiled by `build.rs`
//! into embedded hash tables.

use crate::dict::table::Table;

static NAMES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/names.bin"));
static US_TO_GB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/variants_us.bin"));
static GB_TO_US: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/variants_gb.bin"));

fn str_value(v: &'static [u8]) -> &'static str {
    std::str::from_utf8(v).expect("table values are UTF-8")
}

/// The capitalised form of a name-only word (`putin` → `Putin`), by folded key.
#[must_use]
pub fn name_form(folded: &str) -> Option<&'static str> {
    static T: std::sync::OnceLock<Table> = std::sync::OnceLock::new();
    T.get_or_init(|| Table::new(NAMES))
        .get(folded)
        .map(|r| str_value(r.value))
}

/// The British spelling of an American one (`color` → `colour`), lowercase.
#[must_use]
pub fn british_of(us: &str) -> Option<&'static str> {
    static T: std::sync::OnceLock<Table> = std::sync::OnceLock::new();
    T.get_or_init(|| Table::new(US_TO_GB))
        .get(us)
        .map(|r| str_value(r.value))
}

/// The American spelling of a British one (`colour` → `color`), lowercase.
#[must_use]
pub fn american_of(gb: &str) -> Option<&'static str> {
    static T: std::sync::OnceLock<Table> = std::sync::OnceLock::new();
    T.get_or_init(|| Table::new(GB_TO_US))
        .get(gb)
        .map(|r| str_value(r.value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_variants() {
        assert_eq!(name_form("putin"), Some("Putin"));
        assert_eq!(name_form("antalya"), Some("Antalya"));
        assert_eq!(name_form("trump"), None);
        assert_eq!(british_of("color"), Some("colour"));
        assert_eq!(american_of("colour"), Some("color"));
        assert_eq!(british_of("colour"), None);
    }
}
