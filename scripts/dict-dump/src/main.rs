//! Dumps the two crate-embedded tables used by `scripts/build-dictionaries`.
//!
//! `dict-dump typos`  prints `typo<TAB>fix1<TAB>fix2...` (one line per key).
//! `dict-dump varcon` prints one line per variant:
//! `cluster<TAB>level<TAB>entry<TAB>pos<TAB>archaic<TAB>description<TAB>word<TAB>types`
//! where `types` is a comma list of `Category` or `Category:Tag`, and empty
//! fields are written as `-`.

use std::io::{self, BufWriter, Write};

fn dump_typos(out: &mut impl Write) -> io::Result<()> {
    for (key, fixes) in typos_dict::WORD.map.entries() {
        write!(out, "{}", key.into_inner())?;
        for fix in fixes.iter() {
            write!(out, "\t{fix}")?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn dump_varcon(out: &mut impl Write) -> io::Result<()> {
    for (ci, cluster) in varcon::VARCON.iter().enumerate() {
        for (ei, entry) in cluster.entries.iter().enumerate() {
            let pos = entry.pos.map_or_else(|| "-".to_owned(), |p| format!("{p:?}"));
            let desc = entry.description.unwrap_or("-").replace(['\t', '\n'], " ");
            for variant in entry.variants.iter() {
                let types: Vec<String> = variant
                    .types
                    .iter()
                    .map(|t| match t.tag {
                        Some(tag) => format!("{:?}:{:?}", t.category, tag),
                        None => format!("{:?}", t.category),
                    })
                    .collect();
                writeln!(
                    out,
                    "{ci}\t{}\t{ei}\t{pos}\t{}\t{desc}\t{}\t{}",
                    cluster.level,
                    u8::from(entry.archaic),
                    variant.word,
                    types.join(",")
                )?;
            }
        }
    }
    Ok(())
}

fn main() -> io::Result<()> {
    let what = std::env::args().nth(1).unwrap_or_default();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match what.as_str() {
        "typos" => dump_typos(&mut out)?,
        "varcon" => dump_varcon(&mut out)?,
        _ => {
            eprintln!("usage: dict-dump typos|varcon");
            std::process::exit(2);
        }
    }
    out.flush()
}
