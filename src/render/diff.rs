//! Unified diffs of original vs fixed text, as `git apply` and `patch -p1`
//! accept them.

use similar::TextDiff;

/// The unified diff turning `old` into `new` for `path` (`a/` and `b/`
/// prefixes, three lines of context). Empty when nothing changed.
#[must_use]
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    let path = path.strip_prefix("./").unwrap_or(path);
    let diff = TextDiff::from_lines(old, new);
    let mut out = String::new();
    out.push_str(&format!("--- a/{path}\n+++ b/{path}\n"));
    for hunk in diff.unified_diff().context_radius(3).iter_hunks() {
        out.push_str(&hunk.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_has_headers_and_marks_missing_final_newline() {
        let d = unified_diff("./a.txt", "one\nteh\n", "one\nthe\n");
        assert_eq!(
            d,
            "--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,2 @@\n one\n-teh\n+the\n"
        );
        let d = unified_diff("a.txt", "teh", "the");
        assert!(d.contains("\\ No newline at end of file"), "{d}");
        assert_eq!(unified_diff("a.txt", "same", "same"), "");
    }
}
