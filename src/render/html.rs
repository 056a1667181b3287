//! The self-contained HTML review page of `copyedit report`.
//!
//! One file, no network and no external assets: inline CSS, inline SVG
//! charts and a little plain JavaScript for filtering, sorting and exporting
//! accept/reject decisions (read by `copyedit apply`). Every piece of input
//! text is HTML-escaped; the embedded JSON escapes `<`, `>` and `&`, so a
//! document containing `<script>` shows as text and never runs.

use std::fmt::Write as _;

use serde::Serialize;

use crate::diagnostic::Applicability;
use crate::report::{Change, RunReport, SourceEntry};

/// Escapes text for HTML element content and attribute values.
#[must_use]
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const CSS: &str = r#"
body{font:15px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1d232a;background:#f6f7f9}
header{background:#1f3a5f;color:#fff;padding:14px 24px}header h1{margin:0;font-size:22px}header p{margin:4px 0 0;opacity:.85}
main{padding:16px 24px;max-width:1200px}
section{background:#fff;border:1px solid #dde2e8;border-radius:8px;padding:14px 18px;margin-bottom:16px}
h2{font-size:18px;margin:0 0 10px}
table{border-collapse:collapse}td,th{padding:3px 10px;text-align:left;border-bottom:1px solid #eef1f4}
.num{text-align:right;font-variant-numeric:tabular-nums}
.charts{display:flex;flex-wrap:wrap;gap:18px}.charts figure{margin:0}.charts figcaption{font-weight:600;margin-bottom:4px}
svg text{font:12px system-ui,sans-serif;fill:#1d232a}
.controls{display:flex;flex-wrap:wrap;gap:16px;align-items:center;margin-bottom:10px}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;background:#e4e8ee}
.badge.spun{background:#b3261e;color:#fff}
article.source{border-top:2px solid #dde2e8;padding-top:8px;margin-top:14px}
article.source h3{font-size:16px;margin:0 0 6px;word-break:break-all}
ol.changes{padding-left:22px;margin:0}li.change{margin:6px 0;padding:6px 8px;border-radius:6px;background:#fafbfc;border:1px solid #eef1f4}
li.change.family-S{background:#fff7e6}
.rule{font-weight:700;color:#1f3a5f}.tier{font-size:12px;border-radius:4px;padding:0 5px;margin:0 4px}
.tier-safe{background:#d7f0dc}.tier-unsafe{background:#fde9c8}.tier-display-only,.tier-none{background:#e4e8ee}
.diff{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px;margin:4px 0;white-space:pre-wrap;word-break:break-word}
del{background:#ffd7d5;text-decoration:line-through}ins{background:#ccf2d4;text-decoration:none}
mark.spun{background:#ffe08a}
.why{font-size:12px;color:#55606e}.alts label{margin-right:12px;font-size:13px}
textarea{width:100%;height:120px;font-family:ui-monospace,monospace;font-size:12px}
.hidden{display:none}
"#;

const SCRIPT: &str = r#"
(function(){
  var data = JSON.parse(document.getElementById('report-data').textContent);
  function visibleChange(li, fams, tier){
    return fams.indexOf(li.dataset.family) >= 0 && (tier === 'all' || li.dataset.tier === tier);
  }
  function applyFilters(){
    var fams = Array.prototype.filter.call(document.querySelectorAll('input.fam'), function(b){return b.checked;}).map(function(b){return b.value;});
    var tier = document.getElementById('tier').value;
    document.querySelectorAll('article.source').forEach(function(a){
      var any = false;
      a.querySelectorAll('li.change').forEach(function(li){
        var v = visibleChange(li, fams, tier); li.classList.toggle('hidden', !v); any = any || v;
      });
      var show = any || (tier === 'all' && a.dataset.spun === 'true');
      a.classList.toggle('hidden', !show);
      var row = document.getElementById('row-' + a.id);
      if (row) row.classList.toggle('hidden', !show);
    });
  }
  function sortSources(){
    var key = document.getElementById('sort').value;
    var list = document.getElementById('details');
    var items = Array.prototype.slice.call(list.querySelectorAll('article.source'));
    items.sort(function(a,b){ return parseFloat(b.dataset[key]) - parseFloat(a.dataset[key]); });
    items.forEach(function(a){ list.appendChild(a); });
    var body = document.querySelector('#source-list tbody');
    var rows = Array.prototype.slice.call(body.querySelectorAll('tr'));
    rows.sort(function(a,b){ return parseFloat(b.dataset[key]) - parseFloat(a.dataset[key]); });
    rows.forEach(function(r){ body.appendChild(r); });
  }
  function exportDecisions(){
    var out = {copyedit_decisions: 1, sources: []};
    data.sources.forEach(function(src){
      var changes = [];
      src.changes.forEach(function(ch){
        var picked = document.querySelector('input[name="d-' + ch.id + '"]:checked');
        if (!picked) return;
        if (picked.value === 'reject') { changes.push({id: ch.id, rule: ch.rule, decision: 'reject', edits: []}); return; }
        changes.push({id: ch.id, rule: ch.rule, decision: 'accept', edits: ch.alternatives[parseInt(picked.value, 10)]});
      });
      if (changes.length) out.sources.push({path: src.path, sha256: src.sha256, changes: changes});
    });
    var json = JSON.stringify(out, null, 1);
    document.getElementById('decisions').value = json;
    var a = document.createElement('a');
    a.href = 'data:application/json;charset=utf-8,' + encodeURIComponent(json);
    a.download = 'copyedit-decisions.json';
    document.body.appendChild(a); a.click(); a.remove();
  }
  document.querySelectorAll('input.fam').forEach(function(b){ b.addEventListener('change', applyFilters); });
  document.getElementById('tier').addEventListener('change', applyFilters);
  document.getElementById('sort').addEventListener('change', sortSources);
  document.getElementById('export').addEventListener('click', exportDecisions);
})();
"#;

#[derive(Serialize)]
struct DataEdit<'a> {
    start: usize,
    end: usize,
    replacement: &'a str,
}

#[derive(Serialize)]
struct DataChange<'a> {
    id: &'a str,
    rule: &'a str,
    alternatives: Vec<Vec<DataEdit<'a>>>,
}

#[derive(Serialize)]
struct DataSource<'a> {
    path: &'a str,
    sha256: &'a str,
    changes: Vec<DataChange<'a>>,
}

#[derive(Serialize)]
struct Data<'a> {
    sources: Vec<DataSource<'a>>,
}

/// JSON safe to embed in a `<script type="application/json">` element.
fn embedded_json(report: &RunReport) -> String {
    let data = Data {
        sources: report
            .details
            .iter()
            .filter(|s| s.record.is_none())
            .map(|s| DataSource {
                path: &s.path,
                sha256: &s.sha256,
                changes: s
                    .changes
                    .iter()
                    .map(|c| DataChange {
                        id: &c.id,
                        rule: c.rule,
                        alternatives: c
                            .alternatives
                            .iter()
                            .map(|a| {
                                a.edits
                                    .iter()
                                    .map(|(start, end, r)| DataEdit {
                                        start: *start,
                                        end: *end,
                                        replacement: r,
                                    })
                                    .collect()
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
    };
    serde_json::to_string(&data)
        .expect("report data always serializes")
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// Renders the whole page.
#[must_use]
pub fn render(report: &RunReport) -> String {
    let mut h = String::with_capacity(64 * 1024);
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    h.push_str("<title>copyedit report</title><style>");
    h.push_str(CSS);
    h.push_str("</style></head><body>\n<header><h1>copyedit report</h1>");
    let _ = write!(
        h,
        "<p>{} sources checked · {} findings · {} spun documents · copyedit {}</p></header>\n<main>\n",
        report.sources_checked,
        report.findings,
        report.spun,
        env!("CARGO_PKG_VERSION")
    );
    summary(&mut h, report);
    charts(&mut h, report);
    sources(&mut h, report);
    h.push_str("</main>\n<script type=\"application/json\" id=\"report-data\">");
    h.push_str(&embedded_json(report));
    h.push_str("</script>\n<script>");
    h.push_str(SCRIPT);
    h.push_str("</script>\n</body></html>\n");
    h
}

fn family_name(letter: char) -> &'static str {
    match letter {
        'T' => "typos and words",
        'Q' => "quotes, punctuation, spacing",
        'U' => "Unicode and encoding",
        'S' => "spun prose",
        _ => "other",
    }
}

fn summary(h: &mut String, r: &RunReport) {
    h.push_str("<section id=\"summary\"><h2>Summary</h2><table>");
    let rows = [
        ("Sources checked", r.sources_checked),
        ("Sources with findings", r.sources_with_findings),
        ("Findings", r.findings),
        ("Spun documents", r.spun),
        ("Unreadable inputs", r.errors.len()),
    ];
    for (label, n) in rows {
        let _ = write!(h, "<tr><th>{label}</th><td class=\"num\">{n}</td></tr>");
    }
    h.push_str("</table><h3>By family</h3><table>");
    for (letter, n) in &r.by_family {
        let _ = write!(
            h,
            "<tr><th>{letter}</th><td>{}</td><td class=\"num\">{n}</td></tr>",
            family_name(*letter)
        );
    }
    h.push_str("</table><h3>By fix tier</h3><table>");
    for (tier, n) in &r.by_tier {
        let _ = write!(
            h,
            "<tr><th><span class=\"tier tier-{tier}\">{tier}</span></th><td class=\"num\">{n}</td></tr>"
        );
    }
    h.push_str("</table><h3>By rule</h3><table>");
    for (code, (name, n)) in &r.by_rule {
        let _ = write!(
            h,
            "<tr><th class=\"rule\">{code}</th><td>{name}</td><td class=\"num\">{n}</td></tr>"
        );
    }
    h.push_str("</table>");
    if !r.errors.is_empty() {
        h.push_str("<h3>Unreadable inputs</h3><ul>");
        for (path, reason) in &r.errors {
            let _ = write!(h, "<li>{}: {}</li>", escape(path), escape(reason));
        }
        h.push_str("</ul>");
    }
    h.push_str("</section>\n");
}

/// `label` cut to `max` chars with an ellipsis, so it fits the label column.
fn shorten(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        return label.to_string();
    }
    let mut s: String = label.chars().take(max - 1).collect();
    s.push('…');
    s
}

/// Horizontal bars: one row per (label, value).
fn bar_chart(id: &str, caption: &str, rows: &[(String, usize)]) -> String {
    let width = 640;
    let label_w = 300;
    let row_h = 20;
    let height = (rows.len().max(1) * row_h + 10) as u32;
    let max = rows.iter().map(|r| r.1).max().unwrap_or(1).max(1) as f64;
    let mut s = format!(
        "<figure id=\"{id}\"><figcaption>{caption}</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{caption}\">"
    );
    if rows.is_empty() {
        s.push_str("<text x=\"4\" y=\"16\">nothing to show</text>");
    }
    for (i, (label, value)) in rows.iter().enumerate() {
        let y = i * row_h + 4;
        let w = ((width - label_w - 50) as f64 * (*value as f64) / max)
            .round()
            .max(1.0);
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><rect class=\"bar\" x=\"{label_w}\" y=\"{y}\" width=\"{w}\" height=\"{}\" fill=\"#3d6fb6\"></rect><text x=\"{}\" y=\"{}\">{value}</text>",
            label_w - 6,
            y + 13,
            escape(&shorten(label, 44)),
            row_h - 6,
            label_w as f64 + w + 4.0,
            y + 13
        );
    }
    s.push_str("</svg></figure>");
    s
}

fn spin_histogram(r: &RunReport) -> String {
    let bins = 10usize;
    let mut counts = vec![0usize; bins];
    for &score in &r.spin_scores {
        let b = ((score * bins as f64) as usize).min(bins - 1);
        counts[b] += 1;
    }
    let (width, height, pad) = (420.0, 180.0, 28.0);
    let max = counts.iter().copied().max().unwrap_or(1).max(1) as f64;
    let bar_w = (width - 2.0 * pad) / bins as f64;
    let mut s = format!(
        "<figure id=\"chart-spin\"><figcaption>Document spin scores</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"Histogram of document spin scores\">"
    );
    for (i, &c) in counts.iter().enumerate() {
        // Log scale keeps a few spun documents visible next to thousands of clean ones.
        let frac = if c == 0 {
            0.0
        } else {
            ((c as f64).ln_1p() / max.ln_1p()).max(0.02)
        };
        let bh = frac * (height - 2.0 * pad);
        let x = pad + i as f64 * bar_w;
        let y = height - pad - bh;
        let _ = write!(
            s,
            "<rect class=\"bin\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{bh:.1}\" fill=\"#7a8fa8\"><title>{:.1}–{:.1}: {c}</title></rect>",
            bar_w - 2.0,
            i as f64 / bins as f64,
            (i + 1) as f64 / bins as f64
        );
        if c > 0 {
            let _ = write!(
                s,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{c}</text>",
                x + bar_w / 2.0,
                y - 3.0
            );
        }
    }
    let tx = pad + r.spin_threshold * (width - 2.0 * pad);
    let _ = write!(
        s,
        "<line id=\"spin-threshold\" x1=\"{tx:.1}\" x2=\"{tx:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#b3261e\" stroke-width=\"2\" stroke-dasharray=\"4 3\"></line><text x=\"{:.1}\" y=\"{:.1}\" fill=\"#b3261e\">spun ≥ {}</text>",
        pad - 8.0,
        height - pad,
        tx + 4.0,
        pad - 12.0,
        r.spin_threshold
    );
    let _ = write!(
        s,
        "<text x=\"{pad}\" y=\"{:.1}\">0</text><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">1</text>",
        height - 10.0,
        width - pad,
        height - 10.0
    );
    s.push_str("</svg></figure>");
    s
}

fn charts(h: &mut String, r: &RunReport) {
    h.push_str("<section id=\"charts\"><h2>Charts</h2><div class=\"charts\">");
    let rules: Vec<(String, usize)> = r
        .by_rule
        .iter()
        .map(|(code, (name, n))| (format!("{code} {name}"), *n))
        .collect();
    h.push_str(&bar_chart("chart-rules", "Findings per rule", &rules));
    h.push_str(&spin_histogram(r));
    let corrections: Vec<(String, usize)> = r
        .top_corrections(12)
        .into_iter()
        .map(|((from, to), n)| (format!("{from} → {to}"), n))
        .collect();
    h.push_str(&bar_chart(
        "chart-corrections",
        "Most frequent corrections",
        &corrections,
    ));
    h.push_str("</div></section>\n");
}

fn source_label(s: &SourceEntry) -> String {
    match &s.record {
        Some((line, Some(id))) => format!("{}:{line} (id {id})", s.path),
        Some((line, None)) => format!("{}:{line}", s.path),
        None => s.path.clone(),
    }
}

fn sources(h: &mut String, r: &RunReport) {
    h.push_str("<section id=\"sources\"><h2>Sources</h2>");
    if r.sources_checked > r.details.len() {
        let _ = write!(
            h,
            "<p>Showing the {} sources with the highest spin score and most findings of {} checked.</p>",
            r.details.len(),
            r.sources_checked
        );
    }
    h.push_str("<div class=\"controls\"><span>Families:");
    for letter in ['T', 'Q', 'U', 'S'] {
        let _ = write!(
            h,
            " <label><input type=\"checkbox\" class=\"fam\" value=\"{letter}\" checked> {letter}</label>"
        );
    }
    h.push_str("</span><label>Tier <select id=\"tier\"><option value=\"all\">all</option><option value=\"safe\">safe</option><option value=\"unsafe\">unsafe</option><option value=\"display-only\">display-only</option><option value=\"none\">none</option></select></label>");
    h.push_str("<label>Sort by <select id=\"sort\"><option value=\"spin\">spin score</option><option value=\"findings\">findings</option></select></label>");
    h.push_str("<button id=\"export\" type=\"button\">Export decisions</button></div>");
    h.push_str("<table id=\"source-list\"><thead><tr><th>source</th><th class=\"num\">findings</th><th class=\"num\">spin</th><th></th></tr></thead><tbody>");
    for (i, s) in r.details.iter().enumerate() {
        let _ = write!(
            h,
            "<tr id=\"row-src-{i}\" data-spin=\"{:.3}\" data-findings=\"{}\"><td><a href=\"#src-{i}\">{}</a></td><td class=\"num\">{}</td><td class=\"num\">{:.2}</td><td>{}</td></tr>",
            s.spin_score,
            s.findings,
            escape(&source_label(s)),
            s.findings,
            s.spin_score,
            if s.spun { "<span class=\"badge spun\">spun</span>" } else { "" }
        );
    }
    h.push_str("</tbody></table><div id=\"details\">");
    for (i, s) in r.details.iter().enumerate() {
        source_article(h, i, s);
    }
    h.push_str("</div><h3>Decisions</h3><p>Pick an alternative or reject for each change, then export; apply the file with <code>copyedit apply FILE</code>.</p><textarea id=\"decisions\" readonly></textarea></section>\n");
}

fn source_article(h: &mut String, i: usize, s: &SourceEntry) {
    let _ = write!(
        h,
        "<article class=\"source\" id=\"src-{i}\" data-spin=\"{:.3}\" data-findings=\"{}\" data-spun=\"{}\"><h3>{} <span class=\"badge\">{} findings</span> <span class=\"badge{}\">spin {:.2}{}</span></h3>",
        s.spin_score,
        s.findings,
        s.spun,
        escape(&source_label(s)),
        s.findings,
        if s.spun { " spun" } else { "" },
        s.spin_score,
        if s.spun { " · spun" } else { "" }
    );
    if s.changes.len() < s.findings {
        let _ = write!(
            h,
            "<p>First {} of {} findings.</p>",
            s.changes.len(),
            s.findings
        );
    }
    h.push_str("<ol class=\"changes\">");
    for c in &s.changes {
        change_item(h, s, c);
    }
    h.push_str("</ol></article>");
}

fn change_item(h: &mut String, s: &SourceEntry, c: &Change) {
    let tier = c.tier().map_or("none", Applicability::as_str);
    let _ = write!(
        h,
        "<li class=\"change family-{}\" data-family=\"{}\" data-tier=\"{tier}\" data-id=\"{}\"><div class=\"head\"><span class=\"rule\">{}</span> <span class=\"tier tier-{tier}\">{tier}</span> {} <span class=\"why\">line {}, column {}</span></div>",
        c.family,
        c.family,
        escape(&c.id),
        c.rule,
        escape(&c.message),
        c.line,
        c.column
    );
    // The change in context: the best alternative's edit, when it replaces the flagged span.
    let best = c.alternatives.first();
    let replacement = best.and_then(|a| match a.edits.as_slice() {
        [(start, end, r)] if (*start, *end) == c.span => Some(r.as_str()),
        _ => None,
    });
    h.push_str("<div class=\"diff\">");
    h.push_str(&escape(&c.before));
    if c.family == 'S' {
        let _ = write!(
            h,
            "<mark class=\"spun\"><del>{}</del></mark>",
            escape(&c.text)
        );
    } else {
        let _ = write!(h, "<del>{}</del>", escape(&c.text));
    }
    if let Some(r) = replacement {
        let _ = write!(h, "<ins>{}</ins>", escape(r));
    }
    h.push_str(&escape(&c.after));
    h.push_str("</div>");
    let decidable = s.record.is_none() && !c.alternatives.is_empty();
    if !c.alternatives.is_empty() {
        h.push_str("<div class=\"alts\">");
        for (k, a) in c.alternatives.iter().enumerate() {
            if decidable {
                let _ = write!(
                    h,
                    "<label><input type=\"radio\" name=\"d-{}\" value=\"{k}\"> {} <span class=\"tier tier-{}\">{}</span></label>",
                    escape(&c.id),
                    escape(&a.title),
                    a.applicability.as_str(),
                    a.applicability.as_str()
                );
            } else {
                let _ = write!(h, "<span>{}</span> ", escape(&a.title));
            }
        }
        if decidable {
            let _ = write!(
                h,
                "<label><input type=\"radio\" name=\"d-{}\" value=\"reject\"> reject</label>",
                escape(&c.id)
            );
        }
        h.push_str("</div>");
        if let Some(a) = best.filter(|a| !a.reason.is_empty()) {
            let _ = write!(h, "<div class=\"why\">why: {}</div>", escape(&a.reason));
        }
    }
    h.push_str("</li>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Engine;
    use crate::report::examine;
    use crate::source::Origin;
    use crate::Settings;

    fn page(texts: &[&str]) -> String {
        let engine = Engine::new(Settings::default()).unwrap();
        let mut report = RunReport::new(10);
        for (i, t) in texts.iter().enumerate() {
            let origin = Origin::File(format!("doc{i}.txt").into());
            let (entry, findings) = examine(&engine, &origin, t, i);
            report.add(entry, &findings);
        }
        report.trim();
        render(&report)
    }

    #[test]
    fn input_text_is_escaped_everywhere() {
        let html = page(&["<script>alert(1)</script> teh </textarea>"]);
        assert!(!html.contains("<script>alert(1)"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        // Only the page's own two script elements exist.
        assert_eq!(html.matches("<script").count(), 2);
        assert_eq!(html.matches("</textarea>").count(), 1);
    }

    #[test]
    fn page_has_charts_summary_and_changes() {
        let html = page(&["teh end", "all good"]);
        for id in [
            "chart-rules",
            "chart-spin",
            "chart-corrections",
            "spin-threshold",
            "summary",
        ] {
            assert!(html.contains(&format!("id=\"{id}\"")), "{id}");
        }
        assert!(html.contains("<del>teh</del><ins>the</ins>"));
        assert!(html.contains("name=\"d-0-0\""));
    }

    #[test]
    fn embedded_json_cannot_close_its_script_element() {
        let html = page(&["teh </script><script>alert(1)</script>"]);
        let start = html.find("id=\"report-data\">").unwrap();
        let end = html[start..].find("</script>").unwrap() + start;
        assert!(!html[start..end].contains('<'));
    }
}
