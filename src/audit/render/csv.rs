//! CSV for spreadsheets: one row per (directive, plan) cell — the long
//! layout, which a pivot table turns into any matrix — with the directive's
//! and the plan's attributes repeated on each row.
//!
//! Written by hand for Excel and LibreOffice: a UTF-8 byte-order mark (so
//! Excel reads Vietnamese as UTF-8), every field quoted (quotes doubled,
//! line breaks kept inside the quotes), CRLF line ends.

use std::io::{self, Write};

use crate::audit::Audit;

/// The header row.
pub(crate) const COLUMNS: [&str; 16] = [
    "directive_key",
    "number",
    "date",
    "doc_type",
    "issuer",
    "level",
    "registry_title",
    "plan",
    "plan_path",
    "plan_number",
    "plan_province",
    "plan_date",
    "relation",
    "mentions",
    "lines",
    "date_inferred",
];

/// One quoted field. A field a spreadsheet would take for a formula
/// (starting with `=`, `+` or `@`: text from a document could be crafted)
/// gets a leading apostrophe.
pub(crate) fn field(s: &str) -> String {
    let guard = if s.starts_with(['=', '+', '@']) {
        "'"
    } else {
        ""
    };
    format!("\"{guard}{}\"", s.replace('"', "\"\""))
}

/// One record: quoted fields, commas, CRLF.
pub(crate) fn record<S: AsRef<str>>(out: &mut dyn Write, fields: &[S]) -> io::Result<()> {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        out.write_all(field(f.as_ref()).as_bytes())?;
    }
    out.write_all(b"\r\n")
}

pub(crate) fn write(audit: &Audit, out: &mut dyn Write) -> io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    record(out, &COLUMNS)?;
    for d in &audit.directives {
        for c in &d.cells {
            let p = &audit.plans[c.plan];
            let lines: Vec<String> = c.mentions.iter().map(|m| m.line.to_string()).collect();
            record(
                out,
                &[
                    d.key.as_str(),
                    &d.number,
                    d.date.as_deref().unwrap_or(""),
                    &d.doc_type,
                    d.issuer.as_deref().unwrap_or(""),
                    &d.level,
                    d.title.as_deref().unwrap_or(""),
                    &format!("P{}", p.index + 1),
                    &p.path,
                    p.number.as_deref().unwrap_or(""),
                    p.province.as_deref().unwrap_or(""),
                    p.date.as_deref().unwrap_or(""),
                    c.relation.as_str(),
                    &c.count.to_string(),
                    &lines.join(" "),
                    if c.date_inferred { "yes" } else { "no" },
                ],
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        let mut out = Vec::new();
        record(
            &mut out,
            &["a", "say \"hi\"", "two\nlines", "Hà Tĩnh, 2024", "=1+1"],
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\"a\",\"say \"\"hi\"\"\",\"two\nlines\",\"Hà Tĩnh, 2024\",\"'=1+1\"\r\n"
        );
    }
}
