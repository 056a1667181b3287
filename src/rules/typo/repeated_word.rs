//! `T004 repeated-word`: the same word twice in a row (`the the`).

use crate::diagnostic::{Applicability, Edit, Finding, Fix, Suggestion};
use crate::rules::typo::{adjacent_word, is_sentence_initial};
use crate::rules::{CheckContext, Family, FixSafety, Rule, RuleMeta};
use crate::text::case::{starts_with_capital, with_folded_key};
use crate::text::{Document, Span, TokenKind};

/// Flags a word repeated with only spaces between.
#[derive(Debug)]
pub struct RepeatedWord;

static META: RuleMeta = RuleMeta {
    code: "T004",
    name: "repeated-word",
    family: Family::Typo,
    summary: "The same word written twice in a row",
    explanation: r#"## What it flags
A word followed by the same word (in any case) with only spaces between:
`the the`, `to to`. Repeats that English allows are left alone (`had had`,
`that that`, `is is`, `very very`, `bye bye`), and so are repeats across
punctuation or a line break.

## Why it matters
A doubled word is a classic slip of editing that the eye skips over.

## Example
```text
assessing the the prospects   ->   assessing the prospects
```

## Fix safety
Removing the second copy is safe for articles, prepositions, conjunctions
and pronouns, which never repeat in correct prose; for other words it is
unsafe (emphatic repeats such as `many many` exist).
"#,
    default_enabled: true,
    fix_safety: FixSafety::Sometimes,
};

/// Words whose doubling can be grammatical or idiomatic.
const LEGITIMATE: &[&str] = &[
    "bye", "chop", "dum", "ha", "had", "knock", "la", "no", "now", "pooh", "so", "tsk", "tut",
    "that", "is", "very", "yeah", "yes", "hey", "oh", "really", "much", "many", "far", "more",
    "well", "there", "do", "go", "blah", "boo", "bang", "night", "again", "who", "what", "bla",
    "yada", "wait", "come", "tick", "tock", "rah", "cha", "hip", "pom", "aye", "ho", "hee", "haha",
    "mm", "hmm", "hush", "buzz", "beep", "murmur", "quack", "tweet", "woof", "ding", "dong",
    "knock", "pretty", "long", "baby", "mama", "papa", "tom", "zip", "zig", "win", "fifty", "can",
    "you", "it", "what", "why", "one", "all", "even", "just",
];

/// Words whose doubling is grammatical right after a verb: a particle then
/// a preposition (`moved in in May`, `carried on on foot`), an object then
/// a possessive (`gave her her book`). After anything else the second copy
/// is a slip (`an overseas collectivity in in 2003`, `as soon as her her`).
const AFTER_VERB: &[&str] = &["her", "in", "on", "out", "off", "over", "round"];

/// Common verb forms that neither end in `-ed`/`-ing` nor are regular.
const VERB_FORMS: &[&str] = &[
    "be", "is", "are", "was", "were", "been", "do", "does", "did", "done", "go", "goes", "went",
    "gone", "come", "comes", "came", "get", "gets", "got", "give", "gives", "gave", "given",
    "make", "makes", "made", "take", "takes", "took", "taken", "bring", "brings", "brought", "buy",
    "buys", "bought", "tell", "tells", "told", "send", "sends", "sent", "show", "shows", "shown",
    "lend", "lends", "lent", "pay", "pays", "paid", "owe", "owes", "let", "lets", "set", "sets",
    "put", "puts", "keep", "keeps", "kept", "leave", "leaves", "left", "find", "finds", "found",
    "hand", "hands", "offer", "offers", "deny", "denies", "wish", "wishes", "teach", "teaches",
    "taught", "promise", "promises", "ask", "asks", "cost", "costs", "save", "saves", "allow",
    "allows", "grant", "grants", "read", "reads", "write", "writes", "wrote", "written", "call",
    "calls", "see", "sees", "saw", "seen", "hear", "hears", "heard", "help", "helps", "like",
    "likes", "love", "loves", "move", "moves", "turn", "turns", "carry", "carries", "hold",
    "holds", "held", "run", "runs", "ran", "fall", "falls", "fell", "fallen", "break", "breaks",
    "broke", "broken", "cut", "cuts", "shut", "shuts", "draw", "draws", "drew", "drawn", "sit",
    "sits", "sat", "stand", "stands", "stood", "lock", "locks", "log", "logs", "fill", "fills",
    "sign", "signs", "check", "checks", "hang", "hangs", "hung", "pass", "passes", "spin", "spins",
    "spun", "win", "wins", "won", "wear", "wears", "wore", "worn", "throw", "throws", "threw",
    "thrown", "pull", "pulls", "push", "pushes", "look", "looks", "walk", "walks", "step", "steps",
    "pour", "pours", "rule", "rules",
];

/// Whether `word` (any case) looks like a verb form.
fn is_verb_form(word: &str) -> bool {
    with_folded_key(word, |k| {
        VERB_FORMS.contains(&k) || (k.len() > 4 && (k.ends_with("ed") || k.ends_with("ing")))
    })
}

/// Words that never repeat in correct prose.
const NEVER_DOUBLED: &[&str] = &[
    "a", "an", "the", "of", "to", "for", "with", "from", "by", "at", "as", "and", "or", "but",
    "nor", "if", "than", "into", "onto", "upon", "about", "of", "i", "we", "you", "he", "she",
    "it", "they", "me", "us", "him", "them", "my", "our", "your", "his", "its", "their", "this",
    "these", "those", "are", "was", "were", "be", "been", "has", "have", "will", "would", "should",
    "could", "which", "when", "where", "while", "after", "before", "because", "between", "during",
    "under", "without", "within", "through", "against", "among",
];

impl Rule for RepeatedWord {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document<'_>, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let tokens = doc.tokens();
        let is_hyphen = |t: Option<&crate::text::Token>| {
            t.is_some_and(|t| t.kind == TokenKind::Punct && doc.slice(t.span) == "-")
        };
        // Token index where the next run may start (after the last one).
        let mut resume = 0;
        // A run needs two more tokens after its first word.
        for i in 0..tokens.len().saturating_sub(2) {
            let token = &tokens[i];
            if token.kind != TokenKind::Word || i < resume {
                continue;
            }
            // Hot path: nearly every word is followed by something other
            // than a space and a word of the same byte length; no text is
            // sliced until it is.
            let len = token.span.end - token.span.start;
            let same_length_word_next = |at: usize| {
                matches!(
                    (tokens.get(at + 1), tokens.get(at + 2)),
                    (Some(space), Some(next)) if space.kind == TokenKind::Space
                        && next.kind == TokenKind::Word
                        && next.span.end - next.span.start == len
                )
            };
            if !same_length_word_next(i) {
                continue;
            }
            let first = doc.slice(token.span);
            // The run of copies of `first` separated by spaces only:
            // `the the the` is one finding with one fix, so that fixes of
            // neighbouring pairs never conflict (each pass of `fix` would
            // otherwise remove only every other copy).
            let mut last = i;
            while same_length_word_next(last)
                && first.eq_ignore_ascii_case(doc.slice(tokens[last + 2].span))
            {
                last += 2;
            }
            // A hyphen glued on either side makes it another construction
            // (`so-so`): that copy is not part of the run.
            if last > i && is_hyphen(tokens.get(last + 1)) {
                last -= 2;
            }
            if last == i || (i > 0 && is_hyphen(tokens.get(i - 1))) {
                continue;
            }
            // A capitalised pair in mid-sentence is a name (`Pago Pago`,
            // `Pago pago` with its second half in lowercase).
            if starts_with_capital(first) && !is_sentence_initial(doc, i) {
                continue;
            }
            resume = last + 1;
            let verdict = with_folded_key(first, |k| {
                if LEGITIMATE.contains(&k) {
                    None
                } else if AFTER_VERB.contains(&k) {
                    if adjacent_word(doc, i, true).is_none_or(is_verb_form) {
                        None
                    } else {
                        Some(Applicability::Unsafe)
                    }
                } else if NEVER_DOUBLED.contains(&k) {
                    Some(Applicability::Safe)
                } else {
                    Some(Applicability::Unsafe)
                }
            });
            let Some(applicability) = verdict else {
                continue;
            };
            if ctx.settings.is_allowed_word(first) {
                continue;
            }
            let end = tokens[last].span.end;
            let span = Span::new(token.span.start, end);
            let remove = Span::new(token.span.end, end);
            let copies = (last - i) / 2 + 1;
            let second = doc.slice(tokens[i + 2].span);
            let (message, title) = if copies == 2 {
                (
                    format!("`{first}` is repeated"),
                    format!("Remove the second `{second}`"),
                )
            } else {
                (
                    format!("`{first}` is written {copies} times in a row"),
                    format!("Keep one `{first}`"),
                )
            };
            out.push(Finding::new(&META, span, message).suggest(Suggestion {
                title,
                fix: Fix::single(Edit::delete(remove), applicability),
                reason: "the same word twice in a row".to_string(),
            }));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{assert_fires, assert_fixes_to, assert_silent};

    #[test]
    fn fires_on_doubled_words() {
        assert_fires("T004", "assessing the the prospects", &["the the"]);
        assert_fixes_to(
            "T004",
            "The the cat went to to the mat.",
            "The cat went to the mat.",
        );
    }

    #[test]
    fn particles_and_objects_repeat_only_after_verbs() {
        assert_fixes_to(
            "T004",
            "It became a collectivity in in 2003, as soon as her her eagerness waned.",
            "It became a collectivity in 2003, as soon as her eagerness waned.",
        );
    }

    #[test]
    fn silent_on_legitimate_repeats() {
        assert_silent("T004", "She had had enough. He said that that was fine.");
        assert_silent("T004", "He denies her her weekly allowance.");
        assert_silent("T004", "They moved in in May and gave her her keys.");
        assert_silent("T004", "We stopped at Pago Pago, then Pago pago again.");
        assert_silent("T004", "the end. The next; the\nthe");
        assert_silent("T004", "a so-so film, bye bye");
    }

    /// Regression (fuzz): one finding per pair made the fixes of `the the
    /// the ...` touch and conflict, so each pass of `fix` removed only every
    /// other copy and a long run never converged.
    #[test]
    fn a_run_of_copies_is_one_fix() {
        assert_fires("T004", "so the the the end", &["the the the"]);
        assert_fixes_to("T004", "so the the the end", "so the end");
        assert_fixes_to("T004", &format!("{}end", "the ".repeat(500)), "the end");
        assert_fixes_to("T004", &"TEH ".repeat(300), "TEH ");
        assert_silent("T004", "had had had");
        assert_silent("T004", "a the the-the b");
    }
}
