//! GitHub Actions workflow annotations (`--format github`): one
//! `::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`
//! line per finding, which the Actions runner shows on the pull request.

use std::fmt::Write as _;

use crate::diagnostic::{Finding, Severity};
use crate::source::Origin;
use crate::text::Document;

/// Escapes a command's message (`%`, CR, LF).
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (also `:` and `,`).
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The annotation lines of one input's findings.
#[must_use]
pub fn annotations(origin: &Origin, doc: &Document<'_>, findings: &[Finding]) -> String {
    let mut out = String::new();
    let file = escape_property(&origin.display_path());
    for f in findings {
        let start = doc.line_col(f.span.start);
        let end = doc.line_col(f.span.end);
        let level = match f.severity {
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = f.message.clone();
        if let Some(s) = f.suggestions.first() {
            let _ = write!(message, "\n{}", s.title);
            if !s.reason.is_empty() {
                let _ = write!(message, " ({})", s.reason);
            }
        }
        let _ = writeln!(
            out,
            "::{level} file={file},line={},col={},endLine={},endColumn={},title={}::{}",
            start.line,
            start.column,
            end.line,
            end.column,
            escape_property(&format!("{} {}", f.rule.code, f.rule.name)),
            escape_data(&message)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_follow_the_workflow_command_rules() {
        assert_eq!(escape_data("50% a\nb"), "50%25 a%0Ab");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
